"""Coordinates, Thai digits and spreadsheet text as agencies type them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyzone.thai.coords import CoordinateError, fix_lat_lon, in_thailand, parse_coordinate
from safetyzone.thai.digits import to_arabic, to_thai
from safetyzone.thai.text import normalize_header, parse_bool, parse_number

EXPECTED = 14 + 35 / 60 + 22.5 / 3600


@pytest.mark.parametrize("text", [
    "14°35'22.5\"N", "14° 35' 22.5\" N", "14 35 22.5 N", "N 14 35 22.5", "14d35m22.5s",
    "14°35.375'N", "14°35′22.5″N", "๑๔°๓๕'๒๒.๕\"N", "14.58958333333", "14,58958333333",
])
def test_coordinate_shapes(text):
    assert parse_coordinate(text, kind="lat") == pytest.approx(EXPECTED, abs=1e-6)


def test_southern_and_western_hemispheres_are_negative():
    assert parse_coordinate("10 30 0 S", kind="lat") == pytest.approx(-10.5)
    assert parse_coordinate("100°30'W", kind="lon") == pytest.approx(-100.5)


@pytest.mark.parametrize("text,kind", [("14 61 0 N", "lat"), ("14 30 61 N", "lat"), ("95.0", "lat"),
                                       ("190", "lon"), ("abc", "lat"), ("100 E", "lat"), ("", "lon")])
def test_bad_coordinates_say_why_naming_the_value(text, kind):
    with pytest.raises(CoordinateError) as err:
        parse_coordinate(text, kind=kind)
    assert repr(text) in err.value.message_en and repr(text) in err.value.message_th


@given(st.floats(min_value=0, max_value=89.999), st.sampled_from(["°'\"", "   ", "dms"]))
def test_dms_round_trip(value, marks):
    deg = int(value)
    minutes = int((value - deg) * 60)
    seconds = round((value - deg - minutes / 60) * 3600, 6)
    if seconds >= 60:
        return
    d, m, s = marks if marks != "   " else ("", "", "")
    text = f"{deg}{d} {minutes}{m} {seconds:.6f}{s} N"
    assert parse_coordinate(text, kind="lat") == pytest.approx(value, abs=1e-6)


@given(st.floats(min_value=5.6, max_value=20.4), st.floats(min_value=97.4, max_value=105.6))
def test_swapped_points_in_thailand_are_detected(lat, lon):
    assert in_thailand(lat, lon)
    assert fix_lat_lon(lon, lat) == (lat, lon, True)
    assert fix_lat_lon(lat, lon) == (lat, lon, False)


@given(st.text())
def test_thai_digits_round_trip(text):
    assert to_arabic(to_thai(to_arabic(text))) == to_arabic(text)
    assert to_thai("2559") == "๒๕๕๙" and to_arabic("๒๕๕๙") == "2559"


def test_headers_match_however_typed():
    assert normalize_header("  ละติจูด (Lat) ") == normalize_header("ละติจูด_lat")
    assert normalize_header("Retention-Days") == "retention days"


@pytest.mark.parametrize("text,expected", [("1,234.50", 1234.5), ("๕,๐๐๐ บาท", 5000.0), ("", None), (None, None), (7, 7.0)])
def test_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text,expected", [("มี", True), ("ไม่มี", False), ("ได้", True), ("ไม่ได้", False),
                                           ("Yes", True), ("n", False), ("✓", True), ("", None)])
def test_yes_no(text, expected):
    assert parse_bool(text) is expected


def test_unknown_answers_are_errors():
    with pytest.raises(ValueError):
        parse_bool("maybe")
    with pytest.raises(ValueError):
        parse_number("twelve")
