"""Helpers shared by the API tests."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

ROLES = ["viewer_a", "editor_a", "org_admin_a", "household", "investigator",
         "secretariat", "committee", "sysadmin", "anonymous", "bad_token"]


def client_for(world, role: str, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if role == "bad_token":
        client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    elif role != "anonymous":
        token, _ = Token.objects.get_or_create(user=world.users[role])
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def camera_body(site, **overrides) -> dict:
    body = {
        "site_id": site.pk, "lat": 14.5901, "lon": 100.4561, "sector": "public",
        "camera_type": "dome", "signal": "ip", "status": "working", "network_link": "centre",
        "fov_deg": 90, "bearing_deg": 180, "range_m": 40, "retention_days": 15,
    }
    body.update(overrides)
    return body
