"""Where the dashboard looks: country → province → district → subdistrict → organisation.

`?area=<2|4|6-digit code>` picks an administrative area, `&organisation=<id>` one organisation
(only one the access gate lets the user read). Without `area`, a user of an organisation
starts at their province; a system admin at the whole country. Every queryset comes from
`core.access.scope`, so a level never shows a row the user may not read.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from safetyzone.cameras.models import Camera
from safetyzone.core import access
from safetyzone.core.models import AdminArea, Organisation

LEVELS = ("country", "province", "district", "subdistrict", "organisation")
# camera column holding the area at each level; the child rows of a level group by the next one
CAMERA_AREA = {2: "province_id", 4: "district_id", 6: "area_id"}
CAMERA_CHILD = {"country": "province_id", "province": "district_id", "district": "area_id",
                "subdistrict": "site__owner_id", "organisation": None}
CHILD_CODE_LENGTH = {"country": 2, "province": 4, "district": 6}


@dataclass
class Drill:
    user: object
    level: str
    area: AdminArea | None = None
    organisation: Organisation | None = None
    trail: list[AdminArea] = field(default_factory=list)  # province, district, subdistrict chosen

    @property
    def code(self) -> str:
        return self.area.code if self.area else ""

    def query(self, **extra) -> str:
        """The query string of this level (plus `extra`), for links and downloads."""
        params = {"area": self.code} if self.code else {}
        if self.organisation:
            params["organisation"] = self.organisation.pk
        params.update({k: v for k, v in extra.items() if v not in (None, "")})
        return urlencode(params)

    def key(self) -> tuple:
        """Identifies what this level shows to this user (for caching)."""
        u = self.user
        return (u.pk, u.role, u.organisation_id, u.is_superuser, self.code,
                self.organisation.pk if self.organisation else None)

    # --- querysets through the gate -----------------------------------------------------

    def cameras(self) -> QuerySet:
        qs = access.scope(self.user, Camera.objects.all())
        if self.area:
            qs = qs.filter(**{CAMERA_AREA[len(self.code)]: self.code})
        if self.organisation:
            qs = qs.filter(site__owner_id=self.organisation.pk)
        return qs.order_by()

    def organisations(self) -> QuerySet:
        """Organisations at this level that the user may read (answering the census)."""
        qs = access.scope(self.user, Organisation.objects.all())
        if self.organisation:
            return qs.filter(pk=self.organisation.pk)
        if len(self.code) == 2:
            return qs.filter(province_id=self.code)
        if self.code:
            return qs.filter(area__code__startswith=self.code)
        return qs

    def census(self, queryset: QuerySet) -> QuerySet:
        """Census rows (submissions, proposals, problems) the user may read."""
        try:
            queryset = access.scope(self.user, queryset)
        except LookupError:  # a gate without census rules: go through the organisations' scope
            pass
        path = "organisation" if queryset.model._meta.model_name == "submission" else "submission__organisation"
        return queryset.filter(**{f"{path}__in": self.organisations()}).order_by()

    # --- navigation ------------------------------------------------------------------------

    def crumbs(self) -> list[dict]:
        items = []
        if access.is_system_admin(self.user):
            items.append({"label": _("Whole country"), "query": ""})
        for area in self.trail:
            items.append({"label": area.name, "query": f"area={area.code}"})
        if self.organisation:
            items.append({"label": str(self.organisation), "query": self.query()})
        return items

    def child_query(self, key) -> str:
        if self.level == "subdistrict":
            return self.query(organisation=key)
        return f"area={key}"


def resolve(user, params) -> Drill:
    code = (params.get("area") or "").strip()
    if not code and not access.is_system_admin(user) and getattr(user, "organisation", None):
        code = user.organisation.province_id
    trail = []
    if code.isdigit() and len(code) in CAMERA_AREA:
        prefixes = {code[:n] for n in (2, 4, 6) if n <= len(code)}
        trail = list(AdminArea.objects.filter(code__in=prefixes).order_by("code"))
        if not trail or trail[-1].code != code:
            trail = []
    area = trail[-1] if trail else None
    org = None
    org_id = (params.get("organisation") or "").strip()
    if org_id.isdigit() and len(org_id) < 18:
        org = access.scope(user, Organisation.objects.all()).filter(pk=int(org_id)).first()
    if org:
        level = "organisation"
    else:
        level = LEVELS[{0: 0, 2: 1, 4: 2, 6: 3}[len(area.code) if area else 0]]
    return Drill(user=user, level=level, area=area, organisation=org, trail=trail)
