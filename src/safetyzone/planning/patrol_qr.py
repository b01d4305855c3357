"""QR codes of patrol points (segno, pure Python): each encodes the point's check-in URL on the
deployed site (settings.SITE_URL), so a printed sheet works whatever machine printed it."""

from __future__ import annotations

from io import BytesIO

import segno
from django.conf import settings
from django.urls import reverse

from .models import PatrolPoint


def checkin_url(point: PatrolPoint) -> str:
    return settings.SITE_URL + reverse("planning:checkin", args=[point.token])


def qr(point: PatrolPoint) -> segno.QRCode:
    # error level M survives a scratched or rained-on print; one URL fits in a small version
    return segno.make_qr(checkin_url(point), error="m")


def svg_inline(point: PatrolPoint, scale: int = 5) -> str:
    """An <svg> element for the printable page (no XML declaration, sized in mm by CSS)."""
    return qr(point).svg_inline(scale=scale, border=2, title=point.name, omitsize=True)


def png_bytes(point: PatrolPoint, scale: int = 8) -> bytes:
    out = BytesIO()
    qr(point).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
