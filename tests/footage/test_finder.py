"""The camera finder: which cameras an investigator is shown for an incident, in what order,
which are greyed out because their footage is gone, and when footage will be overwritten."""

import math
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from safetyzone.cameras.models import Camera
from safetyzone.footage.finder import find_cameras, overwrite_moment
from tests.factories import CameraFactory, OrganisationFactory, SiteFactory, UserFactory

BANGKOK = ZoneInfo("Asia/Bangkok")
# The incident: in front of the Ang Thong market (Mueang Ang Thong district, 1501).
LAT, LON = 14.5896, 100.4550
STARTS = datetime(2026, 3, 1, 10, 0, tzinfo=BANGKOK)
ENDS = STARTS + timedelta(minutes=30)
NOW = STARTS + timedelta(days=1)


def at(east_m: float, north_m: float) -> tuple[Decimal, Decimal]:
    """Coordinates `east_m` east and `north_m` north of the incident (6 decimals, ~0.1 m)."""
    lat = LAT + north_m / 111_195.0
    lon = LON + east_m / (111_195.0 * math.cos(math.radians(LAT)))
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


def camera(site, east_m, north_m, **fields):
    lat, lon = at(east_m, north_m)
    return CameraFactory(site=site, lat=lat, lon=lon, **fields)


@pytest.fixture
def town(db):
    """A municipality's cameras around the incident, and one of a business in another district."""
    municipality = OrganisationFactory(name="เทศบาลเมืองอ่างทอง", kind="local_admin", area_id="150101")
    site = SiteFactory(owner=municipality, area_id="150101")
    cams = {
        # 10 m south, looking north at the incident: the best view
        "close": camera(site, 0, -10, bearing_deg=0, fov_deg=90, range_m=50),
        # 40 m south, looking north: covers, but farther
        "far": camera(site, 0, -40, bearing_deg=0, fov_deg=90, range_m=50),
        # 10 m south, looking away (south): does not see it
        "away": camera(site, 0, -10, bearing_deg=180, fov_deg=90, range_m=50),
        # 20 m west, direction unknown, range 50 m: counts, ranked below the known ones
        "unknown": camera(site, -20, 0, bearing_deg=None, fov_deg=None, range_m=50),
        # 100 m east, nothing known: the default 30 m range does not reach
        "out_of_range": camera(site, 100, 0, bearing_deg=None, fov_deg=None, range_m=None),
        # 1.4 km north, a long-range PTZ camera turned south towards the incident
        "ptz": camera(site, 0, 1400, bearing_deg=180, fov_deg=30, range_m=2000, camera_type="ptz"),
        # 2.5 km away: beyond every camera's range
        "beyond": camera(site, 2500, 0, bearing_deg=270, fov_deg=90, range_m=2000),
        # 15 m east, an all-round fisheye with no bearing recorded
        "fisheye": camera(site, 15, 0, bearing_deg=None, fov_deg=360, range_m=30, camera_type="fisheye"),
    }
    shop = OrganisationFactory(name="ร้านทองอ่างทอง", kind="private_business", area_id="150201")
    cams["other_district"] = camera(SiteFactory(owner=shop, area_id="150201"), 10, -10,
                                    bearing_deg=315, fov_deg=90, range_m=50)
    return cams


@pytest.fixture
def admin(db):
    return UserFactory(role="system_admin", organisation=None)


def search(user, **kw):
    args = {"lat": LAT, "lon": LON, "radius_m": 0, "starts_at": STARTS, "ends_at": ENDS, "now": NOW} | kw
    return find_cameras(user, **args)


def names(town, hits):
    by_pk = {c.pk: name for name, c in town.items()}
    return [by_pk[h.camera.pk] for h in hits]


