"""Resumable, verified uploads of footage (up to 2 GB) by a camera's owner.

    start   the owner names the file, its size and (optionally) its SHA-256, with the clip's
            clock offset and times; the server answers with the upload id and the chunk size
    chunk   PUT bytes a-b/size with a Content-Digest (sha-256) of the chunk; the chunk is
            streamed to a temporary file, its digest checked, then appended to
            MEDIA_ROOT/uploads/<id>.part; the running chain of chunk digests is kept
    offset  after a dropped connection the client asks how much arrived and resumes there
    complete (upload_finish.py) the stored file is read again: its size, chain of chunk digests
            (against the server's and the client's) and whole SHA-256 (against the owner's) must
            agree and it must be a video; then it becomes an EvidenceFile, unchanged, with a
            custody entry, and the item is marked delivered. Anything wrong: nothing is stored.

Memory stays flat: bytes move in 64 KiB pieces, never a chunk or a file at once.
"""

import base64
import binascii
import hashlib
import os
import re
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safetyzone.core import access

from . import video_types
from .evidence_store import Refused, writable_item
from .models import Upload

PIECE = 64 * 1024
GENESIS = "0" * 64
RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")
DIGEST = re.compile(r"(?:^|,)\s*sha-256=:([A-Za-z0-9+/=]+):")
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


def max_bytes() -> int:
    return int(getattr(settings, "FOOTAGE_UPLOAD_MAX_BYTES", 2 * 1024 ** 3))


def chunk_bytes() -> int:
    return int(getattr(settings, "FOOTAGE_UPLOAD_CHUNK_BYTES", 8 * 1024 ** 2))


def uploads_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def part_path(upload: Upload) -> Path:
    return uploads_dir() / f"{upload.pk}.part"


def chain_step(chain: str, chunk_digest: bytes) -> str:
    return hashlib.sha256(bytes.fromhex(chain) + chunk_digest).hexdigest()


def start(user, item_id: int, *, filename: str, size, sha256: str = "", clip: dict) -> Upload:
    """Open an upload for an item the user answers; `clip` holds the cleaned clock offset and
    UTC times (evidence_forms.ClipForm.clip())."""
    filename = os.path.basename((filename or "").replace("\\", "/")).strip()[:255]
    if not filename:
        raise Refused(_("Choose the video file to upload."))
    try:
        size = int(size)
    except (TypeError, ValueError):
        raise Refused(_("The file size is missing or not a number.")) from None
    if size <= 0:
        raise Refused(_("The file “%(name)s” is empty.") % {"name": filename})
    if size > max_bytes():
        raise Refused(_("The file “%(name)s” is %(size)s MB; the largest upload is %(max)s MB. Split the "
                        "export into shorter clips.") % {"name": filename, "size": f"{size / 1024 ** 2:,.0f}",
                                                         "max": f"{max_bytes() / 1024 ** 2:,.0f}"}, status=413)
    sha256 = (sha256 or "").strip().lower()
    if sha256 and not SHA256_HEX.match(sha256):
        raise Refused(_("The SHA-256 you gave is not 64 hexadecimal characters."))
    with transaction.atomic():
        item = writable_item(user, item_id)
        upload = Upload.objects.create(item=item, user=user, filename=filename, size=size, expected_sha256=sha256,
                                       chunk_size=chunk_bytes(), **clip)
    part_path(upload).touch()
    return upload


def get(user, upload_id) -> Upload:
    """The user's own upload, still open, on an item they may answer; else Refused (404)."""
    try:
        upload_id = uuid.UUID(str(upload_id))
    except ValueError:
        raise Refused(_("No such upload."), status=404) from None
    upload = (access.scope(user, Upload.objects.select_related("item__request"), write=True)
              .filter(pk=upload_id, user=user).first())
    if upload is None:
        raise Refused(_("No such upload, or it is not yours."), status=404)
    return upload


