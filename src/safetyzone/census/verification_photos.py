"""Is an uploaded visit photo really a picture? Pillow decodes it; the name and type do not count."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from safetyzone.core.images import image_format

MAX_PHOTO_BYTES = 25 * 1024 * 1024
# Pillow format -> file extension and content type when the photo is served again.
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "MPO": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"),
           "WEBP": ("webp", "image/webp"), "GIF": ("gif", "image/gif")}
CONTENT_TYPES = {ext: ctype for ext, ctype in FORMATS.values()}


def check_photo(photo) -> None:
    """Raise a ValidationError unless `photo` (an UploadedFile) decodes as a picture; on success
    its name gets the extension of what it really is."""
    if not photo:
        raise ValidationError({"photo": _("Take a photo of the camera (or of the place where it should be).")})
    if photo.size > MAX_PHOTO_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 25 MB. Take it again at a lower size.")})
    kind = image_format(photo)
    if kind not in FORMATS:
        raise ValidationError({"photo": _("The file “%(name)s” is not a photo (JPEG, PNG or WebP). "
                                          "Take the photo again with the camera button.") % {"name": photo.name}})
    photo.name = f"photo.{FORMATS[kind][0]}"
