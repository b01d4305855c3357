"""The camera tally (per-area counts and sums the dashboard's country and province views read)
stays equal to a fresh GROUP BY over the cameras after every way the registry is written, and
the dashboard shows the same figures from it as from the cameras themselves."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safetyzone.cameras import services, tally
from safetyzone.cameras.models import Camera, Site
from safetyzone.cameras.tally import CameraTally
from safetyzone.census import verification
from safetyzone.core import access
from safetyzone.census.importing import run_import
from safetyzone.dashboard import selectors
from safetyzone.dashboard.drill import resolve
from safetyzone.dashboard.selectors import CameraFigures
from tests.census.helpers import camera_row, write_csv
from tests.census.verification_helpers import fix_near, png
from tests.demo_fixtures import loaded  # noqa: F401 (fixture)
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory


def assert_in_step():
    """The tally holds exactly what grouping the cameras now gives."""
    assert tally.stored_rows() == tally.fresh_rows()


def cell(area: str, status: str, link: str = "centre"):
    """(cameras, maintenance budget sum, purchase cost sum) the tally holds for one group of an
    area, or of a province's total when `area` is a province code."""
    row = CameraTally.objects.filter(kind=tally.CELL, area_id=area, status=status, network_link=link,
                                     rollup=len(area) == 2).first()
    return (row.n, row.maint, row.cost) if row else (0, None, None)


@pytest.fixture
def town(db):
    return OrganisationFactory(kind="local_admin", area_id="150101")


@pytest.fixture
def editor(town):
    return UserFactory(organisation=town, role="editor")


def test_edit_move_and_delete_through_the_registry_services(town, editor):
    site = SiteFactory(owner=town, area_id="150101")
    first = CameraFactory(site=site, maintenance_budget=Decimal("1200.50"), purchase_cost=Decimal("9000"))
    CameraFactory(site=site, maintenance_budget=Decimal("800"), purchase_cost=Decimal("8000"))
    assert cell("150101", "working") == (2, Decimal("2000.50"), Decimal("17000"))
    assert_in_step()

    first.status, first.maintainer = "broken", "บริษัท ซ่อมดี จำกัด"
    services.update_camera(editor, first, first.version)
    assert cell("150101", "working") == (1, Decimal("800"), Decimal("8000"))
    assert cell("150101", "broken") == (1, Decimal("1200.50"), Decimal("9000"))
    assert cell("15", "broken") == (1, Decimal("1200.50"), Decimal("9000"))
    assert CameraTally.objects.get(kind=tally.MAINTAINER, area_id="150101").name == "บริษัท ซ่อมดี จำกัด"
    assert_in_step()

    first.site = SiteFactory(owner=town, area_id="150201")  # moved to a site in Chaiyo district
    services.update_camera(editor, first, first.version)
    assert cell("150101", "broken") == (0, None, None)
    assert cell("150201", "broken") == (1, Decimal("1200.50"), Decimal("9000"))
    assert cell("15", "broken") == (1, Decimal("1200.50"), Decimal("9000"))  # same province
    assert_in_step()

    services.delete_camera(editor, first)
    assert not CameraTally.objects.filter(area_id="150201").exists()
    assert cell("15", "broken") == (0, None, None) and cell("15", "working")[0] == 1
    assert_in_step()


def test_correcting_a_sites_area_moves_its_cameras_in_the_tally(town):
    site = SiteFactory(owner=town, area_id="150101")
    CameraFactory.create_batch(3, site=site, network_link="centre", network_name="ศูนย์ สภ.เมืองอ่างทอง")
    site.area_id = "410101"  # the site was filed under the wrong province
    site.save()
    assert cell("150101", "working") == (0, None, None) and cell("410101", "working")[0] == 3
    centre = CameraTally.objects.get(kind=tally.CENTRE, rollup=False)
    assert (centre.area_id, centre.name, centre.n) == ("410101", "ศูนย์ สภ.เมืองอ่างทอง", 3)
    # the province totals the country view reads moved too
    assert not CameraTally.objects.filter(province_id="15").exists()
    total = CameraTally.objects.get(kind=tally.CENTRE, rollup=True)
    assert (total.area_id, total.province_id, total.n) == ("41", "41", 3)
    assert_in_step()


