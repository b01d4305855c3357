"""Write the demo plan to the database: organisations, users, sites, cameras with history."""

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import ProtectedError
from django.test.utils import override_settings
from simple_history.utils import bulk_create_with_history

from safetyzone.cameras.models import Camera, Site
from safetyzone.core.models import AdminArea, Organisation, User

from . import angthong, census_round, footage, planning, udon
from .plan import Area, OrgPlan

DEFAULT_SEED = 2559  # the year (BE) of Ang Thong's census
PASSWORD = "safetyzone-demo"
HISTORY_REASON = "ข้อมูลสาธิต (demo data)"
# (username, role, organisation name or None, first name, last name)
USERS = [
    ("admin", "system_admin", None, "ผู้ดูแล", "ระบบ"),
    ("secretariat", "secretariat", angthong.PROVINCIAL_OFFICE[0], "นภาพร", "ศรีวิชัย"),
    ("committee", "committee", angthong.PROVINCIAL_OFFICE[0], "ธีระ", "ชัยมงคล"),
    ("angthong_editor", "editor", angthong.TOWN_NAME, "กาญจนา", "พึ่งบุญ"),
    ("angthong_viewer", "viewer", angthong.TOWN_NAME, "เอกชัย", "ทองคำ"),
    ("angthong_orgadmin", "org_admin", angthong.TAMBON_NAME, "ศิริพร", "อินทร์แก้ว"),
    ("udon_editor", "editor", udon.MUNICIPALITY[0], "ไพโรจน์", "รุ่งเรือง"),
    ("police_udon", "investigator", udon.STATION[0], "ณัฐพล", "เพชรรัตน์"),
    ("police_angthong", "investigator", angthong.STATION_NAME, "อนุชา", "นาคประเสริฐ"),
    ("household", "editor", angthong.HOUSEHOLD_NAME, "สมชาย", "ใจดี"),
    (footage.INVESTIGATOR, "investigator", udon.STATION[0], "วีระพงษ์", "ศรีสุข"),
    # the stations' crime-prevention officers: risk points, Safety Zones, patrol plans (issue 5)
    ("prevention_udon", "editor", udon.STATION[0], "สุภาวดี", "แก้วมณี"),
    ("prevention_angthong", "editor", angthong.STATION_NAME, "ประเสริฐ", "บุญมา"),
]


class DemoError(Exception):
    pass


@dataclass
class Result:
    created: bool
    cameras: int
    users: list[User]
    skipped_users: list[str]


def areas() -> dict[str, Area]:
    rows = AdminArea.objects.filter(code__regex=r"^(15|41)").values_list("code", "name_th", "name_en")
    return {code: Area(code, th, en) for code, th, en in rows}


def build(seed: int = DEFAULT_SEED, area_names: dict[str, Area] | None = None) -> list[OrgPlan]:
    """The whole demo as a plan (no database writes): Ang Thong, then Udon Thani."""
    area_names = area_names or areas()
    return (angthong.build(random.Random(f"angthong:{seed}"), area_names)
            + udon.build(random.Random(f"udon:{seed}"), area_names))


def demo_organisations(plans: list[OrgPlan]):
    keys = {(p.province, p.name) for p in plans}
    names = {name for _prov, name in keys}
    return [o for o in Organisation.objects.filter(name__in=names) if (o.province_id, o.name) in keys]


