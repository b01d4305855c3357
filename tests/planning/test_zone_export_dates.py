"""The zone comparison and the weekly patrol report as XLSX give dates in the Buddhist era for a
Thai reader (as the pages do), not Christian-era date cells."""

from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from safetyzone.planning.models import PatrolCheckin, PatrolPoint, PatrolShift
from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 9)


@pytest.fixture
def editor(client):
    user = UserFactory(organisation=world.org("police_station", area=world.MUEANG), role="editor")
    client.force_login(user)
    return user


def book(response):
    return load_workbook(BytesIO(b"".join(response.streaming_content)))


def test_zone_xlsx_gives_the_meeting_date_in_the_buddhist_era(client, editor):
    world.zone(editor.organisation, status="selected", decided_at=timezone.now(), meeting_date=date(2026, 3, 2),
               meeting_ref="1/2569")
    rows = list(book(client.get(reverse("planning:zones_xlsx"))).active.values)
    column = rows[0].index("วันที่ประชุม")
    assert rows[1][column] == "2 มี.ค. 2569"
    english = list(book(client.get(reverse("planning:zones_xlsx"), HTTP_ACCEPT_LANGUAGE="en")).active.values)
    assert english[1][column] == "2026-03-02"


def test_patrol_xlsx_gives_days_and_check_in_times_in_the_buddhist_era(client, editor):
    zone = world.zone(editor.organisation)
    point = PatrolPoint.objects.create(zone=zone, name="หน้าวัด", lat=Decimal("14.5935"), lon=Decimal("100.4550"))
    PatrolShift.objects.create(zone=zone, weekdays=[0], starts=time(20), ends=time(22))
    c = PatrolCheckin.objects.create(point=point, officer=editor, accepted=False, reason="too_far:240")
    PatrolCheckin.objects.filter(pk=c.pk).update(checked_at=timezone.make_aware(datetime(2026, 11, 9, 21, 5)))
    workbook = book(client.get(reverse("planning:patrol_report_xlsx", args=[zone.pk]), {"week": MONDAY.isoformat()}))
    rounds, refused = list(workbook.worksheets[0].values), list(workbook.worksheets[1].values)
    assert rounds[1][0] == "9 พ.ย. 2569" and rounds[1][2:4] == ("20:00", "22:00")
    assert refused[1][0] == "9 พ.ย. 2569 21:05"