def test_bulk_writes_keep_the_tally(town):
    sites = [SiteFactory(owner=town, area_id="150301"), SiteFactory(owner=town, area_id="150302")]
    Camera.objects.bulk_create([
        Camera(site_id=sites[i % 2].pk, lat="14.6", lon="100.4", sector="public", camera_type="dome", signal="ip",
               status="working", network_link="local", purchase_cost=Decimal("5000")) for i in range(6)])
    assert cell("150301", "working", "local") == (3, None, Decimal("15000"))
    assert_in_step()

    Camera.objects.filter(site=sites[0]).update(status="under_repair", maintenance_budget=Decimal("300"))
    assert cell("150301", "under_repair", "local") == (3, Decimal("900"), Decimal("15000"))
    assert_in_step()

    cameras = list(Camera.objects.filter(site=sites[1]))
    for c in cameras:
        c.network_link, c.network_name = "centre", "ศูนย์เทศบาล"
    Camera.objects.bulk_update(cameras, ["network_link", "network_name"])
    assert cell("150302", "working", "centre")[0] == 3
    assert_in_step()

    Camera.objects.filter(site=sites[1]).update(version=5)  # no tally field: nothing to refresh
    Camera.objects.filter(site=sites[0]).delete()
    assert not CameraTally.objects.filter(area_id="150301").exists()
    assert_in_step()


def test_deleting_a_camera_read_before_its_site_moved_leaves_no_ghost(town):
    camera = CameraFactory(site=SiteFactory(owner=town, area_id="150101"))
    read_earlier = Camera.objects.get(pk=camera.pk)  # as a delete page opened before the move
    camera.site.area_id = "150201"
    camera.site.save()  # the site's area corrected: its camera moves with it
    assert cell("150201", "working")[0] == 1
    read_earlier.delete()
    assert cell("150201", "working") == (0, None, None) and cell("150101", "working") == (0, None, None)
    assert_in_step()


def test_repairing_a_cameras_district_copy_regroups_the_tally(town):
    camera = CameraFactory(site=SiteFactory(owner=town, area_id="150101"))
    Camera.objects.filter(pk=camera.pk).update(district_id="1502")  # a repair of the stored copy
    assert CameraTally.objects.get(kind=tally.CELL, rollup=False).district_id == "1502"
    assert_in_step()


def test_import_creates_and_updates_in_one_refresh(town, editor, tmp_path):
    rows = [camera_row(i, **{"Maintained by": "หจก. ช่างกล้อง", "Yearly maintenance budget (baht)": "1500"})
            for i in range(6)]
    write_csv(tmp_path / "a.csv", rows)
    assert run_import(editor, town, tmp_path / "a.csv").created == 6
    assert cell("150101", "working", "none") == (6, Decimal("9000"), None)
    assert_in_step()

    rows[0].update({"รหัสพื้นที่": "150201", "สถานที่ติดตั้ง": "ตลาดไชโย"})  # moves to Chaiyo
    rows[1]["สถานะ"] = "ชำรุด"
    write_csv(tmp_path / "b.csv", rows)
    result = run_import(editor, town, tmp_path / "b.csv")
    assert result.updated == 2, result.problems[:3]
    assert cell("150101", "working", "none") == (4, Decimal("6000"), None)
    assert cell("150101", "broken", "none") == (1, Decimal("1500"), None)
    assert cell("150201", "working", "none") == (1, Decimal("1500"), None)
    broken = CameraTally.objects.get(kind=tally.MAINTAINER, rollup=True)
    assert (broken.name, broken.n, broken.maint) == ("หจก. ช่างกล้อง", 1, Decimal("1500"))
    assert_in_step()


def test_field_verification_result_counts_the_camera_as_not_working(db):
    office = OrganisationFactory(kind="provincial_office", area_id="1501")
    secretariat = UserFactory(organisation=office, role="secretariat")
    inspector = UserFactory(organisation=office, role="committee")
    town = OrganisationFactory(kind="local_admin", area_id="150101")
    camera = CameraFactory(site=SiteFactory(owner=town), status="working")
    inspection = verification.assign(secretariat, [camera.pk], inspector)[0]
    fix = fix_near(camera)
    verification.record_visit(inspector, inspection.pk, result="not_found", lat=fix["lat"], lon=fix["lon"],
                              accuracy=fix["accuracy"], fix_ms=fix["fix_ms"], photo=png(), new_lat=None,
                              new_lon=None, note="")
    assert cell("150101", "working") == (0, None, None) and cell("150101", "not_working")[0] == 1
    assert_in_step()


