"""Every write to the registry: gate re-check, optimistic locking, history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils.translation import gettext as _

from safetyzone.core import access

from .models import Camera, Site


# Sent by delete_camera inside its transaction, before the delete, with `camera` and `user`, so
# other apps can move what must outlive the record (the census moves the field checks of a camera
# judged "the same camera registered twice" to the record that stays).
before_camera_delete = Signal()


class ConflictError(Exception):
    """Someone else saved the camera after this user opened it."""

    def __init__(self, current: Camera):
        super().__init__("edit conflict")
        self.current = current


SITE_FIELDS = ("name", "address", "place_type", "area")


def find_or_create_site(user, owner, **site_fields) -> Site:
    """The owner's site with this name and area, created when new."""
    if not access.can_write_org(user, owner.pk):
        raise PermissionDenied
    site, created = Site.objects.get_or_create(
        owner=owner, name=site_fields["name"], area=site_fields["area"],
        defaults={k: v for k, v in site_fields.items() if k not in ("name", "area")},
    )
    if not created:
        changed = [k for k in ("address", "place_type") if site_fields.get(k) and getattr(site, k) != site_fields[k]]
        for k in changed:
            setattr(site, k, site_fields[k])
        if changed:
            site.save(update_fields=changed)
    return site


def _check_asset_code(camera: Camera, owner_id: int) -> None:
    if camera.asset_code and Camera.objects.filter(
        site__owner_id=owner_id, asset_code=camera.asset_code
    ).exclude(pk=camera.pk).exists():
        raise ValidationError({"asset_code": _("This organisation already has a camera with asset code %(code)s.")
                               % {"code": camera.asset_code}})


@transaction.atomic
def create_camera(user, camera: Camera) -> Camera:
    owner_id = camera.site.owner_id
    if not access.can_write_org(user, owner_id):
        raise PermissionDenied
    _check_asset_code(camera, owner_id)
    camera.full_clean()
    camera._history_user = user
    camera.save()
    return camera


@transaction.atomic
def update_camera(user, camera: Camera, expected_version: int) -> Camera:
    """Save `camera` if nobody changed it since `expected_version`; else ConflictError.

    The version check and bump happen in one UPDATE, so two concurrent saves cannot both win.
    """
    access.check_write(user, Camera.objects.get(pk=camera.pk))
    if not access.can_write_org(user, camera.site.owner_id):
        raise PermissionDenied  # moving a camera to a site of an organisation one cannot edit
    _check_asset_code(camera, camera.site.owner_id)
    camera.full_clean()
    bumped = Camera.objects.filter(pk=camera.pk, version=expected_version).update(version=F("version") + 1)
    if not bumped:
        raise ConflictError(Camera.objects.select_related("site").get(pk=camera.pk))
    camera.version = expected_version + 1
    camera._history_user = user
    camera.save()
    return camera


@transaction.atomic
def delete_camera(user, camera: Camera) -> None:
    access.check_write(user, camera)
    before_camera_delete.send(sender=Camera, camera=camera, user=user)
    camera._history_user = user
    camera.delete()
