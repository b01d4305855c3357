"""Resolve the administrative area of a row from a DOPA code or from Thai/English names.

Officials write "จ.อ่างทอง", "จังหวัดอ่างทอง", "อ.เมือง", "อำเภอเมืองอ่างทอง", "ต.ตลาดหลวง",
"เขตพระนคร", "แขวงวังบูรพาภิรมย์", "Mueang Ang Thong"...: prefixes are dropped before
matching, and "เมือง" alone means the Mueang district of the province. Subdistrict names
repeat across the country (22 "ในเมือง"), so a name is looked up inside the district or
province given on the row, else inside the owner's province, else across the country when
it is unique there.
"""

import re
from django.utils.translation import gettext_noop

from safetyzone.core.models import AdminArea
from safetyzone.thai.digits import to_arabic

_TH_PREFIX = re.compile(r"^(?:จังหวัด|จ\.|กิ่งอำเภอ|กิ่ง\s*อ\.|อำเภอ|อ\.|ตำบล|ต\.|เขต|แขวง)\s*")
_EN_WORDS = re.compile(
    r"\b(?:changwat|province|amphoe|amphur|amphor|district|khet|tambon|tambol|sub-?district|khwaeng|kwaeng)\b",
    re.I)
_STRIP = re.compile(r"[\s.\-'’,]+")


def name_key(text) -> str:
    s = str(text or "").strip()
    s = _TH_PREFIX.sub("", s)
    s = _EN_WORDS.sub(" ", s.lower())
    s = _STRIP.sub("", s)
    return s.replace("muang", "mueang")


class AreaError(ValueError):
    def __init__(self, msgid: str, **params):
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params


class AreaIndex:
    """Name and code lookups over every province, district and subdistrict (one query)."""

    def __init__(self, rows):
        self.codes: set[str] = set()
        self.names: dict[str, tuple[str, str]] = {}
        self.province: dict[str, str] = {}
        self.child: dict[tuple[str, str], list[str]] = {}  # (parent code prefix, key) → codes
        self.level_by_key: dict[tuple[int, str], list[str]] = {}
        for code, name_th, name_en in rows:
            self.codes.add(code)
            self.names[code] = (name_th, name_en)
            for key in {name_key(name_th), name_key(name_en)} - {""}:
                if len(code) == 2:
                    self.province[key] = code
                else:
                    self.child.setdefault((code[:2], key), []).append(code)
                    if len(code) == 6:
                        self.child.setdefault((code[:4], key), []).append(code)
                    self.level_by_key.setdefault((len(code), key), []).append(code)

    def code(self, value) -> str:
        text = to_arabic(str(value)).strip()
        if text.endswith(".0"):
            text = text[:-2]
        if text not in self.codes:
            raise AreaError(gettext_noop(
                "Unknown area code %(value)s: use the 2-digit province, 4-digit district or "
                "6-digit subdistrict code of the Department of Provincial Administration."), value=value)
        return text

    def _find(self, key: str, level: int, parent: str | None, explicit_parent: bool, value, what):
        matches = [c for c in self.child.get((parent, key), []) if len(c) == level] if parent else []
        if not matches and not explicit_parent:
            matches = self.level_by_key.get((level, key), [])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise AreaError(gettext_noop("Unknown %(what)s name: %(value)s"), what=what, value=value)
        raise AreaError(gettext_noop(
            "There are several %(what)s areas named %(value)s; also give the district and province, "
            "or the area code."), what=what, value=value)

    def resolve(self, province=None, district=None, subdistrict=None, default_province=None) -> str | None:
        """The most specific area code the names give, or None when none is given."""
        p = d = s = None
        if province:
            p = self.province.get(name_key(province))
            if p is None:
                raise AreaError(gettext_noop("Unknown province name: %(value)s"), value=province)
        scope = p or default_province
        if district:
            key = name_key(district)
            if key in ("เมือง", "mueang") and scope:
                key = name_key("เมือง" + self.names[scope][0])
            d = self._find(key, 4, scope, bool(p), district, ("district", "อำเภอ"))
        if subdistrict:
            s = self._find(name_key(subdistrict), 6, d or scope, bool(d or p), subdistrict,
                           ("subdistrict", "ตำบล"))
        return s or d or p


_INDEX: list[AreaIndex] = []


def area_index() -> AreaIndex:
    """Built once per process (the areas are static); not kept while the table is empty."""
    if not _INDEX:
        index = AreaIndex(AdminArea.objects.values_list("code", "name_th", "name_en").iterator(chunk_size=5000))
        if not index.codes:
            return index
        _INDEX.append(index)
    return _INDEX[0]
