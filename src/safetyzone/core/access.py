"""The one access gate. Every queryset a user sees, and every write, goes through here.

Rules (see docs/adr/0002-access-gate.md):
- system admin: everything;
- provincial secretariat and committee members: read every camera in their province;
- police stations (any role): read the cameras in the station's area, plus their own;
- every other organisation, households included: read only its own cameras;
- editors and organisation admins write their own organisation's cameras; system admins all.
- census rounds: the province's secretariat and committee read the province's rounds and every
  answer in them; an invited organisation reads its own answer; the secretariat runs the round
  and the committee certifies it; editors and organisation admins write their own answer.
- footage requests: the requesting station's investigators and its head (org admin) read the
  station's requests with their items, history, evidence and custody log; investigators manage
  them. The owner of a requested camera reads (viewer, editor, org admin) and answers (editor,
  org admin) its own items only. Nobody else sees them (the secretariat gets aggregates only).
- planning (risk points, incidents, Safety Zones, road files, poles, placement plans): the
  province's secretariat and committee read the province's; police stations and local
  administrations read their own plus everything located in their area (the crime-prevention
  network shares them); other organisations read their own. Editors and organisation admins
  write their own organisation's. Child rows (photos, mitigations, tasks, patrol points and
  shifts, check-ins, segments, poles, planned cameras) follow their parent.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from .models import AreaLevel, OrgKind, Role

WRITE_ROLES = {Role.EDITOR, Role.ORG_ADMIN}
PROVINCE_READ_ROLES = {Role.SECRETARIAT, Role.COMMITTEE}
# census model -> (path to its province, path to the answering organisation)
CENSUS_PATHS = {
    "census.round": ("province", "submissions__organisation"),
    "census.submission": ("round__province", "organisation"),
    "census.proposal": ("submission__round__province", "submission__organisation"),
    "census.problemreport": ("submission__round__province", "submission__organisation"),
}


# footage model -> (path prefix to its FootageRequest, path prefix to its RequestItem or None)
FOOTAGE_PATHS = {
    "footage.footagerequest": ("", None),
    "footage.requestitem": ("request__", ""),
    "footage.itemevent": ("item__request__", "item__"),
    "footage.evidencefile": ("item__request__", "item__"),
    "footage.upload": ("item__request__", "item__"),
    "footage.custodyentry": ("request__", "evidence__item__"),
}
# planning: top-level models (organisation + area copies, like cameras) and children -> parent path
PLANNING_TOP = {"planning.riskpoint", "planning.incident", "planning.incidentimport", "planning.safetyzone",
                "planning.roadfile", "planning.poleset", "planning.placementplan"}
PLANNING_PATHS = {
    "planning.riskphoto": "risk_point__", "planning.mitigation": "risk_point__",
    "planning.zonetask": "zone__", "planning.patrolpoint": "zone__", "planning.patrolshift": "zone__",
    "planning.patrolcheckin": "point__zone__", "planning.roadsegment": "road_file__",
    "planning.pole": "pole_set__", "planning.plancamera": "plan__",
}
AREA_SHARING_KINDS = {OrgKind.POLICE_STATION, OrgKind.LOCAL_ADMIN}
FOOTAGE_REQUESTER_READ = {Role.INVESTIGATOR, Role.ORG_ADMIN}
FOOTAGE_OWNER_READ = {Role.VIEWER, Role.EDITOR, Role.ORG_ADMIN}
NOTHING = Q(pk__in=[])


def is_system_admin(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role == Role.SYSTEM_ADMIN))


def area_q(area, prefix: str) -> Q:
    """Rows whose administrative area (reached through `prefix`) lies inside `area`."""
    field = {
        AreaLevel.PROVINCE: "province",
        AreaLevel.DISTRICT: "district",
        AreaLevel.SUBDISTRICT: "area",
    }[area.level]
    return Q(**{f"{prefix}{field}_id": area.code})


def _owner_path(model: type[Model]) -> tuple[str, str]:
    """(path to the owning organisation, path prefix to the area fields) of a model."""
    label = model._meta.label_lower
    if label in PLANNING_TOP:
        return "organisation", ""
    if label in PLANNING_PATHS:
        return f"{PLANNING_PATHS[label]}organisation", PLANNING_PATHS[label]
    if label == "cameras.camera":
        return "site__owner", ""  # cameras carry a copy of their site's area fields
    if label == "cameras.site":
        return "owner", ""
    if label == "core.organisation":
        return "", ""
    raise LookupError(f"the access gate does not know {label}")


def read_q(user, model: type[Model]) -> Q | None:
    """A filter for the rows `user` may read; None means everything."""
    if is_system_admin(user):
        return None
    org = getattr(user, "organisation", None) if user and user.is_authenticated else None
    if org is None:
        return Q(pk__in=[])
    if model._meta.label_lower in FOOTAGE_PATHS or model._meta.label_lower == "footage.search":
        return _footage_read_q(user, org, model._meta.label_lower)
    if model._meta.label_lower == "footage.citizenrequest":
        return citizen_q(user, org)
    if model._meta.label_lower in CENSUS_PATHS:
        province, answering = CENSUS_PATHS[model._meta.label_lower]
        if user.role in PROVINCE_READ_ROLES:
            return Q(**{f"{province}_id": org.province_id})
        return Q(**{f"{answering}_id": org.pk})
    if model._meta.label_lower == "cameras.cameratally":  # per-area sums: only for whole-area readers
        return Q(province_id=org.province_id) if user.role in PROVINCE_READ_ROLES else Q(pk__in=[])
    owner, areas = _owner_path(model)
    if model._meta.label_lower == "core.organisation":
        if user.role in PROVINCE_READ_ROLES:
            return Q(province_id=org.province_id)
        return Q(pk=org.pk)
    own = Q(**{f"{owner}_id": org.pk})
    if user.role in PROVINCE_READ_ROLES:
        return Q(**{f"{areas}province_id": org.province_id})
    if org.kind == OrgKind.POLICE_STATION:
        return own | area_q(org.area, areas)
    if org.kind in AREA_SHARING_KINDS and model._meta.label_lower.startswith("planning."):
        return own | area_q(org.area, areas)
    return own


def write_q(user, model: type[Model]) -> Q | None:
    """A filter for the rows `user` may change; None means everything."""
    if is_system_admin(user):
        return None
    org = getattr(user, "organisation", None) if user and user.is_authenticated else None
    if model._meta.label_lower in FOOTAGE_PATHS or model._meta.label_lower == "footage.search":
        return _footage_write_q(user, org, model._meta.label_lower)
    if model._meta.label_lower == "footage.citizenrequest":
        return citizen_q(user, org)
    if org is None or user.role not in WRITE_ROLES:
        return Q(pk__in=[])
    if model._meta.label_lower in CENSUS_PATHS:
        return Q(**{f"{CENSUS_PATHS[model._meta.label_lower][1]}_id": org.pk})
    owner, _site = _owner_path(model)
    if model._meta.label_lower == "core.organisation":
        return Q(pk=org.pk) if user.role == Role.ORG_ADMIN else Q(pk__in=[])
    return Q(**{f"{owner}_id": org.pk})


def _footage_read_q(user, org, label: str) -> Q:
    if org is None:
        return NOTHING
    if label == "footage.search":  # a user's own searches; the station head reads the station's
        own = Q(user_id=user.pk)
        return own | Q(organisation_id=org.pk) if user.role == Role.ORG_ADMIN else own
    request, item = FOOTAGE_PATHS[label]
    q = NOTHING
    if user.role in FOOTAGE_REQUESTER_READ:
        q |= Q(**{f"{request}organisation_id": org.pk})
    if item is not None and user.role in FOOTAGE_OWNER_READ:
        q |= Q(**{f"{item}owner_id": org.pk})
    return q


def _footage_write_q(user, org, label: str) -> Q:
    """Investigators manage their station's requests; camera owners answer their own items."""
    if org is None or label not in FOOTAGE_PATHS:
        return NOTHING
    request, item = FOOTAGE_PATHS[label]
    if label == "footage.footagerequest":
        return Q(organisation_id=org.pk) if user.role == Role.INVESTIGATOR else NOTHING
    if label in ("footage.requestitem", "footage.evidencefile", "footage.upload") and user.role in WRITE_ROLES:
        return Q(**{f"{item}owner_id": org.pk})
    return NOTHING


