"""A 30-camera footage request: time from submit until every owner's notification is queued.

    python bench/footage_notify.py --db sqlite|postgres [--requests 40] [--cameras 30]

"Queued" means what `footage.services.create_request` does before it returns: the access gate
re-checked for the chosen cameras inside the transaction, the request, one item per camera
with its overwrite moment, a "sent" history event per item, one notification row per owner
and channel (30 owners, each with e-mail and LINE: 60 rows, the worst case), and the sending
task enqueued on the database task backend (a row) once the transaction commits. Sending the
messages is the worker's job and not timed here.

Baseline in the same run: creating the request and its 30 items alone (one insert and one bulk
insert, no gate, no history, no notifications). Target: p95 <= 1 s.
The database is sz_notify (its own; rebuilt each run).
"""

import argparse
import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

DB_NAME = "sz_notify"
TARGET_P95 = 1.0


def world(cameras: int):
    """A police station in Mueang Ang Thong and `cameras` cameras of as many owners around a point."""
    from django.db import transaction

    from safetyzone.cameras.models import Camera, Site
    from safetyzone.core.models import Notification, Organisation, User
    from safetyzone.footage.models import FootageRequest, ItemEvent, RequestItem

    with transaction.atomic():
        Notification.objects.all().delete()
        ItemEvent.objects.all().delete()
        RequestItem.objects.all().delete()
        FootageRequest.objects.all().delete()
        Camera.objects.all().delete()
        Site.objects.all().delete()
        User.objects.all().delete()
        Organisation.objects.all().delete()
        station = Organisation.objects.create(name="สภ.เมืองอ่างทอง", kind="police_station", province_id="15",
                                              area_id="1501")
        owners = Organisation.objects.bulk_create([
            Organisation(name=f"ร้านค้า {i}", kind="private_business", province_id="15", area_id="150101",
                         contact_email=f"shop{i}@example.com", line_to=f"U{i:032x}") for i in range(cameras)])
        sites = Site.objects.bulk_create([Site(owner=o, name=f"หน้าร้าน {i}", area_id="150101", province_id="15",
                                               district_id="1501", place_type="shop")
                                          for i, o in enumerate(owners)])
        Camera.objects.bulk_create([
            Camera(site=s, lat=14.5896 + i * 0.00002, lon=100.4550 + i * 0.00002, sector="private",
                   camera_type="bullet", signal="ip", status="working", network_link="none",
                   retention_days=(3, 7, 15, 30)[i % 4], area_id="150101", province_id="15", district_id="1501")
            for i, s in enumerate(sites)])
        user = User.objects.create(username="investigator", organisation=station, role="investigator")
    ids = list(Camera.objects.order_by("pk").values_list("pk", flat=True))
    return user, ids


def measure(user, ids, n: int):
    from django.db import transaction
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from safetyzone.core.models import Notification
    from safetyzone.footage import services
    from safetyzone.footage.models import FootageRequest, RequestItem

    now = timezone.now()
    data = {"lat": 14.5899, "lon": 100.4553, "radius_m": 200, "starts_at": now - timedelta(hours=3),
            "ends_at": now - timedelta(hours=2), "case_ref": "คดีอาญา 1/2569", "purpose": "สืบสวน",
            "incident_type": "theft", "description": ""}

    def baseline():
        with transaction.atomic():
            req = FootageRequest.objects.create(
                case_ref=data["case_ref"], incident_type="theft", lat=data["lat"], lon=data["lon"], radius_m=200,
                starts_at=data["starts_at"], ends_at=data["ends_at"], purpose="สืบสวน", requested_by=user,
                organisation_id=user.organisation_id, province_id="15")
            RequestItem.objects.bulk_create([RequestItem(request=req, camera_id=pk, camera_label=f"#{pk}",
                                                         owner_id=user.organisation_id) for pk in ids])

    full, base = [], []
    tasks_before = DBTaskResult.objects.count()
    for _ in range(n):
        seconds, request = common.timed(services.create_request, user, data, ids)
        full.append(seconds)
        base.append(common.timed(baseline)[0])
    rows = Notification.objects.filter(key__startswith=f"footage-request:{request.pk}:").count()
    tasks = DBTaskResult.objects.count() - tasks_before
    return common.summary(full), common.summary(base), rows, tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--cameras", type=int, default=30)
    args = parser.parse_args()
    os.environ["TASKS_BACKEND"] = "database"  # enqueue = a row, as in production
    common.header(f"footage request notifications queued, {args.cameras} cameras, {args.db}")
    common.setup(args.db, DB_NAME)
    user, ids = world(args.cameras)
    common.timed(measure, user, ids, 3)  # warm-up: first queries, translations, template caches
    full, base, rows, tasks = measure(user, ids, args.requests)
    common.line("notification rows of one request / tasks enqueued", f"{rows} / {tasks}",
                f"({args.requests} requests, each one task)")
    for pct in ("p50", "p95"):
        verdict = ""
        if pct == "p95":
            verdict = "; meets p95 <= 1 s" if full["p95"] <= TARGET_P95 else "; MISSES p95 <= 1 s"
        common.line(f"create_request, all notifications queued {pct}", common.ms(full[pct]),
                    f"baseline (request + {args.cameras} items alone) {common.ms(base[pct]).strip()}"
                    f" = {full[pct] / base[pct]:.1f}x{verdict}")
    os.environ.pop("DATABASE_URL", None)


if __name__ == "__main__":
    main()
