"""A citizen marks the incident on the map of the public ask form, sends the ask without an
account and lands on their private status page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from safetyzone.footage.models import CitizenRequest
from tests.browser.helpers import BROWSER_TEST
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory

pytestmark = BROWSER_TEST


@pytest.fixture
def served(db):
    OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="1501")
    CameraFactory(site=SiteFactory(owner=OrganisationFactory(kind="private_business", area_id="150101")),
                  lat="14.590000", lon="100.456000")


def test_citizen_clicks_the_map_and_follows_the_ask(page, served):
    page.goto("/footage/ask/")
    map_box = page.locator("#incident-map")
    expect(map_box).to_be_visible()
    page.wait_for_function("window.__testMaps && window.__testMaps.length > 0")
    map_box.scroll_into_view_if_needed()
    page.evaluate("window.__testMaps[0].setView([14.5900, 100.4560], 17, {animate: false})")
    map_box.click()  # Playwright scrolls the map into view and clicks its centre
    lat, lon = float(page.input_value("#id_lat")), float(page.input_value("#id_lon"))
    assert abs(lat - 14.59) < 0.0005 and abs(lon - 100.456) < 0.0005
    now = timezone.localtime()
    page.select_option("#id_incident_type", "theft")
    page.fill("#id_description", "รถจักรยานยนต์หายหน้าตลาด")
    page.fill("#id_starts_at", (now - timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (now - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"))
    page.select_option("#id_province", "15")
    page.fill("#id_name", "นายสมชาย ใจดี")
    page.fill("#id_phone", "081 234 5678")
    page.check("#id_will_show_id")
    page.check("#id_consent")
    page.get_by_role("button", name="ส่งคำร้อง").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "pending")
    expect(page.get_by_text("กรุณานำบัตรประชาชนไปแสดงที่สถานีตำรวจ")).to_be_visible()
    ask = CitizenRequest.objects.get()
    assert page.url.endswith(f"/footage/ask/{ask.token}/")
    assert (ask.phone, ask.will_show_id, round(float(ask.lat), 3)) == ("0812345678", True, 14.59)