def _parse_range(upload: Upload, content_range: str) -> tuple[int, int]:
    m = RANGE.match((content_range or "").strip())
    if not m:
        raise Refused(_("Each chunk needs a Content-Range header like “bytes 0-8388607/%(size)s”.")
                      % {"size": upload.size}, offset=upload.received)
    first, last, total = (int(g) for g in m.groups())
    if total != upload.size:
        raise Refused(_("The chunk says the file has %(total)s bytes, but the upload was started for "
                        "%(size)s.") % {"total": total, "size": upload.size}, offset=upload.received)
    if first != upload.received:
        raise Refused(_("The server has %(received)s bytes of this file; send the chunk that starts there.")
                      % {"received": upload.received}, status=409, offset=upload.received)
    expected = min(upload.chunk_size, upload.size - first)
    if last - first + 1 != expected:
        raise Refused(_("A chunk starting at byte %(first)s must hold %(n)s bytes.")
                      % {"first": first, "n": expected}, offset=upload.received)
    return first, expected


def _parse_digest(header: str, upload: Upload) -> bytes:
    m = DIGEST.search(header or "")
    try:
        digest = base64.b64decode(m.group(1), validate=True) if m else b""
    except binascii.Error:
        digest = b""
    if len(digest) != 32:
        raise Refused(_("Each chunk needs a Content-Digest header with its SHA-256 (sha-256=:…:)."),
                      offset=upload.received)
    return digest


def receive_chunk(user, upload_id, *, content_range: str, digest_header: str, stream) -> Upload:
    """Take one chunk from `stream` (the request body); return the upload with its new offset."""
    upload = get(user, upload_id)
    first, length = _parse_range(upload, content_range)
    wanted = _parse_digest(digest_header, upload)
    temp = uploads_dir() / f"{upload.pk}.{uuid.uuid4().hex}.chunk"
    try:
        digest, got, head = hashlib.sha256(), 0, b""
        with temp.open("wb") as out:
            while got <= length:
                piece = stream.read(min(PIECE, length + 1 - got))
                if not piece:
                    break
                if len(head) < video_types.HEAD_BYTES:
                    head += piece[:video_types.HEAD_BYTES - len(head)]
                digest.update(piece)
                out.write(piece)
                got += len(piece)
        if got != length:
            raise Refused(_("The chunk arrived incomplete (%(got)s of %(n)s bytes): the connection may have "
                            "dropped. Send it again from byte %(first)s.") % {"got": got, "n": length, "first": first},
                          offset=first)
        if digest.digest() != wanted:
            raise Refused(_("The chunk starting at byte %(first)s arrived damaged (its SHA-256 does not match). "
                            "Send it again.") % {"first": first}, status=422, offset=first)
        if first == 0 and video_types.sniff(head) is None:
            discard(upload)
            raise Refused(not_a_video_message(upload.filename), status=415)
        with transaction.atomic():
            locked = Upload.objects.select_for_update().get(pk=upload.pk)
            if locked.received != first or locked.evidence_id:
                raise Refused(_("The server has %(received)s bytes of this file; send the chunk that starts "
                                "there.") % {"received": locked.received}, status=409, offset=locked.received)
            _append(part_path(locked), first, temp)
            locked.received = first + length
            locked.chain = chain_step(locked.chain, wanted)
            locked.updated_at = timezone.now()
            locked.save(update_fields=["received", "chain", "updated_at"])
        return locked
    finally:
        temp.unlink(missing_ok=True)


def _append(part: Path, offset: int, chunk: Path) -> None:
    """Write the chunk at `offset`, dropping whatever an interrupted earlier append left beyond it."""
    with part.open("r+b" if part.exists() else "w+b") as out, chunk.open("rb") as src:
        out.truncate(offset)
        out.seek(offset)
        while piece := src.read(PIECE):
            out.write(piece)
        out.flush()
        os.fsync(out.fileno())


def not_a_video_message(filename: str) -> str:
    return _("“%(name)s” is not a video file we recognise (MP4, MOV, AVI, MKV/WebM, MPEG-TS/PS, FLV, WMV, "
             "raw H.264/H.265, Dahua DAV or Hikvision). Export the footage from the recorder as a video "
             "file and upload that.") % {"name": filename}


def discard(upload: Upload) -> None:
    """Drop an upload and its bytes (a refused file, or the owner cancelled)."""
    part_path(upload).unlink(missing_ok=True)
    Upload.objects.filter(pk=upload.pk, evidence__isnull=True).delete()
