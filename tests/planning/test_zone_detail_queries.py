"""The zone page costs the same queries however many tasks, patrol points and decisions it shows."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetyzone.planning import zone_services
from safetyzone.planning.models import PatrolPoint, ZoneTask
from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db


def add_rows(zone, user, n):
    for i in range(n):
        ZoneTask.objects.create(zone=zone, kind="lighting", detail=f"ไฟ {i}", due_on=date(2026, 1, 1))
        PatrolPoint.objects.create(zone=zone, name=f"จุด {i}", lat=Decimal("14.5935"), lon=Decimal("100.4550"))
        status = "selected" if i % 2 == 0 else "not_selected"
        zone_services.record_decision(user, zone, status=status, meeting_date=date(2026, 1, 1) + timedelta(days=i),
                                      meeting_ref=f"{i}/2569")


def test_zone_page_queries_do_not_grow_with_tasks_points_and_decisions(client):
    station = world.org("police_station", area=world.MUEANG)
    editor = UserFactory(organisation=station, role="editor")
    client.force_login(editor)
    zone = world.zone(station)
    add_rows(zone, editor, 1)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("planning:zone", args=[zone.pk])).status_code == 200
    add_rows(zone, editor, 8)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("planning:zone", args=[zone.pk])).content.decode()
    assert len(many) == len(few)
    assert "ไฟ 7" in page and "7/2569" in page
