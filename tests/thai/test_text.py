"""Spreadsheet text: column headers, numbers and yes/no answers written in Thai or English."""

import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetyzone.thai.digits import to_thai
from safetyzone.thai.text import normalize_header, parse_bool, parse_number


@pytest.mark.parametrize("typed,expected", [
    ("  ละติจูด (Lat) ", "ละติจูด lat"),
    ("ละติจูด_lat", "ละติจูด lat"),
    ("Retention-Days", "retention days"),
    ("ระยะมองเห็น (ม.)", "ระยะมองเห็น ม"),
    ("ระยะมองเห็น__ม", "ระยะมองเห็น ม"),
    ("ส่วนที่ ๑ :  กล้อง", "ส่วนที่ 1 กล้อง"),
    ("Camera\tType\n", "camera type"),
    ("\ufeffลำดับ", "ลำดับ"),  # byte-order mark at the start of a CSV file
    ("ความละ\u200bเอียด", "ความละเอียด"),  # zero-width space from a web page
    ("จำนวนกล้อง – ตัว", "จำนวนกล้อง ตัว"),  # en dash
    ("ระบบ (IP/Analog)", "ระบบ ip analog"),
    ("", ""),
])
def test_headers_match_however_typed(typed, expected):
    assert normalize_header(typed) == expected


def test_header_with_decomposed_characters_and_split_sara_am():
    assert normalize_header("หมายเลขประจ\u0e4d\u0e32ตัว") == normalize_header("หมายเลขประจำตัว")
    assert normalize_header(unicodedata.normalize("NFD", "Café")) == "café"


@given(st.text())
def test_normalized_headers_are_stable_and_tidy(s):
    once = normalize_header(s)
    assert normalize_header(once) == once
    assert once == once.strip() and "  " not in once
    assert not re.search(r"[_\-.()๐-๙]", once)
    assert once == once.lower()


@given(st.text(alphabet=st.characters(categories=["L", "Nd"]), min_size=1),
       st.text(alphabet=" _-.()", min_size=1))
def test_separators_only_split_words(word, separators):
    assert normalize_header(f"{word}{separators}{word}") == normalize_header(f"{word} {word}")


@pytest.mark.parametrize("value,expected", [
    ("1,234.50", 1234.5), ("1234.50", 1234.5), ("๕,๐๐๐ บาท", 5000.0), ("5000บาท", 5000.0),
    ("฿1,500", 1500.0), ("1,234,567", 1234567.0), ("-12.5", -12.5), (".5", 0.5), (" 42 ", 42.0),
    ("30 วัน", 30.0), ("๒๕ ม.", 25.0), ("90°", 90.0),
    (7, 7.0), (2.5, 2.5), (Decimal("19.99"), 19.99),
    ("", None), ("   ", None), (None, None), (float("nan"), None),
])
def test_numbers(value, expected):
    assert parse_number(value) == expected


@pytest.mark.parametrize("value", ["twelve", "1,2,3", "12,34", "1.2.3", "12 34", "-", "1e5", "nan",
                                   "inf", float("inf"), True, [1]])
def test_things_that_are_not_numbers_say_so_naming_the_value(value):
    with pytest.raises(ValueError) as err:
        parse_number(value)
    assert repr(value) in str(err.value)


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2), st.booleans(), st.booleans(), st.booleans())
def test_written_amounts_parse_back(amount, grouped, thai_digits, baht):
    text = f"{amount:,}" if grouped else f"{amount}"
    text = to_thai(text) if thai_digits else text
    text = f"{text} บาท" if baht else text
    assert parse_number(text) == pytest.approx(float(amount), abs=1e-9)


TRUE_WORDS = ["มี", "ใช่", "ได้", "yes", "Yes", "YES", "y", "Y", "true", "True", "1", "๑", "✓", " มี "]
FALSE_WORDS = ["ไม่มี", "ไม่ใช่", "ไม่ได้", "no", "No", "n", "N", "false", "FALSE", "0", "๐", "x", "X",
               "ไม่ มี"]


@pytest.mark.parametrize("word", TRUE_WORDS)
def test_yes_words(word):
    assert parse_bool(word) is True


@pytest.mark.parametrize("word", FALSE_WORDS)
def test_no_words(word):
    assert parse_bool(word) is False


@pytest.mark.parametrize("value,expected", [
    (True, True), (False, False), (1, True), (0, False), (1.0, True), (0.0, False), (Decimal("1"), True),
    ("", None), ("  ", None), (None, None), (float("nan"), None),
])
def test_yes_no_values_that_are_not_words(value, expected):
    assert parse_bool(value) is expected


@pytest.mark.parametrize("value", ["maybe", "อาจจะ", "2", 2, 0.5, "yes please", "ไม่แน่ใจ"])
def test_unknown_answers_say_so_naming_the_value(value):
    with pytest.raises(ValueError) as err:
        parse_bool(value)
    assert repr(value) in str(err.value)
    assert "มี/ไม่มี" in str(err.value) and "yes/no" in str(err.value)


@given(st.sampled_from(TRUE_WORDS + FALSE_WORDS), st.sampled_from(["", " ", "\t", "  \n"]))
def test_answers_ignore_surrounding_space(word, space):
    assert parse_bool(f"{space}{word}{space}") is (word in TRUE_WORDS)
