"""Risk point photos: decoded by Pillow before they are kept (the name and the declared type do
not count), stored under MEDIA_ROOT with a random name and the extension of what they really
are; they leave the server only through the gated view (risk_action_views.photo)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from safetyzone.core.images import image_format

from .models import RiskPhoto, RiskPoint

MAX_PHOTO_BYTES = getattr(settings, "SAFETYZONE_RISK_PHOTO_MAX_BYTES", 10 * 1024 * 1024)
MAX_PHOTOS_PER_UPLOAD = 10
MAX_PHOTOS_PER_POINT = 30
# Pillow format -> the extension the photo is stored (and served) with
FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}


def check_photos(files) -> list[str]:
    """Refuse files that are too many, too large or not pictures; returns each file's stored
    extension. Raises one ValidationError naming every refused file."""
    files = list(files or [])
    if len(files) > MAX_PHOTOS_PER_UPLOAD:
        raise ValidationError({"photos": _("At most %(n)s photos at a time.") % {"n": MAX_PHOTOS_PER_UPLOAD}})
    problems, kinds = [], []
    for f in files:
        if f.size > MAX_PHOTO_BYTES:
            problems.append(_("“%(name)s” is larger than %(mb)s MB.") % {
                "name": f.name, "mb": MAX_PHOTO_BYTES // (1024 * 1024)})
            continue
        kind = image_format(f)
        if kind not in FORMATS:
            problems.append(_("“%(name)s” is not a photo (JPEG, PNG, WebP or GIF).") % {"name": f.name})
        kinds.append(FORMATS.get(kind))
    if problems:
        raise ValidationError({"photos": problems})
    return kinds


def store(user, point: RiskPoint, files, kinds, stored: list) -> None:
    if point.photos.count() + len(files) > MAX_PHOTOS_PER_POINT:
        raise ValidationError({"photos": _("A risk point keeps at most %(n)s photos.") % {"n": MAX_PHOTOS_PER_POINT}})
    for f, ext in zip(files, kinds):
        photo = RiskPhoto(risk_point=point, uploaded_by=user, caption=f.name[:200])
        photo.image.save(f"{uuid.uuid4().hex}.{ext}", f, save=False)
        stored.append(photo.image.name)
        photo.save()


def with_cleanup(work):
    """Run `work(stored)`; if it fails, remove the photo files it stored (their rows are gone
    with the transaction)."""
    stored: list[str] = []
    try:
        return work(stored)
    except BaseException:
        for name in stored:
            RiskPhoto.image.field.storage.delete(name)
        raise
