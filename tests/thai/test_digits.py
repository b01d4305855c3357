"""Thai digits to Arabic digits and back."""

from hypothesis import given
from hypothesis import strategies as st

from safetyzone.thai.digits import to_arabic, to_thai

ARABIC = "0123456789"
THAI = "๐๑๒๓๔๕๖๗๘๙"


def test_every_digit_maps_both_ways():
    assert to_arabic(THAI) == ARABIC
    assert to_thai(ARABIC) == THAI


def test_other_characters_are_kept():
    assert to_arabic("ซอยเทศบาล ๕ หมู่ 3, โทร ๐๘๑-๒๓๔") == "ซอยเทศบาล 5 หมู่ 3, โทร 081-234"
    assert to_thai("20 ธ.ค. 2559 (CCTV-01)") == "๒๐ ธ.ค. ๒๕๕๙ (CCTV-๐๑)"
    assert to_arabic("") == "" and to_thai("") == ""


@given(st.text(alphabet=ARABIC))
def test_arabic_digit_strings_round_trip(s):
    assert to_arabic(to_thai(s)) == s


@given(st.text(alphabet=THAI))
def test_thai_digit_strings_round_trip(s):
    assert to_thai(to_arabic(s)) == s


@given(st.text())
def test_any_text_round_trips_up_to_the_digit_script(s):
    assert to_arabic(to_thai(s)) == to_arabic(s)
    assert to_thai(to_arabic(s)) == to_thai(s)
    assert len(to_arabic(s)) == len(s) == len(to_thai(s))
    assert not set(to_arabic(s)) & set(THAI)
    assert not set(to_thai(s)) & set(ARABIC)


@given(st.text().filter(lambda s: not set(s) & set(ARABIC + THAI)))
def test_text_without_digits_is_unchanged(s):
    assert to_arabic(s) == s == to_thai(s)
