"""The plan pages: a new plan is queued and its page polls until it is done; the result, the
exports, the comparison, pole files; another organisation sees nothing; the list's queries
do not grow with plans."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from safetyzone.planning import plan_services
from safetyzone.planning.models import PlacementPlan, Pole
from tests.factories import UserFactory
from tests.planning import plan_world as pw
from tests.planning import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def block(client):
    station, user = pw.station_and_editor()
    client.force_login(user)
    return station, user, pw.block_road_file(station)


def form_data(rf, **kw):
    data = {"name": "แผนปีงบ 2570", "area": world.MUEANG, "road_file": rf.pk, "every_m": 40,
            "orientations": "street", "max_per_pole": 1, "budget": "150000", "phases": "", "mode": "fast",
            "gap_pct": "0.1", "time_limit_s": 60, "types-TOTAL_FORMS": 3, "types-INITIAL_FORMS": 3,
            "types-MIN_NUM_FORMS": 0, "types-MAX_NUM_FORMS": 6}
    for i, t in enumerate(plan_services.DEFAULT_CAMERA_TYPES):
        data.update({f"types-{i}-use": "on", f"types-{i}-name": str(t["name"]), f"types-{i}-camera_type": t["camera_type"],
                     f"types-{i}-cost": t["cost"], f"types-{i}-fov_deg": t["fov_deg"], f"types-{i}-range_m": t["range_m"]})
    return data | kw


def test_a_new_plan_is_queued_then_its_page_shows_the_result(block, client, settings,
                                                             django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    station, user, rf = block
    page = client.get(reverse("planning:plan_new"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "PTZ 2 MP, 25x zoom" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("planning:plan_new"), form_data(rf, phases="100,000; 50,000"),
                               HTTP_ACCEPT_LANGUAGE="en")
    plan = PlacementPlan.objects.get()
    assert response.status_code == 302 and response.url == reverse("planning:plan", args=[plan.pk])
    assert plan.status == "done" and plan.phases == [100000.0, 50000.0] and len(plan.camera_types) == 3
    status = client.get(reverse("planning:plan_status", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert status["HX-Refresh"] == "true"  # the polling page reloads to show the result
    text = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Covered demand: 0.0% now" in text and "the LP upper bound" in text and 'id="plan-cameras"' in text
    table = text.split('id="plan-cameras"')[1].split("</table>")[0]
    assert table.count("<tr><td>1</td>") + table.count("<tr><td>2</td>") == plan.cameras.count() > 0


def test_a_queued_plan_page_polls_its_progress(block, client):
    station, user, rf = block
    plan = pw.make_plan(user, rf)
    text = client.get(reverse("planning:plan", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'hx-trigger="every 1s"' in text and reverse("planning:plan_status", args=[plan.pk]) in text
    assert "HX-Refresh" not in client.get(reverse("planning:plan_status", args=[plan.pk]))


def test_an_empty_extra_camera_type_row_is_ignored(block, client):
    station, user, rf = block
    data = form_data(rf, **{"types-TOTAL_FORMS": 4, "types-3-camera_type": "bullet"})  # the blank row as sent
    r = client.post(reverse("planning:plan_new"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 302 and len(PlacementPlan.objects.get().camera_types) == 3


def test_the_form_refuses_a_budget_below_the_cheapest_camera_and_phases_that_do_not_add_up(block, client):
    station, user, rf = block
    r = client.post(reverse("planning:plan_new"), form_data(rf, budget="20000"), HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400 and "is less than the cheapest camera (22,000.00 baht)" in r.content.decode()
    r = client.post(reverse("planning:plan_new"), form_data(rf, phases="100000; 40000"), HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400 and "The yearly budgets add up to 140,000.00 baht" in r.content.decode()
    assert not PlacementPlan.objects.exists()


def test_exports_of_a_finished_plan(block, client):
    station, user, rf = block
    plan = pw.make_plan(user, rf, phases=[100000, 50000])
    plan_services.run_plan(plan.pk, 40, "th")
    book = load_workbook(io.BytesIO(b"".join(client.get(reverse("planning:plan_xlsx", args=[plan.pk])).streaming_content)))
    rows = list(book["กล้องตามแผน - Cameras"].iter_rows(values_only=True))
    assert rows[0][0] == "ปี (ระยะ) / Phase (year)" and len(rows) - 1 == plan.cameras.count()
    assert sum(r[9] for r in rows[1:]) == pytest.approx(float(PlacementPlan.objects.get().cost_total))
    pdf = client.get(reverse("planning:plan_pdf", args=[plan.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_two_plans_side_by_side(block, client):
    station, user, rf = block
    a, b = pw.make_plan(user, rf, name="ก", budget=Decimal("60000")), pw.make_plan(user, rf, name="ข")
    for p in (a, b):
        plan_services.run_plan(p.pk, 40, "en")
    r = client.get(reverse("planning:plan_compare"), {"a": a.pk, "b": b.pk}, HTTP_ACCEPT_LANGUAGE="en")
    text = r.content.decode()
    assert r.status_code == 200 and 'id="comparison"' in text
    assert "each extra 100,000 baht adds" in text


def test_another_organisation_sees_no_plan(block, client):
    station, user, rf = block
    plan = pw.make_plan(user, rf)
    stranger = UserFactory(organisation=world.org("local_admin", area="410101"), role="editor")
    client.force_login(stranger)
    assert client.get(reverse("planning:plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("planning:plan_xlsx", args=[plan.pk])).status_code == 404
    assert plan.name not in client.get(reverse("planning:plans")).content.decode()


def test_the_plan_list_does_not_query_per_plan(block, client, django_assert_max_num_queries):
    station, user, rf = block
    for i in range(12):
        pw.make_plan(user, rf, name=f"แผน {i}")
    with django_assert_max_num_queries(12):
        r = client.get(reverse("planning:plans"))
    assert r.status_code == 200 and r.content.decode().count("แผน ") >= 12


def test_a_pole_file_is_loaded_or_refused_with_its_rows(block, client):
    station, user, rf = block
    book = Workbook()
    book.active.append(["ref", "lat", "lon", "max cameras"])
    book.active.append(["เสา 1", 14.59, 100.45, 2])
    book.active.append(["เสา 2", "๑๔.๕๙๑", "100.451", ""])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "poles.xlsx"
    r = client.post(reverse("planning:pole_upload"), {"name": "เสาไฟ", "area": world.MUEANG, "file": data})
    assert r.status_code == 302
    assert sorted(Pole.objects.values_list("ref", "max_cameras")) == [("เสา 1", 2), ("เสา 2", 1)]
    bad = io.BytesIO("ref,lat,lon\nA,14.59,100.45\nB,51.5,-0.12\nC,abc,100.4\n".encode())
    bad.name = "poles.csv"
    r = client.post(reverse("planning:pole_upload"), {"name": "ผิด", "area": world.MUEANG, "file": bad},
                    HTTP_ACCEPT_LANGUAGE="en")
    text = r.content.decode()
    assert r.status_code == 400 and "Row 3: the point 51.5, -0.12 is outside Thailand." in text and "Row 4:" in text
    assert Pole.objects.count() == 2  # nothing of the refused file


def test_the_plan_page_does_not_query_per_camera(block, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from safetyzone.planning.models import PlanCamera

    station, user, rf = block
    plan = pw.make_plan(user, rf)
    plan_services.run_plan(plan.pk, 40, "en")
    url = reverse("planning:plan", args=[plan.pk])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    first = plan.cameras.first()
    PlanCamera.objects.bulk_create([PlanCamera(plan=plan, phase=1, lat=first.lat, lon=first.lon, bearing_deg=i,
                                               fov_deg=90, range_m=40, type_name="x", camera_type="bullet",
                                               cost=Decimal("1000"), gain=0.1) for i in range(20)])
    with CaptureQueriesContext(connection) as many:
        text = client.get(url).content.decode()
    assert len(many) == len(few) and text.count("14.59") > 20


def test_computing_again_keeps_the_pole_spacing(block, client, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    station, user, rf = block
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("planning:plan_new"), form_data(rf, every_m=75))
    plan = PlacementPlan.objects.get()
    first = plan.progress
    assert plan.status == "done" and "75" in first
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("planning:plan_rerun", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == "done" and plan.progress == first
