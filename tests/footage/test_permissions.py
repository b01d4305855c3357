"""The permission matrix of footage requests: every role against the gate and the pages.

World (tests/footage/request_world.py): police station P requests footage from cameras a1, a2
(owner A) and h1 (household H); police station Q from b1 (owner B). Each camera item gets an
evidence file and a custody entry. The requesting station's investigators and head read P's
request; the owners read and answer only their own items; nobody else sees anything (404).
"""

import pytest
from django.urls import reverse

from safetyzone.core import access
from safetyzone.footage import custody
from safetyzone.footage.models import CustodyEntry, EvidenceFile, FootageRequest, ItemEvent, RequestItem
from tests.footage.request_world import build_world

ROLES = ["investigator_p", "investigator_p2", "head_p", "editor_p", "viewer_p", "investigator_q", "viewer_a",
         "editor_a", "org_admin_a", "editor_h", "editor_b", "secretariat", "sysadmin", "anonymous"]

P, PQ, ALL = {"r_p"}, {"r_q"}, {"a1", "a2", "h1", "b1"}
# role: (requests read, items read, requests managed, items answered)
GATE = {
    "investigator_p":  (P,           {"a1", "a2", "h1"}, P,           set()),
    "investigator_p2": (P,           {"a1", "a2", "h1"}, P,           set()),
    "head_p":          (P,           {"a1", "a2", "h1"}, set(),       set()),
    "editor_p":        (set(),       set(),              set(),       set()),
    "viewer_p":        (set(),       set(),              set(),       set()),
    "investigator_q":  (PQ,          {"b1"},             PQ,          set()),
    "viewer_a":        (set(),       {"a1", "a2"},       set(),       set()),
    "editor_a":        (set(),       {"a1", "a2"},       set(),       {"a1", "a2"}),
    "org_admin_a":     (set(),       {"a1", "a2"},       set(),       {"a1", "a2"}),
    "editor_h":        (set(),       {"h1"},             set(),       {"h1"}),
    "editor_b":        (set(),       {"b1"},             set(),       {"b1"}),
    "secretariat":     (set(),       set(),              set(),       set()),
    "sysadmin":        (P | PQ,      ALL,                P | PQ,      ALL),
}

# Pages, columns in the order of ROLES.
#   inv_p inv_p2 head_p ed_p vw_p inv_q vw_a ed_a adm_a ed_h ed_b secr sys anon
PAGES = {
    "GET request r_p":         (200, 200, 200, 404, 404, 404, 404, 404, 404, 404, 404, 404, 200, 302),
    "GET request r_q":         (404, 404, 404, 404, 404, 200, 404, 404, 404, 404, 404, 404, 200, 302),
    "GET inbox item a1":       (404, 404, 404, 404, 404, 404, 200, 200, 200, 404, 404, 404, 404, 302),
    "GET inbox item h1":       (404, 404, 404, 404, 404, 404, 404, 404, 404, 200, 404, 404, 404, 302),
    "POST preserved a1":       (404, 404, 404, 404, 404, 404, 403, 302, 302, 404, 404, 404, 404, 302),
    "POST usable a1":          (302, 302, 403, 404, 404, 404, 404, 404, 404, 404, 404, 404, 302, 302),
    "POST close r_p":          (302, 302, 403, 404, 404, 404, 404, 404, 404, 404, 404, 404, 302, 302),
    "GET find cameras":        (200, 200, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 302),
}


@pytest.fixture
def world(db):
    w = build_world()
    w.evidence, w.custody = {}, {}
    for name in ("a1", "h1", "b1"):
        item = getattr(w.items, name)
        w.evidence[name] = EvidenceFile.objects.create(item=item, medium="USB", received_by=w.users["sysadmin"])
        w.custody[name] = custody.record(w.users["sysadmin"], item.request, "handed_over", w.evidence[name])
    return w


