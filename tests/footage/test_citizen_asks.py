"""Citizens' asks for footage: a public form with the investigators' bounds, a private status
link, a rate limit, and staff review before any camera owner hears of it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safetyzone.core.models import AccessLog, Notification
from safetyzone.footage.models import CitizenRequest, FootageRequest
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

pytestmark = pytest.mark.django_db
LOCAL = "%Y-%m-%dT%H:%M"


@pytest.fixture
def world(db):
    station = OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="1501")
    udon = OrganisationFactory(name="สภ.เมืองอุดรธานี", kind="police_station", area_id="4101")
    owner = OrganisationFactory(name="ร้านทองเยาวราชอ่างทอง", kind="private_business", area_id="150101",
                                contact_email="shop@example.com", contact_phone="035-611-999")
    site = SiteFactory(owner=owner, name="ร้านทองหน้าตลาด")
    cams = [CameraFactory(site=site, lat=lat, lon="100.456000", bearing_deg=None, range_m=50, retention_days=7,
                          contact_name="คุณเจ้าของ", contact_phone="081-999-0000")
            for lat in ("14.590050", "14.589950")]
    return {"station": station, "owner": owner, "cams": cams,
            "investigator": UserFactory(username="inv", organisation=station, role="investigator"),
            "head": UserFactory(organisation=station, role="org_admin"),
            "udon_investigator": UserFactory(organisation=udon, role="investigator"),
            "owner_admin": UserFactory(organisation=owner, role="org_admin")}


def ask_data(**overrides) -> dict:
    now = timezone.localtime()
    data = {"incident_type": "robbery", "description": "ถูกกระชากกระเป๋าหน้าร้านทอง",
            "starts_at": (now - timedelta(hours=5)).strftime(LOCAL), "ends_at": (now - timedelta(hours=4)).strftime(LOCAL),
            "province": "15", "lat": "14.590000", "lon": "100.456000", "name": "นางสาวมาลี ศรีสุข",
            "phone": "081-234-5678", "email": "malee@example.com", "police_report_no": "ปจว. 45/2569", "consent": "on"}
    data.update(overrides)
    return data


def send(client, ip="203.0.113.5", **overrides):
    return client.post(reverse("footage:citizen_new"), ask_data(**overrides), REMOTE_ADDR=ip)


def test_a_citizen_asks_without_an_account_and_nobody_is_contacted_yet(client, world):
    assert client.get(reverse("footage:citizen_new")).status_code == 200
    response = send(client)
    ask = CitizenRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("footage:citizen_status",
                                                                            args=[ask.token])
    assert (ask.phone, ask.status, ask.ip, ask.province_id) == ("0812345678", "pending", "203.0.113.5", "15")
    assert FootageRequest.objects.count() == 0 and Notification.objects.count() == 0


@pytest.mark.parametrize("overrides, field, message", [
    ({"ends_at": "{now-1h}", "starts_at": "{now-73h}"}, "ends_at", "ไม่เกิน 24 ชั่วโมง"),
    ({"starts_at": "{now+1h}", "ends_at": "{now+2h}"}, "starts_at", "อนาคต"),
    ({"lat": "17.410000", "lon": "102.790000"}, "lat", "นอก"),
    ({"police_report_no": ""}, "police_report_no", "บัตรประชาชน"),
    ({"phone": "12345"}, "phone", "081 234 5678"),
    ({"starts_at": "{now-9000h}", "ends_at": "{now-8999h}"}, "starts_at", "มากกว่าหนึ่งปี"),
    ({"starts_at": "0001-01-01T00:00", "ends_at": "0001-01-01T01:00"}, "starts_at", "มากกว่าหนึ่งปี"),
])
def test_bad_asks_are_refused_with_a_clear_message(client, world, overrides, field, message):
    now = timezone.localtime()
    for key, value in overrides.items():
        if value.startswith("{now"):
            overrides[key] = (now + timedelta(hours=int(value[4:-2]))).strftime(LOCAL)
    response = send(client, **overrides)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert CitizenRequest.objects.count() == 0


def test_ticking_the_id_check_replaces_the_report_number(client, world):
    assert send(client, police_report_no="", will_show_id="on").status_code == 302


def test_asks_are_limited_per_phone_and_per_connection(client, world):
    for n in range(3):
        assert send(client, ip=f"203.0.113.{n}").status_code == 302
    refused = send(client, ip="203.0.113.99")  # same phone, new connection
    assert refused.status_code == 429 and "24 ชั่วโมง" in refused.content.decode()
    for n in range(3):  # a fresh connection: 3 asks from 3 phones, then the 4th is refused
        assert send(client, ip="198.51.100.7", phone=f"08900000{n}0").status_code == 302
    assert send(client, ip="198.51.100.7", phone="0890000099").status_code == 429
    assert CitizenRequest.objects.count() == 6


def test_the_status_link_shows_only_that_ask_and_no_owner(client, world):
    send(client)
    send(client, ip="198.51.100.1", phone="0899999999", description="รถหายที่ลานจอด", name="นายสมปอง")
    mine = CitizenRequest.objects.get(phone="0812345678")
    response = client.get(reverse("footage:citizen_status", args=[mine.token]))
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store" and response["Referrer-Policy"] == "no-referrer"
    assert 'data-status="pending"' in html
    for other in ("รถหายที่ลานจอด", "นายสมปอง", "ร้านทองเยาวราช", "shop@example.com", "081-999-0000"):
        assert other not in html
    assert client.get(reverse("footage:citizen_status", args=["8f14e45f-ceea-467f-a8f4-1a2b3c4d5e6f"])).status_code == 404


def test_only_stations_of_the_province_review_and_opening_an_ask_is_logged(client, world):
    send(client)
    ask = CitizenRequest.objects.get()
    client.force_login(world["udon_investigator"])
    assert "#%s" % ask.pk not in client.get(reverse("footage:citizen_queue")).content.decode()
    assert client.get(reverse("footage:citizen_review", args=[ask.pk])).status_code == 404
    client.force_login(world["owner_admin"])
    assert client.get(reverse("footage:citizen_queue")).status_code == 403
    client.force_login(world["investigator"])
    assert f">#{ask.pk}<" in client.get(reverse("footage:citizen_queue")).content.decode()
    html = client.get(reverse("footage:citizen_review", args=[ask.pk])).content.decode()
    assert "นางสาวมาลี ศรีสุข" in html and "0812345678" in html
    entry = AccessLog.objects.latest("id")
    assert (entry.username, entry.object_type, entry.object_id) == ("inv", "footage.citizenrequest", str(ask.pk))


def test_approval_finds_the_cameras_and_sends_the_request(client, world):
    send(client)
    ask = CitizenRequest.objects.get()
    client.force_login(world["investigator"])
    response = client.post(reverse("footage:citizen_review", args=[ask.pk]),
                           {"action": "approve", "case_ref": "ปจว. 45/2569", "radius_m": "100",
                            "purpose": "คำร้องประชาชน"})
    assert response.status_code == 302
    ask.refresh_from_db()
    request = ask.request
    assert ask.status == "approved" and ask.reviewed_by == world["investigator"]
    assert (request.incident_type, request.description, request.case_ref) == (
        "robbery", "ถูกกระชากกระเป๋าหน้าร้านทอง", "ปจว. 45/2569")
    assert (request.starts_at, request.ends_at) == (ask.starts_at, ask.ends_at)
    assert {i.camera_id for i in request.items.all()} == {c.pk for c in world["cams"]}
    assert Notification.objects.filter(organisation=world["owner"]).exists()  # the owner is told now
    status = client.get(reverse("footage:citizen_status", args=[ask.token])).content.decode()
    assert 'data-status="approved"' in status and "สภ.เมืองอ่างทอง" in status
    assert "ร้านทองเยาวราช" not in status and "ร้านทองหน้าตลาด" not in status
    again = client.post(reverse("footage:citizen_review", args=[ask.pk]),
                        {"action": "approve", "case_ref": "x", "radius_m": "100", "purpose": "x"})
    assert again.status_code == 400 and FootageRequest.objects.count() == 1


def test_without_a_report_number_the_id_must_be_checked_first(client, world):
    send(client, police_report_no="", will_show_id="on")
    ask = CitizenRequest.objects.get()
    client.force_login(world["investigator"])
    data = {"action": "approve", "case_ref": "คำร้อง 7", "radius_m": "100", "purpose": "คำร้องประชาชน"}
    refused = client.post(reverse("footage:citizen_review", args=[ask.pk]), data)
    assert refused.status_code == 400 and "บัตรประชาชน" in refused.content.decode()
    assert FootageRequest.objects.count() == 0 and Notification.objects.count() == 0
    assert client.post(reverse("footage:citizen_review", args=[ask.pk]), {**data, "id_checked": "on"}).status_code == 302
    ask.refresh_from_db()
    assert ask.id_checked and ask.status == "approved"


def test_the_head_rejects_with_a_note_the_citizen_reads(client, world):
    send(client)
    ask = CitizenRequest.objects.get()
    client.force_login(world["head"])
    html = client.get(reverse("footage:citizen_review", args=[ask.pk])).content.decode()
    assert 'name="action" value="approve"' not in html  # only an investigator sends requests
    client.post(reverse("footage:citizen_review", args=[ask.pk]),
                {"action": "reject", "note": "เหตุเกิดนอกเขตกล้อง กรุณาติดต่อ สภ."})
    ask.refresh_from_db()
    assert ask.status == "rejected" and FootageRequest.objects.count() == 0
    client.logout()
    status = client.get(reverse("footage:citizen_status", args=[ask.token])).content.decode()
    assert "เหตุเกิดนอกเขตกล้อง" in status


def test_the_form_is_thai_by_default_and_english_on_request(client, world):
    thai = client.get(reverse("footage:citizen_new")).content.decode()
    for text in ("ขอภาพจากกล้องวงจรปิด", "เลขรับแจ้งความ", "หมายเลขโทรศัพท์ของท่าน", "ส่งคำร้อง"):
        assert text in thai
    assert "Send my ask" not in thai and "Your phone number" not in thai
    english = client.get(reverse("footage:citizen_new"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Send my ask" in english and "Police report number" in english


def test_an_ask_from_a_connection_without_an_ip_address_is_kept(client, world):
    # behind a Unix-socket proxy REMOTE_ADDR may be a path or a word: the ask is kept, limited by phone
    for n in range(3):
        assert send(client, ip="unknown").status_code == 302
    assert send(client, ip="unknown").status_code == 429
    assert list(CitizenRequest.objects.values_list("ip", flat=True)) == [None] * 3