def test_lists_the_cameras_that_see_the_place_best_first(town, admin):
    result = search(admin)
    # known direction first, by closeness (share of the camera's range) and centring:
    # close 10 of 50 m, centred; the shop's 14 of 50 m, centred; the fisheye 15 of 30 m, all
    # round; the PTZ 1,400 of 2,000 m, centred; far 40 of 50 m; unknown direction last.
    assert names(town, result.available) == ["close", "other_district", "fisheye", "ptz", "far", "unknown"]
    assert result.gone == []
    first = result.available[0]
    assert first.distance_m == 10 and first.direction_known
    assert 0 < result.available[-1].score < 0.5 <= result.available[-2].score <= first.score <= 1
    assert not result.available[-1].direction_known
    assert result.available[names(town, result.available).index("ptz")].distance_m == 1400


def test_hits_carry_site_and_owner_without_more_queries(town, admin, django_assert_num_queries):
    result = search(admin)
    with django_assert_num_queries(0):
        owners = {h.camera.site.owner.name for h in result.available}
    assert owners == {"เทศบาลเมืองอ่างทอง", "ร้านทองอ่างทอง"}


def test_an_area_reaches_cameras_that_only_see_its_edge(town, admin):
    # "away" looks south from 10 m south of the centre; a 25 m circle reaches into its view,
    # and the 100 m camera with the default 30 m range now touches it too.
    point = names(town, search(admin).available)
    area = names(town, search(admin, radius_m=25).available)
    assert "away" not in point and "away" in area
    assert "out_of_range" not in point and "out_of_range" not in area
    assert "out_of_range" in names(town, search(admin, radius_m=71).available)


def test_footage_already_overwritten_is_listed_apart(db, admin):
    site = SiteFactory()
    keeps_3 = camera(site, 0, -10, bearing_deg=0, fov_deg=90, range_m=50, retention_days=3)
    keeps_30 = camera(site, 0, -20, bearing_deg=0, fov_deg=90, range_m=50, retention_days=30)
    unknown = camera(site, 0, -30, bearing_deg=0, fov_deg=90, range_m=50, retention_days=None)
    result = search(admin, now=STARTS + timedelta(days=5))
    assert [h.camera for h in result.gone] == [keeps_3]
    assert result.gone[0].overwrite_at == STARTS + timedelta(days=3)
    assert [h.camera for h in result.available] == [keeps_30, unknown]
    assert result.available[0].overwrite_at == STARTS + timedelta(days=30)
    assert result.available[1].overwrite_at is None  # unknown retention: never greyed out
    # two days after the incident the 3-day recorder still has it
    assert keeps_3 in [h.camera for h in search(admin, now=STARTS + timedelta(days=2)).available]


def test_a_police_station_sees_only_cameras_in_its_district(town):
    station = OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="1501")
    investigator = UserFactory(role="investigator", organisation=station)
    found = names(town, search(investigator).available)
    assert "other_district" not in found  # the shop in district 1502, though it faces the incident
    assert found == ["close", "fisheye", "ptz", "far", "unknown"]


def test_an_owner_finds_only_its_own_cameras(town):
    shop = town["other_district"].site.owner
    clerk = UserFactory(role="editor", organisation=shop)
    assert names(town, search(clerk).available) == ["other_district"]
    outsider = UserFactory(role="investigator", organisation=OrganisationFactory(kind="police_station", area_id="4101"))
    assert search(outsider).available == [] and search(outsider).gone == []


def test_overwrite_moment_is_the_incident_start_plus_retention():
    start = datetime(2026, 3, 1, 10, 0, tzinfo=dt_timezone.utc)
    assert overwrite_moment(start, 7) == datetime(2026, 3, 8, 10, 0, tzinfo=dt_timezone.utc)
    assert overwrite_moment(start, 0) == start  # no recording kept: gone at once
    assert overwrite_moment(start, None) is None


def test_overwrite_moment_before_midnight_in_bangkok():
    # 23:30 on 1 March in Bangkok is 16:30 UTC the same day; three days later, still 23:30 Bangkok
    start = datetime(2026, 3, 1, 23, 30, tzinfo=BANGKOK)
    moment = overwrite_moment(start, 3)
    assert moment == datetime(2026, 3, 4, 16, 30, tzinfo=dt_timezone.utc)
    assert (moment.astimezone(BANGKOK).day, moment.astimezone(BANGKOK).hour) == (4, 23)
    # the same instant given in UTC gives the same moment
    assert overwrite_moment(start.astimezone(dt_timezone.utc), 3) == moment