def test_rebuild_command_repairs_a_tally_written_around(town, capsys):
    CameraFactory.create_batch(2, site=SiteFactory(owner=town))
    CameraTally.objects.all().delete()  # as after cameras written with raw SQL outside the writers
    call_command("rebuild_tally")
    assert "rebuilt" in capsys.readouterr().out
    assert cell("150101", "working")[0] == 2
    assert_in_step()


# --- the dashboard: the same figures from the tally as from the cameras --------------------

def figures(user, area: str = "", live: bool = False) -> dict:
    drill = resolve(user, {"area": area} if area else {})
    f = CameraFigures(drill, live=live)
    return {"tally": f.tally() is not None, "cells": sorted(f.cells, key=repr),
            "maintainers": f.maintainers, "centres": f.centres}


def test_demo_load_keeps_the_tally_and_the_dashboard_reads_the_same_figures(loaded, db):  # noqa: F811
    assert_in_step()
    users = get_user_model().objects
    admin, secretariat = users.get(username="admin"), users.get(username="secretariat")
    for user, area in ((admin, ""), (admin, "15"), (admin, "41"), (secretariat, "")):
        from_tally, live = figures(user, area), figures(user, area, live=True)
        assert from_tally["tally"] and not live["tally"]
        assert from_tally["cells"] and from_tally["maintainers"] and from_tally["centres"]
        assert {k: v for k, v in from_tally.items() if k != "tally"} == {k: v for k, v in live.items()
                                                                          if k != "tally"}
    assert sum(c["n"] for c in figures(secretariat)["cells"]) == 860  # Ang Thong's census (seed 002 L152)


def test_narrow_scopes_and_levels_group_the_cameras_themselves(loaded, db):  # noqa: F811
    admin = get_user_model().objects.get(username="admin")
    station = OrganisationFactory(kind="police_station", area_id="1501")
    investigator = UserFactory(organisation=station, role="investigator")
    assert not figures(admin, "1501")["tally"]  # a district: live
    assert not figures(investigator, "15")["tally"]  # a station's scope is not whole areas


def test_country_view_groups_the_tally_not_the_cameras(loaded, db):  # noqa: F811
    admin = get_user_model().objects.get(username="admin")
    with CaptureQueriesContext(connection) as queries:
        f = CameraFigures(resolve(admin, {}))
        assert f.cells and f.maintainers and f.centres
    grouped = [q["sql"] for q in queries if "GROUP BY" in q["sql"]]
    assert len(grouped) == 3 and all('FROM "cameras_cameratally"' in sql for sql in grouped)


def test_cached_dashboard_shows_writes_that_leave_no_camera_history(loaded, db, monkeypatch):  # noqa: F811
    """At the national scale the wide levels are cached under the registry's version; moving a
    site (its cameras follow with a queryset update) and a queryset update write no camera
    history, and must still show at once."""
    monkeypatch.setattr(selectors, "CACHE_MIN_TOTAL", 0)  # cache the demo's small answers too
    admin = get_user_model().objects.get(username="admin")
    shown = figures(admin)
    assert shown == figures(admin)  # the second view comes from the cache
    site = Site.objects.filter(province_id="15", cameras__isnull=False).first()
    site.area_id = "410101"
    site.save()
    shown, live = figures(admin), figures(admin, live=True)
    assert {k: v for k, v in shown.items() if k != "tally"} == {k: v for k, v in live.items() if k != "tally"}
    Camera.objects.filter(province_id="41").update(status="broken")
    by_status = CameraFigures(resolve(admin, {})).by("status")
    assert by_status["broken"]["n"] == Camera.objects.filter(status="broken").count()
    assert by_status["working"]["n"] == Camera.objects.filter(status="working").count()


def test_only_whole_area_readers_get_tally_rows_through_the_gate(loaded, db):  # noqa: F811
    """The tally's sums would show a station or an agency cameras outside its scope."""
    users = get_user_model().objects
    every = CameraTally.objects.count()
    assert access.scope(users.get(username="admin"), CameraTally.objects.all()).count() == every
    for name in ("secretariat", "committee"):
        rows = access.scope(users.get(username=name), CameraTally.objects.all())
        assert rows.count() == CameraTally.objects.filter(province_id="15").count() < every
        assert set(rows.values_list("province_id", flat=True)) == {"15"}
    for name in ("police_udon", "police_angthong", "angthong_editor", "angthong_orgadmin", "household",
                 "udon_editor"):
        assert not access.scope(users.get(username=name), CameraTally.objects.all()).exists(), name
    assert not access.scope(AnonymousUser(), CameraTally.objects.all()).exists()
