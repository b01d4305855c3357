"""Finishing an upload: the stored file is read once more, and kept as evidence only if its
size, its chain of chunk digests (the server's and the browser's), its SHA-256 (the owner's)
and its first bytes (a video) all agree; otherwise nothing is kept and the message says why."""

import hashlib
import os
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from . import custody, video_types
from .evidence_store import Refused, move_into_storage, writable_item
from .models import CustodyAction, EvidenceFile, Upload
from .uploads import GENESIS, PIECE, chain_step, discard, get, not_a_video_message, part_path


def read_back(path: Path, chunk_size: int) -> tuple[int, str, str, bytes]:
    """(size, whole SHA-256, chain of chunk digests, head) of the stored file, read once."""
    whole, chain, size, head = hashlib.sha256(), GENESIS, 0, b""
    with path.open("rb") as f:
        while True:
            chunk_digest, n = hashlib.sha256(), 0
            while n < chunk_size and (piece := f.read(min(PIECE, chunk_size - n))):
                if len(head) < video_types.HEAD_BYTES:
                    head += piece[:video_types.HEAD_BYTES - len(head)]
                chunk_digest.update(piece)
                whole.update(piece)
                n += len(piece)
            if n == 0:
                break
            chain, size = chain_step(chain, chunk_digest.digest()), size + n
    return size, whole.hexdigest(), chain, head


def complete(user, upload_id, *, client_chain: str = "", http_request=None) -> EvidenceFile:
    """Verify the whole file and keep it as evidence. Completing twice gives the same file."""
    upload = get(user, upload_id)
    if upload.evidence_id:
        return upload.evidence
    if upload.received < upload.size:
        raise Refused(_("Only %(received)s of %(size)s bytes have arrived. The upload continues from byte "
                        "%(received)s.") % {"received": upload.received, "size": upload.size},
                      status=409, offset=upload.received)
    part = part_path(upload)
    if not part.exists():  # removed by hand or lost in a crash: say so rather than fail
        discard(upload)
        raise Refused(_("The bytes received for this upload are no longer on the server. Nothing was kept; "
                        "please upload the file again."), status=410)
    size, sha256, chain, head = read_back(part, upload.chunk_size)
    kind = video_types.sniff(head)
    problem = None
    if size != upload.size or chain != upload.chain:
        problem = _("The stored file no longer matches the chunks that arrived. Nothing was kept; please "
                    "upload the file again.")
    elif client_chain and client_chain.strip().lower() != chain:
        problem = _("The file on your computer does not match what arrived. Nothing was kept; please upload "
                    "the file again.")
    elif upload.expected_sha256 and upload.expected_sha256 != sha256:
        problem = _("The file's SHA-256 is %(got)s, not %(expected)s as you gave. Nothing was kept: check that "
                    "you chose the right file and copied the digest correctly, then upload again.") % {
                        "got": sha256, "expected": upload.expected_sha256}
    elif kind is None:
        problem = not_a_video_message(upload.filename)
    if problem:
        discard(upload)
        raise Refused(problem, status=415 if kind is None and size == upload.size else 422)
    return _keep(user, upload, part, sha256, kind, http_request)


def _keep(user, upload: Upload, part: Path, sha256: str, kind, http_request) -> EvidenceFile:
    from .services import mark_delivered

    stored = None
    try:
        with transaction.atomic():
            locked = Upload.objects.select_for_update().get(pk=upload.pk)
            if locked.evidence_id:
                return locked.evidence
            item = writable_item(user, locked.item_id)
            evidence = EvidenceFile(
                item=item, original_name=locked.filename, size=locked.size, sha256=sha256,
                content_type=kind.content_type, clock_offset_s=locked.clock_offset_s,
                offset_source=locked.offset_source, footage_starts_utc=locked.footage_starts_utc,
                footage_ends_utc=locked.footage_ends_utc, received_by=user)
            stored = move_into_storage(evidence, part)
            evidence.save()
            custody.record(user, item.request_id, CustodyAction.RECEIVED, evidence,
                           purpose=_("Footage delivered by the camera's owner"),
                           detail=f"{kind.name} · {locked.filename}", http_request=http_request)
            mark_delivered(item, user)
            locked.evidence = evidence
            locked.save(update_fields=["evidence"])
    except BaseException:
        if stored is not None and stored.exists():
            os.replace(stored, part)  # back where it was: nothing half-stored
        raise
    return evidence
