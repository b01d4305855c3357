"""The recorder's clock at export (NIST IR 8161): record how far it was off, keep the file as
it is, and state the footage times in UTC.

The owner reads the time the recorder shows and the true time (a phone's clock) at export;
offset = recorder time - true time, in seconds. Times the recorder shows (Bangkok local time
by the recorder's own clock) become true UTC times by taking the offset off.
"""

from datetime import UTC, datetime, timedelta

MAX_OFFSET_S = 30 * 366 * 86400  # a recorder reset to 2000-01-01 is off by decades, not more
PLAUSIBLE_YEARS = (1970, 2100)  # a recorder's clock may be reset to 1970 or 2000; year 1 is a typo


def offset_seconds(recorder_time: datetime, true_time: datetime) -> int:
    return round((recorder_time - true_time).total_seconds())


def shown_to_utc(shown: datetime, offset_s: int | None) -> datetime:
    """A time as the recorder showed it (aware, in the recorder's zone) corrected to UTC; with
    the offset unknown the time stays as shown (the report says so)."""
    return (shown - timedelta(seconds=offset_s or 0)).astimezone(UTC)


def read_camera_clock(camera) -> datetime | None:
    """The camera's current clock, read over the network, or None when it cannot be read.

    The hook for the health/probe capability: until that reads recorder clocks (ONVIF
    GetSystemDateAndTime and the like), this returns None and the owner enters the times.
    """
    return None
