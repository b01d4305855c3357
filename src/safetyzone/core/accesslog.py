"""Write and verify the hash-chained access log of personal data and footage."""

from django.db import transaction

from .models import AccessLog

GENESIS = "0" * 64


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(user, action: str, obj, *, purpose: str = "", request=None) -> AccessLog:
    """Append one entry; the last row is locked so concurrent writers chain in order."""
    with transaction.atomic():
        last = AccessLog.objects.select_for_update().order_by("-id").first()
        entry = AccessLog(
            user=user if getattr(user, "pk", None) else None,
            username=getattr(user, "username", "") or "",
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            purpose=purpose[:200],
            ip=_client_ip(request),
            prev_hash=last.hash if last else GENESIS,
        )
        entry.hash = entry.compute_hash()
        entry.save()
    return entry


def verify_chain() -> int | None:
    """Return the id of the first broken entry, or None when the whole chain is intact."""
    prev = GENESIS
    for entry in AccessLog.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev or entry.compute_hash() != entry.hash:
            return entry.id
        prev = entry.hash
    return None
