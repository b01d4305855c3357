"""A duplicate removed: its field checks go to the record that stays.

When the secretariat has judged two records "the same camera registered twice" (the verdict in
force), the agency whose record goes deletes it. The inspections and visits of the removed record
are proof that this one physical camera exists and works, so they move to the record that stays
instead of blocking the deletion (a visit is never deleted by a cascade: census.Visit). Without a
"same camera" verdict nothing moves and a visited camera still cannot be deleted.
"""

from django.db.models import Q

from safetyzone.census.models import DuplicateDecision, DuplicateVerdict, Inspection, Visit


def kept_twin(camera) -> int | None:
    """The id of the record judged the same camera as `camera` (the latest such verdict), or None."""
    pair = (DuplicateDecision.objects.filter(Q(camera_a=camera) | Q(camera_b=camera), verdict=DuplicateVerdict.SAME)
            .order_by("-decided_at", "-id").values_list("camera_a_id", "camera_b_id").first())
    if pair is None:
        return None
    return pair[1] if pair[0] == camera.pk else pair[0]


def move_field_checks(sender, camera, user, **kwargs) -> None:
    """Receiver of cameras.services.before_camera_delete (runs in the delete's transaction)."""
    twin = kept_twin(camera)
    if twin is None:
        return
    Inspection.objects.filter(camera_id=camera.pk).update(camera_id=twin)
    Visit.objects.filter(camera_id=camera.pk).update(camera_id=twin)
