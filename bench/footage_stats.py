"""Footage statistics at Udon Thani's volume: 3,851 requests (three years, seed 004 L1918).

    python bench/footage_stats.py --db sqlite|postgres [--requests 3851] [--runs 15]

A province (Ang Thong codes) with 40 owners, 400 cameras on 200 installation points and a
police station; `--requests` requests spread over three years, 1-6 cameras each (about 3.5 on
average: ~13,500 requested cameras), each with its history: "sent", then for most "preserved"
and "delivered" (usable or not judged), some "no footage". Timed, as the secretariat:

- the statistics page's figures: `stats.Tally` by month, incident type, installation point and
  camera, plus the four tables (labels of the top 50 points and cameras);
- the census dashboard's fourth view at the province (per district and installation point);
- the public page's figures (per month and district).

Baseline in the same run: one plain GROUP BY that counts requests per installation point over
the same requested cameras (the least any of these pages could cost).
The database is sz_footage_stats (its own; rebuilt each run).
"""

import argparse
import os
import random
import sys
from datetime import datetime, timedelta, timezone as dt_timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

DB_NAME = "sz_footage_stats"
SUBDISTRICTS = ["150101", "150102", "150103", "150201", "150202", "150301", "150401", "150501"]


def world(requests: int, seed: int = 4):
    from django.db import transaction

    from safetyzone.cameras.models import Camera, Site
    from safetyzone.core.models import Notification, Organisation, User
    from safetyzone.footage.models import FootageRequest, IncidentType, ItemEvent, RequestItem

    rnd = random.Random(seed)
    with transaction.atomic():
        for model in (Notification, ItemEvent, RequestItem, FootageRequest, Camera, Site, User, Organisation):
            model.objects.all().delete()
        station = Organisation.objects.create(name="สภ.เมืองอ่างทอง", kind="police_station", province_id="15",
                                              area_id="1501")
        office = Organisation.objects.create(name="สำนักงานจังหวัดอ่างทอง", kind="provincial_office",
                                             province_id="15", area_id="15")
        owners = Organisation.objects.bulk_create([
            Organisation(name=f"เจ้าของกล้อง {i}", kind="private_business", province_id="15",
                         area_id=SUBDISTRICTS[i % len(SUBDISTRICTS)]) for i in range(40)])
        sites = Site.objects.bulk_create([
            Site(owner=owners[i % 40], name=f"จุดติดตั้ง {i}", area_id=owners[i % 40].area_id, province_id="15",
                 district_id=owners[i % 40].area_id[:4], place_type="shop") for i in range(200)])
        cameras = Camera.objects.bulk_create([
            Camera(site=sites[i % 200], lat=14.58 + i * 0.0001, lon=100.45 + i * 0.0001, sector="private",
                   camera_type="bullet", signal="ip", status="working", network_link="none",
                   retention_days=(3, 7, 15, 30)[i % 4]) for i in range(400)])
        investigator = User.objects.create(username="investigator", organisation=station, role="investigator")
        secretariat = User.objects.create(username="secretariat", organisation=office, role="secretariat")
        start = datetime(2020, 10, 1, tzinfo=dt_timezone.utc)
        reqs = [FootageRequest(case_ref=f"คดี {n}/2566", incident_type=rnd.choice(IncidentType.values),
                               lat=14.59, lon=100.45, radius_m=100, starts_at=start, ends_at=start + timedelta(hours=1),
                               purpose="สืบสวน", requested_by=investigator, organisation=station, province_id="15",
                               created_at=start + timedelta(minutes=rnd.randrange(3 * 365 * 24 * 60)))
                for n in range(requests)]
        reqs = FootageRequest.objects.bulk_create(reqs, batch_size=2000)
        items, plans = [], []
        for req in reqs:
            for cam in rnd.sample(cameras, rnd.randint(1, 6)):
                fate = rnd.random()
                status = "delivered" if fate < 0.7 else "no_footage" if fate < 0.8 else "sent"
                usable = (rnd.random() < 0.92) if status == "delivered" and rnd.random() < 0.9 else None
                items.append(RequestItem(request=req, camera=cam, camera_label=f"#{cam.pk}", owner_id=cam.site.owner_id,
                                         overwrite_at=req.created_at + timedelta(days=cam.retention_days),
                                         status=status, usable=usable))
                plans.append((req.created_at, status, rnd.uniform(1, 96)))
        items = RequestItem.objects.bulk_create(items, batch_size=2000)
        events = []
        for item, (at, status, hours) in zip(items, plans):
            events.append(ItemEvent(item=item, to_status="sent", by=investigator, at=at))
            if status == "delivered":
                events.append(ItemEvent(item=item, from_status="sent", to_status="preserved", at=at + timedelta(hours=hours / 2)))
                events.append(ItemEvent(item=item, from_status="preserved", to_status="delivered",
                                        at=at + timedelta(hours=hours)))
            elif status == "no_footage":
                events.append(ItemEvent(item=item, from_status="sent", to_status="no_footage", at=at + timedelta(hours=hours)))
        ItemEvent.objects.bulk_create(events, batch_size=5000)
    return secretariat, len(items), len(events)


def measure(user, runs: int) -> dict:
    from django.db.models import Count

    from safetyzone.dashboard import pages
    from safetyzone.dashboard.drill import resolve
    from safetyzone.footage import public_views, stats, stats_tables

    def page():
        tally = stats.Tally(stats.items_for(user), "month", "request__incident_type", "camera__site_id", "camera_id")
        tables = [stats_tables.by_month(tally), stats_tables.by_incident(tally), stats_tables.per_site(tally),
                  stats_tables.per_camera(tally)]
        return [t.html_rows() for t in tables], stats_tables.summary_figures(tally.total)

    def dashboard():
        data = pages.footage(resolve(user, {"area": "15"}))
        return [t.html_rows() for t in data["tables"]]

    def public():
        tally = stats.Tally(stats.public_items("15"), "month", "camera__district_id")
        return public_views.public_month_table(tally).html_rows(), public_views.by_district(tally).html_rows()

    def baseline():
        return list(stats.items_for(user).order_by().values("camera__site_id")
                    .annotate(n=Count("request_id", distinct=True)))

    out = {}
    for name, fn in (("page", page), ("dashboard", dashboard), ("public", public), ("baseline", baseline)):
        fn()  # warm-up
        out[name] = common.summary([common.timed(fn)[0] for _ in range(runs)])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--requests", type=int, default=3851)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    common.header(f"footage statistics, {args.requests} requests, {args.db}")
    common.setup(args.db, DB_NAME)
    from django.utils import translation

    translation.activate("th")
    seconds, (user, n_items, n_events) = common.timed(world, args.requests)
    common.line("requested cameras / history events", f"{n_items:,} / {n_events:,}", f"(built in {seconds:.1f} s)")
    got = measure(user, args.runs)
    base = got["baseline"]
    common.line("baseline: requests per point, one GROUP BY p50", common.ms(base["p50"]),
                f"p95 {common.ms(base['p95']).strip()}")
    for name, label in (("page", "statistics page figures + tables"), ("dashboard", "dashboard view 4 (province)"),
                        ("public", "public page figures")):
        r = got[name]
        common.line(f"{label} p50 / p95", f"{r['p50'] * 1000:.0f} / {r['p95'] * 1000:.0f} ms",
                    f"= {r['p50'] / base['p50']:.1f}x the baseline (p50)")
    os.environ.pop("DATABASE_URL", None)


if __name__ == "__main__":
    main()
