"""What an uploaded picture really is: Pillow decodes it; its name and declared type do not count."""

from PIL import Image


def image_format(upload) -> str | None:
    """Pillow's format name ("JPEG", "PNG", ...) of an uploaded file, or None when it does not
    decode as a picture. The file is left at its start for whoever reads it next."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except Exception:  # Pillow raises many kinds (OSError, SyntaxError, DecompressionBombError...)
        kind = None
    finally:
        upload.seek(0)
    return kind