def test_overwrite_moment_refuses_a_time_without_zone():
    with pytest.raises(ValueError, match="timezone-aware"):
        overwrite_moment(datetime(2026, 3, 1, 23, 30), 3)


def test_greyed_out_exactly_from_the_overwrite_moment(db, admin):
    start = datetime(2026, 3, 1, 23, 30, tzinfo=BANGKOK)
    cam = camera(SiteFactory(), 0, -10, bearing_deg=0, fov_deg=90, range_m=50, retention_days=3)
    before = search(admin, starts_at=start, ends_at=start + timedelta(hours=1),
                    now=datetime(2026, 3, 4, 23, 29, tzinfo=BANGKOK))
    assert [h.camera for h in before.available] == [cam]
    after = search(admin, starts_at=start, ends_at=start + timedelta(hours=1),
                   now=datetime(2026, 3, 4, 16, 30, tzinfo=dt_timezone.utc))
    assert [h.camera for h in after.gone] == [cam] and after.available == []


def test_refuses_a_window_that_ends_before_it_starts(db, admin):
    with pytest.raises(ValueError, match="before"):
        search(admin, ends_at=STARTS - timedelta(minutes=1))


def test_what_a_hit_shows_needs_no_more_queries(town, admin, django_assert_num_queries):
    hits = search(admin).available
    with django_assert_num_queries(0):  # the results table, the map and the access log read these
        shown = [(str(h.camera), h.camera.point, h.camera.get_status_display(), h.camera.contact_name,
                  h.camera.contact_phone, h.camera.playback, float(h.camera.lat), float(h.camera.lon),
                  h.camera.get_camera_type_display(), h.camera.site.name, str(h.camera.site.owner)) for h in hits]
    close = shown[0]
    assert close[1] == town["close"].point and close[2] == town["close"].get_status_display()
    assert (close[6], close[7]) == (float(town["close"].lat), float(town["close"].lon))
    assert close[5] is True and close[9] == town["close"].site.name and close[10] == "เทศบาลเมืองอ่างทอง"


def test_the_find_page_runs_the_same_queries_for_two_or_many_hits(town, client):
    station = OrganisationFactory(name="สภ.เมืองอ่างทอง", kind="police_station", area_id="1501")
    client.force_login(UserFactory(role="investigator", organisation=station))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    start = timezone.localtime() - timedelta(hours=3)
    form = {"lat": f"{LAT:.6f}", "lon": f"{LON:.6f}", "radius_m": "10", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"), "case_ref": "คดีอาญา 7/2569",
            "purpose": "สืบสวน", "action": "search"}

    def page_queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as seen:
            page = client.post(reverse("footage:find"), form).content.decode()
        return len(seen), page

    Camera.objects.filter(pk=town["close"].pk).update(contact_name="นายเฝ้า กล้อง")  # shown contacts are logged
    few, page = page_queries()
    assert f"cam-{town['close'].pk}" in page and "นายเฝ้า กล้อง" in page
    site = town["close"].site
    more = [camera(site, 1, -2 - 3 * k, bearing_deg=0, fov_deg=90, range_m=50, contact_name=f"ผู้ดูแล {k}")
            for k in range(1, 9)]
    many, page = page_queries()
    assert all(f"cam-{c.pk}" in page for c in more)
    assert many == few  # no query per hit (a deferred field shown on the page would add one each)


def test_a_second_search_elsewhere_finds_that_places_cameras(town, admin):
    assert "close" in names(town, search(admin).available)
    # 100 m west of "beyond" (2.5 km east), which looks west with a 2 km range
    lat, lon = at(2400, 0)
    found = names(town, search(admin, lat=float(lat), lon=float(lon)).available)
    assert found == ["beyond"]
    assert "close" in names(town, search(admin).available)  # and back again


def test_someone_not_signed_in_finds_nothing(town):
    from django.contrib.auth.models import AnonymousUser

    assert search(AnonymousUser()).available == [] and search(AnonymousUser()).gone == []
