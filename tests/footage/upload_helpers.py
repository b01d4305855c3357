"""Helpers for the upload tests: a small MP4-looking clip and a client that speaks the protocol."""

import base64
import hashlib
import os

from django.urls import reverse

CHUNK = 1024
CLIP_FIELDS = {"clock_source": "entered", "recorder_time": "2026-11-21T10:00:30", "true_time": "2026-11-21T10:00:00",
               "starts_shown": "2026-11-21T09:00:30", "ends_shown": "2026-11-21T09:10:30"}


def mp4_bytes(size: int = 5000, seed: int = 1) -> bytes:
    head = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    body = hashlib.shake_256(f"clip{seed}".encode()).digest(size - len(head))
    return head + body


def digest_header(data: bytes) -> str:
    return "sha-256=:" + base64.b64encode(hashlib.sha256(data).digest()).decode() + ":"


def chain_of(data: bytes, chunk: int = CHUNK) -> str:
    chain = "0" * 64
    for start in range(0, len(data), chunk):
        chain = hashlib.sha256(bytes.fromhex(chain) + hashlib.sha256(data[start:start + chunk]).digest()).hexdigest()
    return chain


def start(client, item, data: bytes, *, name="clip.mp4", sha256="", size=None, **fields):
    post = {**CLIP_FIELDS, "filename": name, "size": len(data) if size is None else size, "sha256": sha256, **fields}
    return client.post(reverse("footage:upload_start", args=[item.pk]), post)


def put(client, url, data: bytes, offset: int, *, body=None, digest=None, total=None):
    chunk = data[offset:offset + CHUNK]
    return client.put(url, body if body is not None else chunk, content_type="application/octet-stream", headers={
        "Content-Range": f"bytes {offset}-{offset + len(chunk) - 1}/{len(data) if total is None else total}",
        "Content-Digest": digest or digest_header(chunk)})


def send_from(client, state: dict, data: bytes, offset: int = 0) -> dict:
    while offset < len(data):
        response = put(client, state["url"], data, offset)
        assert response.status_code == 200, response.json()
        offset = response.json()["offset"]
    return state


def complete(client, state: dict, data: bytes, chain: str | None = None):
    return client.post(state["complete_url"], {"chain": chain_of(data) if chain is None else chain})


def stored_files(media_root) -> list[str]:
    found = []
    for root, _dirs, files in os.walk(media_root):
        found += [os.path.join(root, f) for f in files]
    return sorted(found)
