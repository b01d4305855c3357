"""The footage statistics: turnaround, the share answered before overwrite, the share usable
(Udon Thani's 90 % target), by month in the Buddhist era, per installation point and camera."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from safetyzone.footage import stats
from tests.footage.stats_world import T0, Outcome, make_request, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def figure(html: str, key: str) -> str:
    return re.search(rf'data-figure="{key}"><span class="label">[^<]*</span><b>([^<]*)</b>', html)[1]


def test_percentile_interpolates_between_ranks():
    assert stats.percentile([2, 4, 6, 8, 10], 50) == 6
    assert stats.percentile([2, 4, 6, 8, 10], 90) == pytest.approx(9.2)
    assert stats.percentile([5], 90) == 5
    assert stats.percentile([], 50) is None


def test_turnaround_runs_from_sending_to_delivery(world):
    cam = world["cams"]["market1"]
    for hours in (2, 4, 6, 8, 10):
        make_request(world["investigator"], [(cam, Outcome("delivered", answered_h=1, delivered_h=hours,
                                                           usable=True))])
    make_request(world["investigator"], [(cam, Outcome("sent"))])  # not delivered: no turnaround
    total = stats.Tally(stats.items_for(world["investigator"]), now=T0 + timedelta(days=30)).total
    assert total.request_count == 6 and total.delivered == 5
    assert total.median_h == 6 and total.p90_h == pytest.approx(9.2)


def test_answered_before_overwrite_counts_only_decided_items(world):
    c = world["cams"]
    now = T0 + timedelta(hours=48)
    make_request(world["investigator"], [
        (c["market1"], Outcome("preserved", answered_h=5, overwrite_h=24)),  # in time
        (c["market2"], Outcome("delivered", answered_h=30, delivered_h=31, overwrite_h=24)),  # too late
        (c["temple"], Outcome("sent", overwrite_h=40)),  # overwrite passed unanswered: too late
    ])
    make_request(world["investigator"], [
        (c["market1"], Outcome("sent", overwrite_h=100)),  # still time: undecided, left out
        (c["temple"], Outcome("sent", overwrite_h=None)),  # retention unknown: left out
    ])
    total = stats.Tally(stats.items_for(world["investigator"]), now=now).total
    assert (total.in_time, total.decided) == (1, 3)
    assert total.share_in_time == pytest.approx(100 / 3)


@pytest.mark.parametrize("usable, shown, verdict", [(9, "90.0%", "บรรลุเป้าหมาย"), (8, "80.0%", "ไม่บรรลุเป้าหมาย")])
def test_page_shows_the_usable_share_against_the_90_percent_target(client, world, usable, shown, verdict):
    cam = world["cams"]["market1"]
    for n in range(10):
        make_request(world["investigator"], [(cam, Outcome("delivered", answered_h=1, delivered_h=3,
                                                           usable=n < usable))])
    make_request(world["investigator"], [(cam, Outcome("delivered", answered_h=1, delivered_h=3))])  # not judged
    client.force_login(world["investigator"])
    html = client.get(reverse("footage:statistics")).content.decode()
    assert figure(html, "usable") == shown
    target = re.search(r'data-figure="usable">.*?<span class="small[^"]*" data-target>([^<]*)</span>', html)[1]
    assert target.split(" · ") == ["เป้าหมาย: อย่างน้อย 90%", verdict]


def test_months_are_named_in_the_buddhist_era(client, world):
    cam = world["cams"]["market1"]
    make_request(world["investigator"], [(cam, Outcome())])
    make_request(world["investigator"], [(cam, Outcome())], at=T0 + timedelta(days=31))
    client.force_login(world["investigator"])
    html = client.get(reverse("footage:statistics")).content.decode()
    months = html.split('id="table-months"', 1)[1].split("</tbody>", 1)[0]
    assert months.index("ม.ค. 2569") < months.index("ก.พ. 2569")
    english = client.get(reverse("footage:statistics"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Jan 2026" in english and "ม.ค." not in english


def test_installation_points_and_cameras_most_requested_first(client, world):
    c = world["cams"]
    make_request(world["investigator"], [(c["market1"], Outcome()), (c["market2"], Outcome())])
    make_request(world["investigator"], [(c["market2"], Outcome())], incident="robbery")
    make_request(world["investigator"], [(c["temple"], Outcome())], incident="robbery")
    tally = stats.Tally(stats.items_for(world["investigator"]), "camera__site_id", "camera_id",
                        "request__incident_type")
    sites = tally.by("camera__site_id")
    assert sites[world["market"].pk].request_count == 2 and sites[world["market"].pk].items == 3
    assert sites[world["temple"].pk].request_count == 1
    assert tally.by("camera_id")[c["market2"].pk].request_count == 2
    assert tally.by("request__incident_type")["robbery"].request_count == 2
    client.force_login(world["investigator"])
    html = client.get(reverse("footage:statistics")).content.decode()
    site_rows = re.findall(r'<th scope="row">([^<]*)</th>', html.split('id="table-sites"', 1)[1].split("</tbody>")[0])
    assert site_rows[0].startswith("ตลาดเทศบาล") and site_rows[1].startswith("วัดต้นสน")
    cam_rows = re.findall(r'<th scope="row">([^<]*)</th>', html.split('id="table-cameras"', 1)[1].split("</tbody>")[0])
    assert cam_rows[0] == "ตลาดเทศบาล · ลานจอดรถ"
