"""The demo has footage requests in several states for the Udon Thani investigator."""

from django.urls import reverse

from safetyzone.core import demo
from safetyzone.footage.models import FootageRequest
from tests.demo_fixtures import loaded  # noqa: F401 (fixture)


def test_the_demo_investigator_has_requests_in_every_answer_state(loaded, db, client):  # noqa: F811
    requests = FootageRequest.objects.filter(requested_by__username="detective_udon").order_by("created_at")
    assert [(r.case_ref, r.status) for r in requests] == [("คดีอาญา 987/2569", "closed"),
                                                          ("คดีอาญา 1021/2569", "open")]
    states = [sorted(r.items.values_list("status", flat=True)) for r in requests]
    assert states == [["declined", "preserved"], ["no_footage", "preserved", "seen", "sent"]]
    assert all(i.owner.province_id == "41" and i.overwrite_at or i.camera.retention_days is None
               for r in requests for i in r.items.all())
    client.post(reverse("login"), {"username": "detective_udon", "password": demo.PASSWORD})
    page = client.get(reverse("footage:requests")).content.decode()
    assert "คดีอาญา 1021/2569" in page and "คดีอาญา 987/2569" in page
    client.post(reverse("login"), {"username": "udon_editor", "password": demo.PASSWORD})
    assert "คดีอาญา 1021/2569" in client.get(reverse("footage:inbox")).content.decode()  # the municipality's
    client.post(reverse("login"), {"username": "police_angthong", "password": demo.PASSWORD})
    assert client.get(reverse("footage:request", args=[requests[0].pk])).status_code == 404


def test_loading_the_demo_again_adds_no_request(loaded, db):  # noqa: F811
    from safetyzone.core.demo import footage

    assert footage.load() == 0
    assert FootageRequest.objects.filter(requested_by__username="detective_udon").count() == 2
    assert footage.load(reset=True) == 2
    assert FootageRequest.objects.filter(requested_by__username="detective_udon").count() == 2
