"""The pure data-quality checks on crafted rows: what a secretariat would see flagged, or not."""

import math
import random

from safetyzone.census.quality.checks import (
    CameraRow, count_jumps, cross_agency_pairs, far_from_agency, field_checks, outside_area, run_checks,
    scores, stacked,
)

BASE_LAT, BASE_LON = 14.5896, 100.4550  # Mueang Ang Thong
KM_LAT = 1 / 110.574  # degrees of latitude per km


def row(pk, owner=1, lat=BASE_LAT, lon=BASE_LON, **kw):
    kw.setdefault("district_id", "1501")
    return CameraRow(pk, owner, lat, lon, **kw)


def codes(findings, camera_id=None):
    return sorted(f.code for f in findings if camera_id is None or f.camera_id == camera_id)


def test_a_clean_camera_has_no_finding():
    assert field_checks(row(1)) == []


def test_coordinates_placeholder_and_rounded():
    assert codes(field_checks(row(1, lat=14.0, lon=100.0))) == ["coord_placeholder"]
    assert field_checks(row(1, lat=14.0, lon=100.0))[0].is_error
    rounded = field_checks(row(2, lat=14.58, lon=100.45))
    assert codes(rounded) == ["coord_rounded"] and not rounded[0].is_error
    assert codes(field_checks(row(3, lat=14.58, lon=100.4513))) == []  # only one coordinate round
    assert codes(field_checks(row(4, lat=None, lon=None))) == ["coord_missing"]


def test_many_cameras_of_one_agency_on_the_identical_point():
    five = [row(i, lat=14.601234, lon=100.451234) for i in range(5)]
    four_of_another = [row(10 + i, owner=2, lat=14.611234, lon=100.461234) for i in range(4)]
    found = stacked(five + four_of_another)
    assert sorted(f.camera_id for f in found) == [0, 1, 2, 3, 4]
    assert dict(found[0].params)["count"] == 5


def _cluster(owner, n, spread_km, start=0, seed=1):
    rng = random.Random(seed)
    return [row(start + i, owner, BASE_LAT + rng.uniform(-1, 1) * spread_km * KM_LAT,
                BASE_LON + rng.uniform(-1, 1) * spread_km * KM_LAT) for i in range(n)]


def test_a_camera_30_km_from_its_agency_is_flagged():
    rows = _cluster(1, 12, 1.0) + [row(99, 1, BASE_LAT + 30 * KM_LAT, BASE_LON)]
    found = far_from_agency(rows)
    assert [f.camera_id for f in found] == [99]
    assert 29 < dict(found[0].params)["km"] < 31


def test_a_normal_spread_is_not_flagged():
    # a provincial agency with cameras over a 40 x 40 km area: far apart, but nobody stands out
    assert far_from_agency(_cluster(1, 60, 20.0, seed=7)) == []
    # too few cameras for a robust median: no judgement
    assert far_from_agency(_cluster(1, 5, 0.5) + [row(99, 1, BASE_LAT + 30 * KM_LAT, BASE_LON)]) == []


def test_outside_the_district_by_the_adr_0003_method():
    rows = _cluster(1, 6, 2.0) + [row(99, 2, BASE_LAT + 50 * KM_LAT, BASE_LON)]
    found = outside_area(rows)
    assert [(f.camera_id, f.severity) for f in found] == [(99, "warning")]

    class Box:  # a loaded boundary: only the base point's surroundings
        def covers(self, lon, lat):
            return abs(lat - BASE_LAT) < 0.05 and abs(lon - BASE_LON) < 0.05

    rows = [row(1, area_id="150101"), row(2, lat=BASE_LAT + 0.2, area_id="150101")]
    found = outside_area(rows, {"150101": Box()})
    assert [(f.camera_id, f.severity) for f in found] == [(2, "error")]


def test_status_without_reason_and_empty_census_fields():
    assert codes(field_checks(row(1, status="broken"))) == ["status_no_reason"]
    assert codes(field_checks(row(1, status="not_working", status_reason="ไฟฟ้าดับ"))) == []
    assert codes(field_checks(row(1, status="under_repair"))) == []
    missing = field_checks(row(1, recorder=""))
    assert codes(missing) == ["fields_missing"] and dict(missing[0].params)["fields"] == ("recorder",)


