"""Large uploads keep memory flat: receiving a chunk and verifying the whole file stream the
bytes in small pieces, so a 2 GB file needs no more memory than a small one."""

import hashlib
import io
import tracemalloc

import pytest

from safetyzone.footage import upload_finish, uploads
from safetyzone.footage.models import EvidenceFile

from tests.footage.evidence_world import make_world
from tests.footage.upload_helpers import CLIP_FIELDS, digest_header, mp4_bytes

MIB = 1024 * 1024


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.FOOTAGE_UPLOAD_CHUNK_BYTES = 4 * MIB
    return make_world()


def test_peak_memory_stays_far_below_the_chunk_and_file_size(world):
    from safetyzone.footage.evidence_forms import UploadStartForm

    size = 24 * MIB
    head = mp4_bytes(64)
    form = UploadStartForm({**CLIP_FIELDS, "filename": "big.mp4", "size": size})
    assert form.is_valid(), form.errors
    upload = uploads.start(world.editor, world.item.pk, filename="big.mp4", size=size, clip=form.clip())
    whole = hashlib.sha256()
    peaks = []
    for offset in range(0, size, upload.chunk_size):
        chunk = (head if offset == 0 else b"") + bytes([offset // upload.chunk_size]) * (
            upload.chunk_size - (len(head) if offset == 0 else 0))
        whole.update(chunk)
        stream, header = io.BytesIO(chunk), digest_header(chunk)
        del chunk  # the test's own copy is not the server's memory
        tracemalloc.start()
        uploads.receive_chunk(world.editor, upload.pk, content_range=f"bytes {offset}-{offset + upload.chunk_size - 1}/{size}",
                              digest_header=header, stream=stream)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    tracemalloc.start()
    evidence = upload_finish.complete(world.editor, upload.pk)
    peaks.append(tracemalloc.get_traced_memory()[1])
    tracemalloc.stop()
    assert evidence.sha256 == whole.hexdigest() and EvidenceFile.objects.get().size == size
    # each step holds a few 64 KiB pieces (plus, the first time, imported modules): never a 4 MiB
    # chunk, let alone the 24 MiB file
    assert max(peaks) < 2 * MIB