def load(seed: int = DEFAULT_SEED, reset: bool = False) -> Result:
    """Load the demo unless it is already there (then do nothing); `reset` rebuilds it."""
    plans = build(seed)
    expected = sum(len(p.cameras()) for p in plans)
    existing = demo_organisations(plans)
    present = Camera.objects.filter(site__owner__in=existing).count()
    if present and not reset:
        if present != expected:
            raise DemoError(f"The demo organisations have {present} cameras, not the {expected} of the demo: "
                            "someone changed them. Run load_demo --reset to rebuild the demo data.")
        census_round.load()  # a demo loaded before the census round existed gets it now
        footage.load()  # likewise the footage requests (once their investigator exists)
        planning.load()  # and the planning data
        return Result(False, present, _users(), [])
    with transaction.atomic():
        if reset:
            _delete_cameras_and_sites(existing)
        orgs = _organisations(plans, existing)
        skipped = _create_users(orgs, update=reset)
        admin = User.objects.filter(username="admin").first()
        sites, cameras = [], []
        for plan in plans:
            for sp in plan.sites:
                site = Site(owner=orgs[plan.name], name=sp.name, address=sp.address, place_type=sp.place_type,
                            area_id=sp.area, province_id=sp.area[:2], district_id=sp.area[:4])
                sites.append(site)
                cameras.extend(Camera(site=site, **fields) for fields in sp.cameras)
        Site.objects.bulk_create(sites, batch_size=1000)
        for cam in cameras:
            cam.site_id = cam.site.pk
        bulk_create_with_history(cameras, Camera, batch_size=1000, default_user=admin,
                                 default_change_reason=HISTORY_REASON)
        census_round.load(reset=reset)
        footage.load(reset=reset)
        planning.load(reset=reset)
    return Result(True, len(cameras), _users(), skipped)


def _delete_cameras_and_sites(orgs: list[Organisation]) -> None:
    """Remove the demo organisations' cameras, sites and camera history (for --reset)."""
    site_ids = list(Site.objects.filter(owner__in=orgs).values_list("pk", flat=True))
    _delete_field_checks(site_ids)
    try:
        # Deleting demo data needs no "deleted" history entry per camera.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            Camera.objects.filter(site_id__in=site_ids).delete()
        Site.objects.filter(pk__in=site_ids).delete()
    except ProtectedError as exc:
        raise DemoError("Other records refer to the demo cameras or sites, so --reset cannot delete "
                        f"them: {exc.args[0]}") from exc
    Camera.history.model.objects.filter(site_id__in=site_ids).delete()


def _delete_field_checks(site_ids: list[int]) -> None:
    """Field visits and assignments made on demo cameras (someone tried field verification in
    the demo): demo activity, rebuilt with the cameras. A visit protects its camera from
    deletion everywhere else (census/models/verification.py), so --reset removes them first,
    with their photos."""
    from safetyzone.census.models import Inspection, Visit

    visits = Visit.objects.filter(camera__site_id__in=site_ids)
    photos = [name for name in visits.values_list("photo", flat=True) if name]
    visits.delete()
    Inspection.objects.filter(camera__site_id__in=site_ids).delete()
    storage = Visit.photo.field.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in photos])


def _organisations(plans: list[OrgPlan], existing: list[Organisation]) -> dict[str, Organisation]:
    """Create the demo organisations, or bring existing ones back to the plan."""
    by_name = {o.name: o for o in existing}
    new, changed = [], []
    for p in plans:
        org = by_name.get(p.name) or Organisation(name=p.name)
        org.name_en, org.kind, org.province_id, org.area_id, org.contact_phone = (
            p.name_en, p.kind, p.province, p.area, p.phone)
        (changed if org.pk else new).append(org)
        by_name[p.name] = org
    Organisation.objects.bulk_create(new)
    Organisation.objects.bulk_update(changed, ["name_en", "kind", "province", "area", "contact_phone"])
    return by_name


def _create_users(orgs: dict[str, Organisation], update: bool) -> list[str]:
    """Create the demo users; existing ones are left alone unless `update` (then reset)."""
    password = make_password(PASSWORD)  # hashed once: the same password for every demo user
    existing = {u.username: u for u in User.objects.filter(username__in=[u[0] for u in USERS])}
    skipped = []
    for username, role, org_name, first, last in USERS:
        user = existing.get(username)
        if user and not update:
            skipped.append(username)
            continue
        user = user or User(username=username)
        user.role, user.organisation = role, orgs[org_name] if org_name else None
        user.first_name, user.last_name, user.password = first, last, password
        user.is_staff = user.is_superuser = role == "system_admin"
        user.is_active = True
        user.save()
    return skipped


def _users() -> list[User]:
    order = {u[0]: i for i, u in enumerate(USERS)}
    users = User.objects.filter(username__in=order).select_related("organisation")
    return sorted(users, key=lambda u: order[u.username])
