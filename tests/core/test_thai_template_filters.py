"""Template filters: Buddhist-era dates in Thai, common-era dates in English."""

from datetime import date, datetime, timezone

import pytest
from django.template import Context, Template
from django.utils import translation

from safetyzone.core.templatetags.thai import thai_date, thai_datetime, thai_number


def render(source: str, **context) -> str:
    return Template("{% load thai %}" + source).render(Context(context))


@pytest.mark.parametrize("language, expected", [("th", "20 ธ.ค. 2559"), ("en", "20 Dec 2016")])
def test_date_in_the_era_of_the_language(language, expected):
    with translation.override(language):
        assert render("{{ d|thai_date }}", d=date(2016, 12, 20)) == expected


def test_long_form_and_empty_values():
    with translation.override("th"):
        assert thai_date(date(2016, 12, 20), "long") == "20 ธันวาคม 2559"
        assert thai_date(None) == "" and render("{{ d|thai_date|default:'—' }}", d=None) == "—"
    with translation.override("en"):
        assert thai_date(date(2016, 12, 20), "long") == "20 December 2016"


def test_datetime_is_shown_in_bangkok_time():
    moment = datetime(2016, 12, 19, 18, 30, tzinfo=timezone.utc)  # 01:30 on the 20th in Bangkok
    with translation.override("th"):
        assert thai_datetime(moment) == "20 ธ.ค. 2559 01:30"
        assert thai_date(moment) == "20 ธ.ค. 2559"
    with translation.override("en"):
        assert thai_datetime(moment) == "20 Dec 2016 01:30"


def test_numbers_are_grouped():
    assert thai_number(1234567) == "1,234,567"
    assert thai_number("25000.50") == "25,000.50"
    assert thai_number(11000, 2) == "11,000.00"
    assert thai_number(None) == "" and thai_number("abc") == "abc"
