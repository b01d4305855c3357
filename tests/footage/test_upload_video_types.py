"""A file is a video by its first bytes, not its name: the containers and recorder exports
owners send are recognised; documents, pictures and archives are not."""

import pytest

from safetyzone.footage.video_types import sniff


def ts_packets(start: int = 0, step: int = 188, count: int = 4) -> bytes:
    out = bytearray(b"\x00" * start)
    for _ in range(count):
        out += b"\x47" + b"\x1f" * (step - 1)
    return bytes(out)


VIDEOS = {
    "mp4": b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41",
    "mov": b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ",
    "old quicktime": b"\x00\x00\x01\x00moov\x00\x00\x00\x6cmvhd",
    "avi": b"RIFF\x10\x00\x01\x00AVI LIST",
    "mkv": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01matroska",
    "mpeg-ps": b"\x00\x00\x01\xba\x44\x00\x04\x00\x04\x01",
    "flv": b"FLV\x01\x05\x00\x00\x00\x09",
    "wmv": bytes.fromhex("3026b2758e66cf11a6d900aa0062ce6c") + b"\x00" * 8,
    "dahua dav": b"DHAV\xfd\x00\x00\x00",
    "hikvision": b"IMKH\x01\x01\x00\x00",
    "h264 annex b": b"\x00\x00\x00\x01\x67\x64\x00\x28\xac",
    "h264 aud": b"\x00\x00\x00\x01\x09\xf0",
    "h265 annex b": b"\x00\x00\x00\x01\x40\x01\x0c\x01",
    "mpeg-ts": ts_packets(),
    "m2ts": b"".join(b"\x00\x00\x00\x00" + b"\x47" + b"\x1f" * 187 for _ in range(4)),
}
NOT_VIDEOS = {
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "zip": b"PK\x03\x04\x14\x00\x00\x00",
    "text": "วิดีโอจากกล้องหน้าร้าน".encode(),
    "wav (RIFF but audio)": b"RIFF\x24\x08\x00\x00WAVEfmt ",
    "one 0x47 byte then junk": b"\x47" + b"\x00" * 400,
    "empty": b"",
    "start code before a slice, not a stream start": b"\x00\x00\x00\x01\x41\x9a",
}


@pytest.mark.parametrize("name", VIDEOS)
def test_videos_are_recognised(name):
    assert sniff(VIDEOS[name]) is not None


@pytest.mark.parametrize("name", NOT_VIDEOS)
def test_other_files_are_not(name):
    assert sniff(NOT_VIDEOS[name]) is None


def test_the_kind_gives_the_content_type_it_is_served_with():
    assert sniff(VIDEOS["mp4"]).content_type == "video/mp4"
    assert sniff(VIDEOS["mov"]).content_type == "video/quicktime"
    assert sniff(VIDEOS["mpeg-ts"]).content_type == "video/mp2t"
