"""The custody log of a footage request: append-only and hash-chained per request.

Each entry hashes all its fields together with the previous entry's hash (see
CustodyEntry.payload), so editing any field of any row, deleting, inserting or reordering
rows breaks the chain, and `verify` names the first entry that no longer fits.

A chain alone cannot show that its last entries were cut off. So every entry is also
anchored in the platform's access log (core.accesslog, one chain for every read of personal
data and footage, written many times a day): an access-log row names the request, the
entry's number and the start of its hash. An entry removed from the end of a request's chain
leaves its anchor behind, and removing the anchor too breaks the busier access-log chain.
"""

import ipaddress
from dataclasses import dataclass
from types import SimpleNamespace

from django.db import transaction

from safetyzone.core import accesslog
from safetyzone.core.models import AccessLog

from .models import CustodyEntry, FootageRequest

ANCHOR_TYPE = CustodyEntry._meta.label_lower

GENESIS = "0" * 64


def client_ip(http_request) -> str | None:
    """The caller's address as the database will give it back (normalised, so the hash holds)."""
    if http_request is None:
        return None
    raw = http_request.META.get("REMOTE_ADDR") or ""
    try:
        return ipaddress.ip_address(raw).compressed
    except ValueError:
        return None


def record(user, request: FootageRequest | int, action: str, evidence=None, *, purpose: str = "",
           detail: str = "", sha256: str = "", http_request=None, username: str = "") -> CustodyEntry:
    """Append one entry to the request's chain.

    The request row is locked, so writers of one request chain in turn, even for its first
    entry (when there is no last entry yet to lock); other requests are not held up.
    `username` names a system actor when there is no user (the retention purge).
    """
    request_id = request if isinstance(request, int) else request.pk
    with transaction.atomic():
        FootageRequest.objects.select_for_update().filter(pk=request_id).values_list("pk").get()
        last = (CustodyEntry.objects.select_for_update().filter(request_id=request_id)
                .order_by("-seq").only("seq", "hash").first())
        entry = CustodyEntry(
            request_id=request_id,
            evidence=evidence,
            user=user if getattr(user, "pk", None) else None,
            username=getattr(user, "username", "") or username,
            action=action,
            ip=client_ip(http_request),
            purpose=purpose[:300],
            detail=detail[:300],
            sha256=sha256 or (getattr(evidence, "sha256", "") or ""),
            seq=last.seq + 1 if last else 1,
            prev_hash=last.hash if last else GENESIS,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        anchor = SimpleNamespace(_meta=CustodyEntry._meta, pk=f"{request_id}:{entry.seq}:{entry.hash[:16]}")
        accesslog.record(user, f"footage_{action}", anchor, purpose=purpose, request=http_request)
    return entry


def _anchors(request_id: int) -> dict[int, set[str]]:
    """seq -> hash prefixes of the entries of the request the access log has seen under that
    number. More than one means an entry was cut off and its number written again (a new entry
    appended after a truncation must not hide it)."""
    rows = AccessLog.objects.filter(object_type=ANCHOR_TYPE, object_id__startswith=f"{request_id}:")
    anchors: dict[int, set[str]] = {}
    for object_id in rows.values_list("object_id", flat=True):
        _request, seq, prefix = object_id.split(":")
        anchors.setdefault(int(seq), set()).add(prefix)
    return anchors


def verify(request: FootageRequest | int) -> int | None:
    """The id of the first entry of the request's chain that is broken, or None when intact.

    Entries missing from the end (their anchors remain in the access log) make the last entry
    still there the broken one (0 when none is left)."""
    request_id = request if isinstance(request, int) else request.pk
    anchors = _anchors(request_id)
    prev, expected_seq, last_id = GENESIS, 1, 0
    for entry in CustodyEntry.objects.filter(request_id=request_id).order_by("seq", "id").iterator(chunk_size=2000):
        if (entry.seq != expected_seq or entry.prev_hash != prev or entry.compute_hash() != entry.hash
                or anchors.get(entry.seq) != {entry.hash[:16]}):
            return entry.id
        prev, expected_seq, last_id = entry.hash, expected_seq + 1, entry.id
    if any(seq >= expected_seq for seq in anchors):
        return last_id
    return None


@dataclass(frozen=True)
class ChainState:
    entries: int
    head: str  # hash of the last entry: printed on the custody report to pin the chain
    broken_at: int | None


def state(request: FootageRequest | int) -> ChainState:
    request_id = request if isinstance(request, int) else request.pk
    last = CustodyEntry.objects.filter(request_id=request_id).order_by("-seq").only("seq", "hash").first()
    return ChainState(entries=CustodyEntry.objects.filter(request_id=request_id).count(),
                      head=last.hash if last else GENESIS, broken_at=verify(request_id))
