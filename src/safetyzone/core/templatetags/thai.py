"""Template filters for Thai display: Buddhist-era dates in Thai, common-era dates in English.

    {% load thai %}
    {{ camera.installed_on|thai_date }}        20 ธ.ค. 2559   /  20 Dec 2016
    {{ entry.history_date|thai_datetime }}     20 ธ.ค. 2559 14:05  /  20 Dec 2016 14:05
    {{ n|thai_number }}                        1,234,567.50 (grouped, trailing .00 dropped)
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

from safetyzone.thai.dates import format_thai_date

register = template.Library()


def _thai() -> bool:
    return not (get_language() or "th").startswith("en")


@register.filter
def thai_date(value, style: str = "short"):
    """A date (or datetime) in the Buddhist era when the page is Thai; '' for empty values."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if not isinstance(value, date):
        return value
    if _thai():
        return format_thai_date(value, short=style != "long")
    return date_format(value, "j F Y" if style == "long" else "j M Y")


@register.filter
def thai_datetime(value):
    """A datetime in local time (Asia/Bangkok) with the date in the Buddhist era for Thai."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime):
        return thai_date(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{thai_date(value.date())} {value:%H:%M}"


@register.filter
def thai_number(value, places: int | None = None):
    """Digits grouped by thousands; money keeps 2 decimals unless they are zero."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    if places is not None:
        return f"{number:,.{int(places)}f}"
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    return f"{number:,.2f}"