def test_retention_3_days_flagged_7_not():
    short = field_checks(row(1, retention_days=3))
    assert codes(short) == ["retention_short"] and dict(short[0].params)["days"] == 3
    assert codes(field_checks(row(1, retention_days=7))) == []
    assert codes(field_checks(row(1, retention_days=None))) == ["retention_missing"]
    assert codes(field_checks(row(1, recorder="none", retention_days=None))) == ["no_recording"]


def test_working_not_linked_without_playback():
    assert codes(field_checks(row(1, network_link="none", playback=False))) == ["unusable_working"]
    assert codes(field_checks(row(1, network_link="none", playback=None))) == ["unusable_working"]
    assert codes(field_checks(row(1, network_link="none", playback=True))) == []
    assert codes(field_checks(row(1, network_link="local", playback=False))) == []
    assert codes(field_checks(row(1, status="under_repair", network_link="none", playback=False))) == []


def test_two_agencies_on_the_same_point_are_paired_one_agency_is_not():
    m = KM_LAT / 1000  # one metre of latitude
    rows = [row(1, 1), row(2, 2, lat=BASE_LAT + 2 * m),  # two agencies, 2 m apart: pair
            row(3, 1, lat=BASE_LAT + 0.01), row(4, 1, lat=BASE_LAT + 0.01 + 1 * m),  # same agency: no pair
            row(5, 1, lat=BASE_LAT + 0.02), row(6, 2, lat=BASE_LAT + 0.02 + 8 * m)]  # 8 m: no pair
    pairs = cross_agency_pairs(rows)
    assert [(a, b) for a, b, _ in pairs] == [(1, 2)]
    assert 1.5 < pairs[0][2] < 2.5
    findings, _ = run_checks(rows)
    assert sorted(f.camera_id for f in findings if f.code == "duplicate_other_agency") == [1, 2]


def test_grid_pairs_equal_brute_force():
    rng = random.Random(3)
    rows = [row(i, rng.randrange(4), BASE_LAT + rng.uniform(0, 0.002), BASE_LON + rng.uniform(0, 0.002))
            for i in range(400)]
    scale = 111_320 * math.cos(math.radians(BASE_LAT + 0.001))
    brute = sorted(
        (a.id, b.id) for i, a in enumerate(rows) for b in rows[i + 1:]
        if a.owner_id != b.owner_id
        and math.hypot((a.lat - b.lat) * 110_574, (a.lon - b.lon) * scale) <= 5.0)
    assert brute  # the sample is dense enough to hold pairs
    assert [(a, b) for a, b, _ in cross_agency_pairs(rows)] == brute


def test_count_jumps_between_rounds():
    found = count_jumps({1: 40, 2: 24, 3: 16, 4: 110, 5: 0}, {1: 20, 2: 20, 3: 10, 4: 100, 5: 8})
    assert sorted(f.owner_id for f in found) == [1, 3, 5]  # +100 %, +60 % (6 cameras), all 8 gone
    assert all(f.camera_id is None for f in found)
    assert dict(next(f for f in found if f.owner_id == 1).params) == {"before": 20, "now": 40, "change": "+100%"}


def test_score_formula_on_a_small_example():
    rows = [row(i, lat=BASE_LAT + i * 0.0003) for i in range(10)]
    rows[0].retention_days = None  # error
    rows[1].retention_days = 3  # warning
    rows[2].status = "broken"  # warning (no reason)...
    rows[2].retention_days = None  # ...and an error: counts once, as an error
    rows[3].status = "broken"  # warning only
    findings, _ = run_checks(rows, previous_counts={1: 30})  # 30 -> 10 cameras: count jump
    s = scores(rows, findings, owners=[1, 7])
    assert (s[1].cameras, s[1].with_errors, s[1].with_warnings, s[1].agency_warnings) == (10, 2, 2, 1)
    assert s[1].score == 100 * (10 - 2 - 0.5 * 2) / 10 - 5 == 65
    assert s[7].score == 100 and s[7].cameras == 0  # no cameras, nothing wrong


def test_the_secretariats_decision_on_a_pair():
    rows = [row(1, 1), row(2, 2, lat=BASE_LAT + 0.00002)]
    assert codes(run_checks(rows)[0]) == ["duplicate_other_agency"] * 2
    assert codes(run_checks(rows, decisions={(1, 2): "distinct"})[0]) == []  # two cameras: silenced
    same = run_checks(rows, decisions={(1, 2): "same"})[0]
    assert codes(same) == ["duplicate_confirmed"] * 2 and all(f.is_error for f in same)
