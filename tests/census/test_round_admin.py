"""A system admin, who belongs to no organisation, opens a census round for a province it
chooses; the invitations are that province's organisations."""

from datetime import date

from django.urls import reverse

from safetyzone.census.models import Round, Transition
from tests.census.round_fixtures import agency, office  # noqa: F401 (fixtures)
from tests.factories import OrganisationFactory, UserFactory

NEW = reverse("census:round_new")


def test_system_admin_chooses_the_province_then_creates_the_round(client, agency, office):
    udon = OrganisationFactory(name="เทศบาลนครอุดรธานี", kind="local_admin", area_id="410101")
    admin = UserFactory(organisation=None, role="system_admin", username="root")
    client.force_login(admin)
    listing = client.get(reverse("census:rounds")).content.decode()
    assert f'href="{NEW}"' in listing  # the list offers "new census round"
    chooser = client.get(NEW, HTTP_ACCEPT_LANGUAGE="th")
    assert chooser.status_code == 200
    html = chooser.content.decode()
    assert "เลือกจังหวัดของรอบการสำรวจ" in html and 'value="15"' in html and "อ่างทอง" in html
    page = client.get(NEW, {"province": "15"})
    assert page.status_code == 200 and "อ่างทอง" in page.content.decode()
    invited = page.context["form"].initial["organisations"]
    assert set(invited) == {agency.pk, office.pk}  # Ang Thong's organisations, not Udon Thani's
    response = client.post(f"{NEW}?province=15", {
        "title": "สำรวจกล้อง ธ.ค. ๒๕๖๙", "opens_on": "1/12/2569", "deadline": "30/12/2569", "organisations": invited})
    round_ = Round.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("census:round", args=[round_.pk])
    assert (round_.province_id, round_.created_by, round_.deadline) == ("15", admin, date(2026, 12, 30))
    assert set(round_.submissions.values_list("organisation_id", flat=True)) == {agency.pk, office.pk}
    assert Transition.objects.filter(round=round_, to_status="draft", by=admin).exists()
    # another province's organisation cannot be slipped into the round
    refused = client.post(f"{NEW}?province=15", {
        "title": "x", "opens_on": "1/12/2569", "deadline": "30/12/2569", "organisations": [udon.pk]})
    assert refused.status_code == 400 and Round.objects.count() == 1


def test_an_unknown_province_is_refused_with_a_message(client, db):
    client.force_login(UserFactory(organisation=None, role="system_admin", username="root"))
    response = client.get(NEW, {"province": "99"}, HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 400
    assert "กรุณาเลือกจังหวัดจากรายการ 99 ไม่ใช่รหัสจังหวัด" in response.content.decode()
    assert not Round.objects.exists()


def test_a_secretariat_stays_in_its_own_province(client, agency, office):
    secretariat = UserFactory(organisation=office, role="secretariat")
    client.force_login(secretariat)
    page = client.get(NEW, {"province": "41"})  # the parameter is for system admins only
    assert page.status_code == 200 and set(page.context["form"].initial["organisations"]) == {agency.pk, office.pk}
