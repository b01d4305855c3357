"""Buddhist-era dates in the shapes Thai offices write them."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyzone.thai.dates import DateParseError, format_thai_date, parse_date
from safetyzone.thai.digits import to_thai

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


@pytest.mark.parametrize("text", [
    "๒๐ ธ.ค. ๒๕๕๙", "20 ธ.ค. 2559", "20 ธันวาคม 2559", "20 ธ.ค. 59", "20 ธค 2559", "20 ธ. ค. 2559",
    "20/12/2559", "20-12-2559", "20.12.2559", "2559-12-20", "2016-12-20", "20/12/2016",
    "20 Dec 2016", "20 December 2016", "วันที่ 20 ธันวาคม 2559", "  ๒๐/๑๒/๒๕๕๙ ", "20/12/59",
])
def test_every_usual_shape_is_20_december_2016(text):
    assert parse_date(text) == date(2016, 12, 20)


def test_two_digit_year_can_be_read_as_common_era():
    assert parse_date("20/12/16", assume_buddhist_era=False) == date(2016, 12, 20)


def test_date_objects_and_buddhist_era_dates_stored_as_real_dates():
    assert parse_date(date(2016, 12, 20)) == date(2016, 12, 20)
    assert parse_date(datetime(2559, 12, 20, 8, 30)) == date(2016, 12, 20)


def test_excel_serial_number():
    assert parse_date(42724) == date(2016, 12, 20)


@pytest.mark.parametrize("text", ["31/02/2559", "20 ธันวา 2559x", "hello", "", "20/13/2559", "20/12/3500"])
def test_bad_dates_say_why_in_both_languages_naming_the_value(text):
    with pytest.raises(DateParseError) as err:
        parse_date(text)
    assert repr(text) in err.value.message_en
    assert repr(text) in err.value.message_th


@given(dates, st.booleans(), st.booleans())
def test_formatted_thai_dates_parse_back(d, short, thai_digits):
    assert parse_date(format_thai_date(d, short=short, thai_digits=thai_digits)) == d


@given(dates, st.sampled_from(["/", "-", "."]), st.booleans())
def test_numeric_buddhist_era_dates_parse_back(d, sep, thai_digits):
    text = f"{d.day}{sep}{d.month}{sep}{d.year + 543}"
    assert parse_date(to_thai(text) if thai_digits else text) == d


def test_format_examples():
    assert format_thai_date(date(2016, 12, 20)) == "20 ธ.ค. 2559"
    assert format_thai_date(date(2016, 12, 20), short=False, thai_digits=True) == "๒๐ ธันวาคม ๒๕๕๙"
