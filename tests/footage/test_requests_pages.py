"""The investigator's find-and-send page, the request page and the owner's inbox, as a user sees them."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from safetyzone.footage.models import FootageRequest, ItemEvent, RequestItem
from tests.factories import CameraFactory, SiteFactory
from tests.footage.request_world import fworld  # noqa: F401 - fixture

FMT = "%Y-%m-%dT%H:%M"


def _form(**overrides) -> dict:
    now = timezone.localtime()
    data = {"lat": "14.590000", "lon": "100.456000", "radius_m": "150",
            "starts_at": (now - timedelta(hours=5)).strftime(FMT), "ends_at": (now - timedelta(hours=4)).strftime(FMT),
            "case_ref": "คดีอาญา 501/2569", "purpose": "สืบสวนคดีวิ่งราวทรัพย์", "incident_type": "robbery",
            "description": "คนร้ายขี่รถจักรยานยนต์กระชากกระเป๋า", "action": "send"}
    data.update(overrides)
    return data


def test_the_investigator_sends_a_request_for_the_chosen_cameras(fworld, client):  # noqa: F811
    client.force_login(fworld.users["investigator_p"])
    response = client.post(reverse("footage:find"), _form(cameras=[fworld.cams.a1.pk, fworld.cams.h1.pk]))
    req = FootageRequest.objects.get(case_ref="คดีอาญา 501/2569")
    assert response.status_code == 302 and response["Location"] == reverse("footage:request", args=[req.pk])
    assert set(req.items.values_list("camera_id", flat=True)) == {fworld.cams.a1.pk, fworld.cams.h1.pk}
    assert all(i.coverage is not None for i in req.items.all())  # the finder's score is kept
    page = client.get(response["Location"]).content.decode()
    assert "ส่งคำขอถึงเจ้าของกล้อง 2 ตัวแล้ว" in page and "คนร้ายขี่รถจักรยานยนต์กระชากกระเป๋า" in page
    assert page.count('class="state sent"') == 2


def test_a_camera_outside_the_investigators_scope_is_refused_and_nothing_is_sent(fworld, client):  # noqa: F811
    client.force_login(fworld.users["investigator_p"])
    response = client.post(reverse("footage:find"), _form(cameras=[fworld.cams.a1.pk, fworld.cams.b1.pk]))
    assert response.status_code == 400
    assert f"ท่านไม่มีสิทธิ์ขอภาพจากกล้อง #{fworld.cams.b1.pk}" in response.content.decode()
    assert not FootageRequest.objects.filter(case_ref="คดีอาญา 501/2569").exists()


def test_sending_without_cameras_says_so(fworld, client):  # noqa: F811
    client.force_login(fworld.users["investigator_p"])
    response = client.post(reverse("footage:find"), _form())
    assert response.status_code == 400 and "โปรดเลือกกล้องอย่างน้อยหนึ่งตัว" in response.content.decode()


def test_cameras_whose_footage_is_gone_are_listed_apart_without_a_checkbox(fworld, client):  # noqa: F811
    gone = CameraFactory(site=SiteFactory(owner=fworld.orgs.a, name="ร้านทองเยาวราช"), lat="14.590050",
                         lon="100.456050", retention_days=1, bearing_deg=None, fov_deg=None)
    now = timezone.localtime()
    client.force_login(fworld.users["investigator_p"])
    response = client.post(reverse("footage:find"), _form(
        action="search", starts_at=(now - timedelta(hours=30)).strftime(FMT),
        ends_at=(now - timedelta(hours=29)).strftime(FMT)))
    page = response.content.decode()
    gone_part = page.split("ภาพถูกบันทึกทับไปแล้ว")[1]
    assert "ร้านทองเยาวราช" in gone_part and f'value="{gone.pk}"' not in page
    assert f'value="{fworld.cams.a1.pk}"' in page.split("ภาพถูกบันทึกทับไปแล้ว")[0]  # 7 days: still there


def test_the_inbox_lists_open_items_with_overwrite_moment_and_preserve_now(fworld, client):  # noqa: F811
    client.force_login(fworld.users["editor_a"])
    page = client.get(reverse("footage:inbox")).content.decode()
    a1, a2 = fworld.items.a1, fworld.items.a2
    assert a1.camera_label in page and a2.camera_label in page and "สภ.เมืองอ่างทอง" in page
    row = page.split(a2.camera_label)[1].split("</tr>")[0]  # keeps one day: gone within 24 h
    assert "เก็บรักษาภาพทันที" in row and "อีก 2" in row  # 21 hours left
    assert "2569" in row  # Buddhist-era date


def test_opening_an_item_marks_it_seen_and_the_owner_answers(fworld, client):  # noqa: F811
    item = fworld.items.a1
    client.force_login(fworld.users["editor_a"])
    page = client.get(reverse("footage:inbox_item", args=[item.pk])).content.decode()
    item.refresh_from_db()
    assert item.status == "seen" and "คดีอาญา 123/2569" in page and 'value="preserved"' in page
    client.get(reverse("footage:inbox_item", args=[item.pk]))
    assert ItemEvent.objects.filter(item=item, to_status="seen").count() == 1  # only the first opening
    response = client.post(reverse("footage:inbox_item", args=[item.pk]), {"to": "no_footage", "reason": ""},
                           follow=True)
    assert "โปรดระบุเหตุผล" in response.content.decode()
    client.post(reverse("footage:inbox_item", args=[item.pk]), {"to": "preserved"})
    assert RequestItem.objects.get(pk=item.pk).status == "preserved"
    page = client.get(reverse("footage:inbox")).content.decode()
    assert item.camera_label in page  # preserved: still open until delivered
    client.post(reverse("footage:inbox_item", args=[item.pk]), {"to": "declined", "reason": "เจ้าของไม่ยินยอม"})
    assert item.camera_label not in client.get(reverse("footage:inbox")).content.decode()
    assert item.camera_label in client.get(reverse("footage:inbox") + "?all=1").content.decode()


def test_usability_form_appears_once_delivered_and_records_the_judgement(fworld, client):  # noqa: F811
    from safetyzone.footage import services

    item, url = fworld.items.a1, reverse("footage:request", args=[fworld.r_p.pk])
    client.force_login(fworld.users["investigator_p"])
    assert 'name="usable"' not in client.get(url).content.decode()
    services.mark_delivered(item, fworld.users["editor_a"])
    assert 'name="usable"' in client.get(url).content.decode()
    response = client.post(reverse("footage:judge", args=[fworld.r_p.pk, item.pk]), {"usable": "no", "note": ""},
                           follow=True)
    assert "โปรดบันทึกเหตุที่ภาพใช้เป็นหลักฐานไม่ได้" in response.content.decode()
    client.post(reverse("footage:judge", args=[fworld.r_p.pk, item.pk]), {"usable": "yes", "note": "เห็นหน้าคนร้ายชัด"})
    item.refresh_from_db()
    assert item.usable is True and "เห็นหน้าคนร้ายชัด" in client.get(url).content.decode()


def test_showing_camera_contacts_in_the_results_is_written_to_the_access_log(fworld, client):  # noqa: F811
    from safetyzone.core.models import AccessLog

    fworld.cams.a1.contact_name, fworld.cams.a1.contact_phone = "นายสมศักดิ์ ใจดี", "081-234-5678"
    fworld.cams.a1.save()
    client.force_login(fworld.users["investigator_p"])
    page = client.post(reverse("footage:find"), _form(action="search")).content.decode()
    assert "081-234-5678" in page
    entry = AccessLog.objects.get(action="read_contact")
    assert entry.user == fworld.users["investigator_p"] and entry.object_id == str(fworld.cams.a1.pk)
    assert "คดีอาญา 501/2569" in entry.purpose


def test_request_list_and_inbox_take_the_same_queries_for_many_requests(fworld, client):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from safetyzone.footage import services
    from tests.footage.request_world import request_data

    def queries(user, url) -> int:
        client.force_login(fworld.users[user])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = (queries("investigator_p", reverse("footage:requests")), queries("editor_a", reverse("footage:inbox")))
    for n in range(6):
        services.create_request(fworld.users["investigator_p"], request_data(case_ref=f"คดี {n}/2569"),
                                [fworld.cams.a1.pk, fworld.cams.a2.pk, fworld.cams.h1.pk])
    after = (queries("investigator_p", reverse("footage:requests")), queries("editor_a", reverse("footage:inbox")))
    assert after == before


def test_a_refused_send_keeps_the_results_and_the_choice(fworld, client):  # noqa: F811
    client.force_login(fworld.users["investigator_p"])
    response = client.post(reverse("footage:find"), _form(incident_type="", cameras=[fworld.cams.a2.pk]))
    page = response.content.decode()
    assert response.status_code == 400 and 'id="error-incident_type"' in page
    assert f'value="{fworld.cams.a2.pk}" id="cam-{fworld.cams.a2.pk}" checked' in page
    assert f'value="{fworld.cams.a1.pk}" id="cam-{fworld.cams.a1.pk}" >' in page  # left unticked
    assert "คนร้ายขี่รถจักรยานยนต์กระชากกระเป๋า" in page and not FootageRequest.objects.filter(
        case_ref="คดีอาญา 501/2569").exists()


def test_the_request_page_says_whether_each_owner_was_reached(fworld, client):  # noqa: F811
    from safetyzone.core.models import Notification
    from safetyzone.footage import services
    from safetyzone.footage.notices import MAX_ATTEMPTS
    from tests.factories import OrganisationFactory
    from tests.footage.request_world import request_data

    no_contact = OrganisationFactory(name="บ้านเลขที่ 9", kind="household", area_id="150101")
    quiet = CameraFactory(site=SiteFactory(owner=no_contact), lat="14.590000", lon="100.456000")
    req = services.create_request(fworld.users["investigator_p"], request_data(),
                                  [fworld.cams.a1.pk, fworld.cams.h1.pk, quiet.pk])
    url = reverse("footage:request", args=[req.pk])
    client.force_login(fworld.users["investigator_p"])

    def said(item_camera) -> str:
        item = req.items.get(camera=item_camera)
        return client.get(url).content.decode().split(f'id="item-{item.pk}"')[1].split("</tr>")[0]

    assert "กำลังส่งการแจ้งเตือน" in said(fworld.cams.a1)  # queued for the worker
    assert "เจ้าของกล้องไม่มีอีเมลหรือ LINE โปรดโทรแจ้ง" in said(quiet)
    rows = Notification.objects.filter(organisation=fworld.orgs.h, key__startswith=f"footage-request:{req.pk}:")
    rows.update(attempts=2, error="SMTPConnectError")
    assert "ยังแจ้งไม่สำเร็จ ระบบจะลองใหม่ทุก 15 นาที" in said(fworld.cams.h1)
    rows.update(attempts=MAX_ATTEMPTS)
    assert "แจ้งเจ้าของกล้องไม่สำเร็จ โปรดโทรแจ้ง" in said(fworld.cams.h1)
    Notification.objects.filter(organisation=fworld.orgs.a, channel="line").update(sent_at=timezone.now())
    assert "แจ้งเจ้าของกล้องทางอีเมลหรือ LINE แล้ว" in said(fworld.cams.a1)
