"""Buddhist-era dates in the shapes Thai offices write them."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from safetyzone.thai.dates import (MONTHS_LONG, MONTHS_SHORT, DateParseError, format_thai_date,
                                   parse_date, to_buddhist_year)
from safetyzone.thai.digits import to_thai

DEC_20_2016 = date(2016, 12, 20)
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]


@pytest.mark.parametrize("text", [
    "๒๐ ธ.ค. ๒๕๕๙", "20 ธันวาคม 2559", "20 ธ.ค. 59", "20/12/2559", "20-12-2559", "20.12.2559",
    "2559-12-20", "2016-12-20", "20/12/2016", "20 Dec 2016",
    "20 ธ.ค. 2559", "20 ธ.ค 2559", "20 ธค 2559", "20 ธ. ค. 2559", "20ธ.ค.2559", "20 December 2016",
    "20-Dec-2016", "December 20, 2016", "20/12/59", "๒๐/๑๒/๒๕๕๙", "๒๕๕๙-๑๒-๒๐", "20 ธันวา 2559",
    "20 ธ.ค. พ.ศ. 2559", "20 ธ.ค. ค.ศ. 2016", "  20/12/2559\n", "วันที่ 20 ธันวาคม 2559",
    "วันที่ ๒๐ ธ.ค. ๕๙", "วันอังคารที่ 20 ธันวาคม 2559", "อังคาร 20 ธ.ค. 2559", "Tue, 20 Dec 2016",
    "Tuesday 20 December 2016",
])
def test_every_usual_shape_is_20_december_2016(text):
    assert parse_date(text) == DEC_20_2016


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name_and_abbreviation(month):
    short, en = MONTHS_SHORT[month - 1], EN_MONTHS[month - 1]
    spaced = short.replace(".", ". ").strip()  # ธ. ค.
    for name in (short, short.rstrip("."), short.replace(".", ""), spaced, MONTHS_LONG[month - 1]):
        assert parse_date(f"5 {name} 2559") == date(2016, month, 5)
    for name in (en, en[:3], en.upper(), en.lower()):
        assert parse_date(f"5 {name} 2016") == date(2016, month, 5)


def test_numeric_forms_are_always_day_first():
    assert parse_date("03/04/2559") == date(2016, 4, 3)
    assert parse_date("3-4-2016") == date(2016, 4, 3)
    with pytest.raises(DateParseError):
        parse_date("12/20/2016")  # month-first is not accepted: there is no month 20


def test_two_digit_years():
    assert parse_date("20/12/59") == DEC_20_2016
    assert parse_date("20/12/59", assume_buddhist_era=True) == DEC_20_2016
    assert parse_date("20/12/16", assume_buddhist_era=False) == DEC_20_2016
    assert parse_date("20 ธ.ค. 59", assume_buddhist_era=False) == DEC_20_2016  # Thai month: always BE
    assert parse_date("20 Dec 16") == DEC_20_2016  # English month: Christian era
    assert parse_date("20/12/00") == date(1957, 12, 20)  # 2500 BE


def test_year_rule_boundaries():
    assert parse_date("1/1/1900") == date(1900, 1, 1)
    assert parse_date("31/12/2200") == date(2200, 12, 31)
    assert parse_date("1/1/2443") == date(1900, 1, 1)
    assert parse_date("31/12/2743") == date(2200, 12, 31)
    for text in ("31/12/1899", "1/1/2201", "1/1/2399", "31/12/2442", "1/1/2744", "20/12/559"):
        with pytest.raises(DateParseError):
            parse_date(text)


def test_date_objects_and_buddhist_era_dates_stored_as_real_dates():
    assert parse_date(DEC_20_2016) == DEC_20_2016
    assert parse_date(datetime(2016, 12, 20, 23, 59)) == DEC_20_2016
    assert parse_date(datetime(2559, 12, 20, 8, 30)) == DEC_20_2016
    assert parse_date(date(2559, 12, 20)) == DEC_20_2016
    for bad in (date(1850, 1, 1), date(2300, 1, 1), date(2442, 1, 1)):
        with pytest.raises(DateParseError, match="1900"):
            parse_date(bad)


@pytest.mark.parametrize("serial,expected", [
    (42724, DEC_20_2016), (42724.75, DEC_20_2016), (Decimal("42724"), DEC_20_2016),
    (1, date(1900, 1, 1)), (59, date(1900, 2, 28)), (61, date(1900, 3, 1)), (45658, date(2025, 1, 1)),
    (80000, date(2119, 1, 11)),
])
def test_excel_serial_numbers(serial, expected):
    assert parse_date(serial) == expected


@pytest.mark.parametrize("bad", [0, -5, 80001, 60, float("nan"), float("inf"), True])
def test_numbers_that_are_not_excel_dates(bad):
    with pytest.raises(DateParseError) as err:
        parse_date(bad)
    assert repr(bad) in err.value.message_en and repr(bad) in err.value.message_th


@pytest.mark.parametrize("text,en,th", [
    ("31/02/2559", "No such day in the calendar (February 2016 has no day 31)", "ไม่มีวันที่นี้ในปฏิทิน"),
    ("29 ก.พ. 2560", "has no day 29", "กุมภาพันธ์"),
    ("20/13/2559", "no month 13", "ไม่มีเดือนที่ 13"),
    ("20/12/3500", "out of range", "นอกช่วง"),
    ("20 Foo 2016", "Unknown month name 'Foo'", "ไม่รู้จักชื่อเดือน"),
    ("20 ธันวาคม 2559x", "Not a date", "ไม่ใช่วันที่"),
    ("hello", "Not a date", "ไม่ใช่วันที่"),
    ("", "No date given", "ไม่ได้ระบุวันที่"),
    ("   ", "No date given", "ไม่ได้ระบุวันที่"),
])
def test_bad_dates_say_why_in_both_languages_naming_the_value(text, en, th):
    with pytest.raises(DateParseError) as err:
        parse_date(text)
    assert en in err.value.message_en and repr(text) in err.value.message_en
    assert th in err.value.message_th and repr(text) in err.value.message_th
    assert err.value.value == text
    assert isinstance(err.value, ValueError)


def test_other_types_are_not_dates():
    with pytest.raises(DateParseError, match="None"):
        parse_date(None)
    with pytest.raises(DateParseError):
        parse_date(["20/12/2559"])


def test_format_examples():
    assert format_thai_date(DEC_20_2016) == "20 ธ.ค. 2559"
    assert format_thai_date(DEC_20_2016, short=False) == "20 ธันวาคม 2559"
    assert format_thai_date(DEC_20_2016, thai_digits=True) == "๒๐ ธ.ค. ๒๕๕๙"
    assert format_thai_date(date(2024, 1, 5), short=False, thai_digits=True) == "๕ มกราคม ๒๕๖๗"
    assert to_buddhist_year(2016) == 2559


@given(dates, st.booleans(), st.booleans())
def test_formatted_thai_dates_parse_back(d, short, thai_digits):
    assert parse_date(format_thai_date(d, short=short, thai_digits=thai_digits)) == d


@given(dates, st.sampled_from(["/", "-", "."]), st.booleans(), st.booleans(), st.booleans())
def test_numeric_day_first_dates_parse_back(d, sep, buddhist, padded, thai_digits):
    year = to_buddhist_year(d.year) if buddhist else d.year
    day, month = (f"{d.day:02d}", f"{d.month:02d}") if padded else (d.day, d.month)
    text = f"{day}{sep}{month}{sep}{year}"
    assert parse_date(to_thai(text) if thai_digits else text) == d


@given(dates, st.booleans())
def test_year_first_dates_parse_back(d, buddhist):
    year = to_buddhist_year(d.year) if buddhist else d.year
    assert parse_date(f"{year}-{d.month:02d}-{d.day:02d}") == d


@given(st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)), st.booleans())
def test_two_digit_buddhist_years_parse_back(d, with_month_name):
    short_year = to_buddhist_year(d.year) % 100
    text = (f"{d.day} {MONTHS_SHORT[d.month - 1]} {short_year:02d}" if with_month_name
            else f"{d.day}/{d.month}/{short_year:02d}")
    assert parse_date(text) == d


@given(dates, st.booleans())
def test_english_month_names_parse_back(d, abbreviated):
    name = EN_MONTHS[d.month - 1]
    assert parse_date(f"{d.day} {name[:3] if abbreviated else name} {d.year}") == d


@given(st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 12, 31)), st.booleans())
def test_datetimes_give_their_date_in_either_era(dt, buddhist):
    if buddhist:
        assume((dt.month, dt.day) != (2, 29))  # BE years are never Gregorian leap years here
        dt_stored = dt.replace(year=to_buddhist_year(dt.year))
    else:
        dt_stored = dt
    assert parse_date(dt_stored) == dt.date()
