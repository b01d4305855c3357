"""Coordinates as agencies type them, and latitude/longitude typed the wrong way round."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyzone.thai.coords import (THAILAND_BBOX, CoordinateError, fix_lat_lon, in_thailand,
                                    parse_coordinate)
from safetyzone.thai.digits import to_thai

EXPECTED = 14 + 35 / 60 + 22.5 / 3600  # 14°35'22.5"


@pytest.mark.parametrize("text", [
    "14.5895833333", "14,5895833333", "14°35'22.5\"N", "14° 35' 22.5\" N", "14 35 22.5 N",
    "N 14 35 22.5", "N14°35'22.5\"", "14d35m22.5s", "14D 35M 22.5S", "14deg 35min 22.5sec N",
    "14°35.375'N", "14 35.375 N", "14°35′22.5″N", "14°35’22.5”N", "14°35′22.5′′N", "14º35'22.5\"N",
    "๑๔°๓๕'๒๒.๕\"N", "๑๔.๕๘๙๕๘๓๓๓๓๓", "14°35'22,5\"N", "14 องศา 35 ลิปดา 22.5 ฟิลิปดา", " 14 35 22.5 n ",
    "+14 35 22.5", "14d35m22.5sN", "14d 35m 22.5s N",
])
def test_latitude_shapes(text):
    assert parse_coordinate(text, kind="lat") == pytest.approx(EXPECTED, abs=1e-6)


@pytest.mark.parametrize("text,expected", [
    ("100.455", 100.455), ("100°27'18\"E", 100.455), ("E 100 27 18", 100.455), ("100d27m18s", 100.455),
    ("100°27.3'E", 100.455), ("100.455°E", 100.455), ("100°27'18\"W", -100.455), ("-100.455", -100.455),
])
def test_longitude_shapes(text, expected):
    assert parse_coordinate(text, kind="lon") == pytest.approx(expected, abs=1e-9)


def test_southern_and_western_hemispheres_and_minus_are_negative():
    assert parse_coordinate("10 30 0 S", kind="lat") == pytest.approx(-10.5)
    assert parse_coordinate("10°30'S", kind="lat") == pytest.approx(-10.5)
    assert parse_coordinate("S 10.5", kind="lat") == pytest.approx(-10.5)
    assert parse_coordinate("-10 30", kind="lat") == pytest.approx(-10.5)
    assert parse_coordinate("100°30'W", kind="lon") == pytest.approx(-100.5)


def test_letter_s_is_seconds_only_after_letter_minutes():
    assert parse_coordinate("14d35m22.5s", kind="lat") > 0
    assert parse_coordinate("14°35'22.5S", kind="lat") == pytest.approx(-EXPECTED)


@pytest.mark.parametrize("value", [14, 14.5, Decimal("14.589583"), -90, 90.0])
def test_numbers_are_taken_as_decimal_degrees(value):
    assert parse_coordinate(value, kind="lat") == float(value)


@pytest.mark.parametrize("value,kind,reason_en,reason_th", [
    ("14 61 0 N", "lat", "less than 60", "น้อยกว่า 60"),
    ("14 30 60 N", "lat", "less than 60", "น้อยกว่า 60"),
    ("14°60.5'N", "lat", "less than 60", "น้อยกว่า 60"),
    ("95.0", "lat", "between -90 and 90", "ระหว่าง -90 ถึง 90"),
    ("90 0 1 N", "lat", "between -90 and 90", "ระหว่าง -90 ถึง 90"),
    ("-90.5", "lat", "between -90 and 90", "ระหว่าง -90 ถึง 90"),
    ("190", "lon", "between -180 and 180", "ระหว่าง -180 ถึง 180"),
    ("180 0 1 W", "lon", "between -180 and 180", "ระหว่าง -180 ถึง 180"),
    ("100 E", "lat", "Latitude takes N or S", "ละติจูดใช้อักษร N หรือ S"),
    ("14 N", "lon", "Longitude takes E or W", "ลองจิจูดใช้อักษร E หรือ W"),
    ("abc", "lat", "Not a coordinate", "ไม่ใช่ค่าพิกัด"),
    ("14 N 35", "lat", "Not a coordinate", "ไม่ใช่ค่าพิกัด"),
    ("14 35 22 10", "lat", "Not a coordinate", "ไม่ใช่ค่าพิกัด"),
    ("14..5", "lat", "Not a coordinate", "ไม่ใช่ค่าพิกัด"),
    ("-14 S", "lat", "Both a sign and a hemisphere", "มีทั้งเครื่องหมาย"),
    ("N 14 S", "lat", "More than one hemisphere", "มากกว่าหนึ่งตัว"),
    ("14.5 30", "lat", "Only the last", "ทศนิยม"),
    ("14' 35°", "lat", "out of order", "ลำดับ"),
    ("14 -35", "lat", "sign may only come first", "หน้าสุด"),
    ("", "lon", "No coordinate given", "ไม่ได้ระบุค่าพิกัด"),
    (float("nan"), "lat", "between -90 and 90", "ระหว่าง -90 ถึง 90"),
    (None, "lat", "Not a coordinate", "ไม่ใช่ค่าพิกัด"),
    (True, "lat", "Not a coordinate", "ไม่ใช่ค่าพิกัด"),
])
def test_bad_coordinates_say_why_naming_the_value(value, kind, reason_en, reason_th):
    with pytest.raises(CoordinateError) as err:
        parse_coordinate(value, kind=kind)
    assert reason_en in err.value.message_en and repr(value) in err.value.message_en
    assert reason_th in err.value.message_th and repr(value) in err.value.message_th
    assert err.value.value is value and isinstance(err.value, ValueError)


def format_dms(value: float, kind: str, style: str) -> str:
    """Write decimal degrees the ways people type them (the inverse of parse_coordinate)."""
    positive, negative = ("N", "S") if kind == "lat" else ("E", "W")
    hemi = positive if value >= 0 else negative
    size = abs(value)
    degrees = int(size)
    if style == "ddm":
        minutes = round((size - degrees) * 60, 9)
        degrees, minutes = (degrees + 1, 0.0) if minutes >= 60 else (degrees, minutes)
        return f"{degrees}°{minutes:.9f}'{hemi}"
    minutes = int((size - degrees) * 60)
    seconds = round((size - degrees - minutes / 60) * 3600, 6)
    if seconds >= 60:
        minutes, seconds = minutes + 1, 0.0
    if minutes >= 60:
        degrees, minutes = degrees + 1, 0
    shapes = {
        "symbols": f"{degrees}°{minutes}'{seconds:.6f}\"{hemi}",
        "spaced": f"{degrees}° {minutes}′ {seconds:.6f}″ {hemi}",
        "plain": f"{degrees} {minutes} {seconds:.6f} {hemi}",
        "leading": f"{hemi} {degrees} {minutes} {seconds:.6f}",
        "letters": f"{degrees}d{minutes}m{seconds:.6f}s{hemi}",
        "signed": f"{'-' if value < 0 else ''}{degrees} {minutes} {seconds:.6f}",
        "thai": to_thai(f"{degrees}°{minutes}'{seconds:.6f}\"{hemi}"),
    }
    return shapes[style]


STYLES = st.sampled_from(["ddm", "symbols", "spaced", "plain", "leading", "letters", "signed", "thai"])


@given(st.floats(min_value=-90, max_value=90), STYLES)
def test_dms_latitudes_round_trip(value, style):
    assert parse_coordinate(format_dms(value, "lat", style), kind="lat") == pytest.approx(value, abs=1e-6)


@given(st.floats(min_value=-180, max_value=180), STYLES)
def test_dms_longitudes_round_trip(value, style):
    assert parse_coordinate(format_dms(value, "lon", style), kind="lon") == pytest.approx(value, abs=1e-6)


@given(st.floats(min_value=-90, max_value=90), st.booleans())
def test_decimal_text_round_trips_exactly(value, comma):
    text = repr(value)
    if comma and "e" not in text:
        text = text.replace(".", ",")
    if "e" in text:  # 1e-05: people do not type exponents
        text = f"{value:.20f}"
        value = float(text)
    assert parse_coordinate(text, kind="lat") == value


thai_lats = st.floats(min_value=THAILAND_BBOX[0], max_value=THAILAND_BBOX[2])
thai_lons = st.floats(min_value=THAILAND_BBOX[1], max_value=THAILAND_BBOX[3])


@given(thai_lats, thai_lons)
def test_swapped_points_in_thailand_are_detected_and_swapped_back(lat, lon):
    assert in_thailand(lat, lon)
    assert not in_thailand(lon, lat)
    assert fix_lat_lon(lon, lat) == (lat, lon, True)
    assert fix_lat_lon(lat, lon) == (lat, lon, False)


@given(st.floats(-90, 90), st.floats(-180, 180))
def test_points_outside_thailand_either_way_are_left_alone(lat, lon):
    if not in_thailand(lat, lon) and not in_thailand(lon, lat):
        assert fix_lat_lon(lat, lon) == (lat, lon, False)


def test_thailand_examples():
    assert in_thailand(13.7563, 100.5018)  # Bangkok
    assert in_thailand(20.4, 99.9) and in_thailand(6.0, 101.0)  # Chiang Rai, Narathiwat
    assert not in_thailand(0.0, 0.0) and not in_thailand(1.35, 103.82)  # Singapore
    assert fix_lat_lon(100.5018, 13.7563) == (13.7563, 100.5018, True)
    assert fix_lat_lon(1.35, 103.82) == (1.35, 103.82, False)


def test_typed_swapped_tells_a_longitude_typed_as_latitude():
    from safetyzone.thai.coords import typed_swapped

    assert typed_swapped("100.455", "14.589")  # Ang Thong, the boxes swapped
    assert typed_swapped("๑๐๐.๔๕๕", "๑๔.๕๘๙")  # in Thai digits too
    assert not typed_swapped("14.589", "100.455")  # the right way round
    assert not typed_swapped("abc", "14.589") and not typed_swapped("", "")