def can_request_footage(user) -> bool:
    """Search for cameras and send footage requests: a police station's investigators."""
    org = getattr(user, "organisation", None) if user and user.is_authenticated else None
    return bool(org and user.role == Role.INVESTIGATOR and org.kind == OrgKind.POLICE_STATION)


def can_check_in(user, point) -> bool:
    """Check in at a patrol point: any active user of the organisation that owns its zone."""
    org_id = getattr(user, "organisation_id", None) if user and user.is_authenticated else None
    return bool(org_id and org_id == point.zone.organisation_id)


def scope(user, queryset: QuerySet, *, write: bool = False) -> QuerySet:
    """The rows of `queryset` that `user` may read (or, with write=True, change)."""
    q = (write_q if write else read_q)(user, queryset.model)
    return queryset if q is None else queryset.filter(q)


def can_write_org(user, organisation_id: int | None) -> bool:
    """May `user` create or move records owned by this organisation?"""
    if is_system_admin(user):
        return True
    org = getattr(user, "organisation", None)
    return bool(org and user.role in WRITE_ROLES and organisation_id == org.pk)


def writable_organisations(user, queryset: QuerySet) -> QuerySet:
    """Organisations `user` may register cameras for."""
    if is_system_admin(user):
        return queryset
    if getattr(user, "organisation_id", None) and user.role in WRITE_ROLES:
        return queryset.filter(pk=user.organisation_id)
    return queryset.none()


def can_run_round(user, province_id: str) -> bool:
    """Open, close, reopen a census round and review its answers: the province's secretariat."""
    org = getattr(user, "organisation", None)
    return is_system_admin(user) or bool(org and user.role == Role.SECRETARIAT and org.province_id == province_id)


def can_certify_round(user, province_id: str) -> bool:
    """Certify a round: the province's committee members (and its secretariat, who records it)."""
    org = getattr(user, "organisation", None)
    return can_run_round(user, province_id) or bool(
        org and user.role == Role.COMMITTEE and org.province_id == province_id)


def check_write(user, obj) -> None:
    """Re-check, inside the caller's transaction, that `user` may change `obj`."""
    if not scope(user, type(obj)._default_manager.filter(pk=obj.pk), write=True).exists():
        raise PermissionDenied


def citizen_q(user, org) -> Q:
    """Citizens' asks (personal data): read and reviewed by the investigators and the head of a
    police station in the ask's province; nobody else (the citizen follows theirs by its token)."""
    if org is None or org.kind != OrgKind.POLICE_STATION or user.role not in (Role.INVESTIGATOR, Role.ORG_ADMIN):
        return Q(pk__in=[])
    return Q(province_id=org.province_id)
