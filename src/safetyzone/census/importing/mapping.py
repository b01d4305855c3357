"""Which column of the file feeds which field: guessed from the headers, or chosen by the user.

A mapping is a list of column keys aligned with the file's headers ('' = ignore the column).
A saved mapping (ColumnMapping.mapping) is a dict from normalized header to key, so it fits
the next file of the same agency even when its columns come in another order.
"""

from django.utils.translation import gettext_noop

from safetyzone.thai.text import normalize_header

from ..columns import BY_KEY, guess_column
from .messages import ImportFileError


def guess_keys(headers: list[str]) -> list[str]:
    keys, seen = [], set()
    for h in headers:
        key = guess_column(h)
        if key in seen:
            key = ""
        seen.add(key)
        keys.append(key)
    if "latlon" in seen and "lat" in seen and "lon" in seen:
        keys = ["" if k == "latlon" else k for k in keys]
    return keys


def apply_saved(headers: list[str], saved: dict[str, str]) -> list[str]:
    """Keys for `headers` from a saved mapping; headers it does not know are guessed."""
    guessed = guess_keys(headers)
    keys = []
    for h, guess in zip(headers, guessed):
        norm = normalize_header(h)
        keys.append(saved[norm] if norm in saved else guess)
    taken = set()
    for i, k in enumerate(keys):  # a guess must not take a field the saved mapping assigned
        if k and k in taken:
            keys[i] = ""
        taken.add(k)
    return keys


def to_saved(headers: list[str], keys: list[str]) -> dict[str, str]:
    return {normalize_header(h): k for h, k in zip(headers, keys) if normalize_header(h)}


def resolve_mapping(headers: list[str], mapping=None) -> list[str]:
    """Keys aligned with `headers` from None (guess), a list of keys, or {header: key}."""
    if mapping is None:
        keys = guess_keys(headers)
    elif isinstance(mapping, (list, tuple)):
        keys = [str(k or "") for k in mapping][: len(headers)]
        keys += [""] * (len(headers) - len(keys))
    else:
        saved = {normalize_header(h): str(k or "") for h, k in mapping.items()}
        keys = apply_saved(headers, saved)
    check_keys(headers, keys)
    return keys


def check_keys(headers: list[str], keys: list[str]) -> None:
    """File-level mapping mistakes, each with a message naming the columns."""
    first: dict[str, str] = {}
    for h, k in zip(headers, keys):
        if not k:
            continue
        if k not in BY_KEY:
            raise ImportFileError(gettext_noop("Unknown field %(field)s in the column mapping."), field=k)
        if k in first:
            col = BY_KEY[k]
            raise ImportFileError(
                gettext_noop("The columns %(first)s and %(second)s are both mapped to %(field)s; "
                             "map only one of them."),
                first=first[k], second=h, field=(col.en, col.th))
        first[k] = h
    mapped = set(first)
    if "latlon" in mapped and mapped & {"lat", "lon"}:
        raise ImportFileError(gettext_noop(
            "Map either one coordinates column or separate latitude and longitude columns, not both."))
    has_point = "latlon" in mapped or {"lat", "lon"} <= mapped
    if not has_point and not mapped & {"camera_id", "asset_code"}:
        raise ImportFileError(gettext_noop(
            "No column was recognised as latitude and longitude, camera ID or asset code, so no "
            "camera can be placed or found. Choose the columns on the mapping page."))
