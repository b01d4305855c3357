"""Flags of field verification, seen by the secretariat: list them and acknowledge them.

A flag (a camera registered as working that the inspector found broken or missing, or found
far from its registered position) stays on the visit for good. Acknowledging it records who,
when and a note saying what was done (e.g. "the agency was told to repair it, ticket 12"); the
flags page then hides it unless asked to show acknowledged flags too. Only someone who may
assign inspections (the province's secretariat, a system admin) acknowledges, and only flags
on cameras the access gate lets them read, re-checked inside the transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.cameras.models import Camera
from safetyzone.core import access

from .models import Visit
from .verification import require_assigner, visible_visits

NOTE_MAX = 1000
OPEN, ACKNOWLEDGED, ALL = "open", "acknowledged", "all"
SHOWS = (OPEN, ACKNOWLEDGED, ALL)


def flagged_visits(user, show: str = OPEN) -> QuerySet:
    """Flagged visits the user may see: open ones (the default), acknowledged ones, or all."""
    require_assigner(user)
    visits = visible_visits(user).filter(flagged=True)
    if show == ACKNOWLEDGED:
        visits = visits.filter(acknowledged_at__isnull=False)
    elif show != ALL:
        visits = visits.filter(acknowledged_at__isnull=True)
    return visits.select_related("camera__site__owner", "inspector", "acknowledged_by")


def acknowledge(user, visit_id, note: str) -> Visit:
    """Mark a flag as seen and dealt with, keeping who, when and the note. Refused with a
    message naming the field: no note, a note too long, or a flag acknowledged already."""
    require_assigner(user)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what was done about this flag (e.g. the agency was asked to repair "
                                         "the camera).")})
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": _("The note is %(length)s characters long; at most %(max)s fit.") % {
            "length": len(note), "max": NOTE_MAX}})
    try:
        visit_id = int(visit_id)
    except (TypeError, ValueError):
        raise PermissionDenied from None
    with transaction.atomic():
        cameras = access.scope(user, Camera.objects.all()).values("pk")
        visit = (Visit.objects.select_for_update().filter(pk=visit_id, flagged=True, camera__in=cameras)
                 .first())
        if visit is None:
            raise PermissionDenied
        if visit.acknowledged_at:
            who = visit.acknowledged_by.get_full_name() or visit.acknowledged_by.username
            raise ValidationError({"note": _("This flag was already acknowledged by %(who)s.") % {"who": who}})
        visit.acknowledged_by, visit.acknowledged_at, visit.acknowledgement = user, timezone.now(), note
        visit.save(update_fields=["acknowledged_by", "acknowledged_at", "acknowledgement"])
    return visit
