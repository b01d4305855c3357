"""One camera as the values of the export columns, in Thai or English words.

The words are the ones the importer reads back (choice labels, มี/ไม่มี or yes/no, the
organisation's name, the DOPA area code), so an exported file imported again changes
nothing. Dates: real dates in XLSX; ISO 8601 (2016-12-20, Christian era) in CSV, the one
text form that no spreadsheet program or reader can take for another date.
"""

from django.db.models import QuerySet

from safetyzone.cameras import selectors
from safetyzone.cameras.models import Camera

from ..columns import EXPORT_COLUMNS, choice_label, header
from ..importing.areas import area_index

CONTACT_KEYS = {"contact_name", "contact_phone"}
SITE_KEYS = {"site_name": "name", "address": "address", "place_type": "place_type"}
YES_NO = {"th": ("มี", "ไม่มี"), "en": ("yes", "no")}


def export_queryset(user, params) -> QuerySet:
    """The cameras of the camera-list filters in `params` that `user` may read (via the gate)."""
    flt = selectors.camera_filter(user, params)
    qs = flt.qs if flt.is_valid() else Camera.objects.none()
    return qs.select_related("site", "site__owner").order_by("id")


class CameraValues:
    def __init__(self, lang: str = "th", contacts: bool = False, may_see=None):
        """may_see(camera) -> bool decides whose contact persons are written (others: empty)."""
        self.lang = "en" if lang == "en" else "th"
        self.may_see = may_see
        self.columns = [c for c in EXPORT_COLUMNS if contacts or c.key not in CONTACT_KEYS]
        self.labels = {c.key: {v: choice_label(c.key, v, self.lang) for v, _l in c.choices.choices}
                       for c in self.columns if c.kind == "choice"}
        self.names = area_index().names
        self.yes, self.no = YES_NO[self.lang]
        self._getters = [self._getter(c) for c in self.columns]

    def headers(self) -> list[str]:
        return [header(c, self.lang) for c in self.columns]

    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def _name(self, code: str | None) -> str:
        if not code or code not in self.names:
            return ""
        th, en = self.names[code]
        return en if self.lang == "en" else th

    def _getter(self, col):
        key, kind = col.key, col.kind
        if key == "camera_id":
            return lambda cam: cam.pk
        if key == "owner":
            english = self.lang == "en"
            return lambda cam: (cam.site.owner.name_en or cam.site.owner.name) if english else cam.site.owner.name
        if key == "area_code":
            return lambda cam: cam.site.area_id
        if key in ("province", "district", "subdistrict"):
            length = {"province": 2, "district": 4, "subdistrict": 6}[key]
            return lambda cam: self._name(cam.site.area_id[:length]) if len(cam.site.area_id) >= length else ""
        attr = SITE_KEYS.get(key)
        if attr:
            if kind == "choice":
                labels = self.labels[key]
                return lambda cam: labels.get(getattr(cam.site, attr), "")
            return lambda cam: getattr(cam.site, attr)
        if kind == "choice":
            labels = self.labels[key]
            return lambda cam: labels.get(getattr(cam, key), "")
        if kind == "bool":
            yes, no = self.yes, self.no
            return lambda cam: "" if getattr(cam, key) is None else (yes if getattr(cam, key) else no)
        if key in CONTACT_KEYS and self.may_see is not None:
            may_see = self.may_see
            return lambda cam: getattr(cam, key) if may_see(cam) else ""
        return lambda cam: getattr(cam, key)

    def row(self, cam: Camera) -> list:
        """Python values (None for empty; dates, Decimals and ints as such)."""
        return [g(cam) for g in self._getters]