def _names(world, queryset) -> set[str]:
    model = queryset.model
    if model is FootageRequest:
        ids = {world.r_p.pk: "r_p", world.r_q.pk: "r_q"}
        return {ids[pk] for pk in queryset.values_list("pk", flat=True)}
    items = {getattr(world.items, n).pk: n for n in ("a1", "a2", "h1", "b1")}
    path = {RequestItem: "pk", ItemEvent: "item_id", EvidenceFile: "item_id", CustodyEntry: "evidence__item_id"}[model]
    return {items[pk] for pk in queryset.values_list(path, flat=True)}


@pytest.mark.parametrize("role", GATE)
def test_the_gate_gives_each_role_exactly_its_requests_items_history_and_evidence(world, role):
    user = world.users[role]
    reads, items, manages, answers = GATE[role]
    assert _names(world, access.scope(user, FootageRequest.objects.all())) == reads
    assert _names(world, access.scope(user, RequestItem.objects.all())) == items
    assert _names(world, access.scope(user, ItemEvent.objects.all())) == items
    evidence_items = items & {"a1", "h1", "b1"}
    assert _names(world, access.scope(user, EvidenceFile.objects.all())) == evidence_items
    assert _names(world, access.scope(user, CustodyEntry.objects.all())) == evidence_items
    assert _names(world, access.scope(user, FootageRequest.objects.all(), write=True)) == manages
    assert _names(world, access.scope(user, RequestItem.objects.all(), write=True)) == answers
    assert access.scope(user, ItemEvent.objects.all(), write=True).exists() == (role == "sysadmin")


def _do(client, world, row: str):
    item = world.items.a1
    if row == "GET request r_p":
        return client.get(reverse("footage:request", args=[world.r_p.pk]))
    if row == "GET request r_q":
        return client.get(reverse("footage:request", args=[world.r_q.pk]))
    if row.startswith("GET inbox item"):
        return client.get(reverse("footage:inbox_item", args=[getattr(world.items, row[-2:]).pk]))
    if row == "POST preserved a1":
        RequestItem.objects.filter(pk=item.pk).update(status="seen")
        return client.post(reverse("footage:inbox_item", args=[item.pk]), {"to": "preserved"})
    if row == "POST usable a1":
        RequestItem.objects.filter(pk=item.pk).update(status="delivered")
        return client.post(reverse("footage:judge", args=[world.r_p.pk, item.pk]), {"usable": "yes", "note": "ชัด"})
    if row == "POST close r_p":
        return client.post(reverse("footage:request_close", args=[world.r_p.pk]))
    return client.get(reverse("footage:find"))


def _effect(world, row: str):
    item = RequestItem.objects.get(pk=world.items.a1.pk)
    return item.status, item.usable, FootageRequest.objects.get(pk=world.r_p.pk).status


@pytest.mark.parametrize("row", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_pages(world, client, role, row):
    if role != "anonymous":
        client.force_login(world.users[role])
    response = _do(client, world, row)
    expected = PAGES[row][ROLES.index(role)]
    assert response.status_code == expected, response.content[:500]
    status, usable, request_status = _effect(world, row)
    ok = expected == 302 and role != "anonymous"
    if row == "POST preserved a1":
        assert status == ("preserved" if ok else "seen")
    if row == "POST usable a1":
        assert usable is (True if ok else None)
    if row == "POST close r_p":
        assert request_status == ("closed" if ok else "open")
    if row == "GET inbox item a1":  # an answering owner opening it marks it seen; nobody else does
        assert status == ("seen" if role in ("editor_a", "org_admin_a") else "sent")


@pytest.mark.parametrize("role", ROLES[:-1])
def test_request_list_and_inbox_list_exactly_what_the_role_may_see(world, client, role):
    client.force_login(world.users[role])
    listing = client.get(reverse("footage:requests")).content.decode()
    reads, items, _m, _a = GATE[role]
    assert (world.r_p.case_ref in listing) == ("r_p" in reads)
    assert (world.r_q.case_ref in listing) == ("r_q" in reads)
    inbox = client.get(reverse("footage:inbox")).content.decode()
    own = {n for n in ("a1", "a2", "h1", "b1")
           if getattr(world.items, n).owner_id == world.users[role].organisation_id}
    for name in ("a1", "a2", "h1", "b1"):
        label = getattr(world.items, name).camera_label
        assert (label in inbox) == (name in own), (name, role)
