"""{{ item.overwrite_at|time_left }}: how long until the footage is overwritten, in words."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def time_left(value, now=None) -> str:
    if not value:
        return _("retention unknown")
    seconds = int((value - (now or timezone.now())).total_seconds())
    if seconds <= 0:
        return _("already overwritten")
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return _("in %(days)s d %(hours)s h") % {"days": days, "hours": hours}
    if hours:
        return _("in %(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
    return _("in %(minutes)s min") % {"minutes": minutes}


@register.filter
def urgent(value, now=None) -> bool:
    """Overwritten within 24 hours (but not yet)."""
    if not value:
        return False
    seconds = (value - (now or timezone.now())).total_seconds()
    return 0 < seconds <= 86400


@register.filter
def status_label(value) -> str:
    """The translated label of an item status (history rows store the bare value)."""
    from safetyzone.footage.models import ItemStatus

    try:
        return ItemStatus(value).label
    except ValueError:
        return value


@register.simple_tag
def countdown_texts():
    """The words find.js uses to tick the countdowns, in the page's language (same as time_left)."""
    from django.utils.html import format_html

    return format_html('<span id="countdown-texts" hidden data-gone="{}" data-days="{}" data-hours="{}" '
                       'data-minutes="{}"></span>', _("already overwritten"), _("in %(days)s d %(hours)s h"),
                       _("in %(hours)s h %(minutes)s min"), _("in %(minutes)s min"))
