"""The investigator's request page: it leads to the case's evidence page, and showing the camera
owners' phones there is written to the access log (a household's phone is a person's)."""

import pytest
from django.urls import reverse

from safetyzone.core.models import AccessLog

from tests.footage.evidence_world import make_world


@pytest.fixture
def world(db):
    return make_world()


def test_the_request_page_links_to_the_evidence_page(client, world):
    client.force_login(world.investigator)
    page = client.get(reverse("footage:request", args=[world.request.pk]))
    assert page.status_code == 200
    assert reverse("footage:evidence_case", args=[world.request.pk]) in page.content.decode()


def test_showing_the_owners_phone_on_the_request_page_is_logged(client, world):
    world.owner.contact_phone = "081-555-0101"
    world.owner.save()
    client.force_login(world.head)
    page = client.get(reverse("footage:request", args=[world.request.pk]), REMOTE_ADDR="10.9.8.7")
    assert "081-555-0101" in page.content.decode()
    entry = AccessLog.objects.get(action="read_contact")
    assert (entry.username, entry.object_id, entry.ip) == (world.head.username, str(world.owner.pk), "10.9.8.7")
    assert "123/2569" in entry.purpose


def test_an_owner_without_a_phone_writes_no_contact_read(client, world):
    client.force_login(world.investigator)
    assert client.get(reverse("footage:request", args=[world.request.pk])).status_code == 200
    assert not AccessLog.objects.filter(action="read_contact").exists()
