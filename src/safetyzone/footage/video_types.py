"""Is a file a video? Judged by its first bytes (magic numbers), never by its name.

Recognised: MP4/MOV/3GP (an ISO base media 'ftyp' box, or the QuickTime atoms older exports
start with), AVI (RIFF....AVI ), Matroska/WebM (EBML), MPEG transport streams (0x47 sync
every 188 bytes, or every 192 for Blu-ray/AVCHD M2TS), MPEG program streams (pack header
00 00 01 BA), FLV, ASF/WMV, raw H.264/H.265 elementary streams (an Annex B start code before
a parameter set, SEI or access-unit delimiter), and the proprietary exports of the two DVR
makers most found in Thailand: Dahua .dav ("DHAV" frames) and Hikvision ("IMKH" header).
"""

from dataclasses import dataclass

HEAD_BYTES = 4 * 192 + 8  # enough to see four transport-stream packets


@dataclass(frozen=True)
class VideoKind:
    name: str
    content_type: str
    extension: str


MP4 = VideoKind("MP4/MOV", "video/mp4", "mp4")
QUICKTIME = VideoKind("QuickTime", "video/quicktime", "mov")
AVI = VideoKind("AVI", "video/x-msvideo", "avi")
MKV = VideoKind("Matroska/WebM", "video/x-matroska", "mkv")
TS = VideoKind("MPEG-TS", "video/mp2t", "ts")
PS = VideoKind("MPEG-PS", "video/mpeg", "mpg")
FLV = VideoKind("FLV", "video/x-flv", "flv")
ASF = VideoKind("ASF/WMV", "video/x-ms-asf", "wmv")
H264 = VideoKind("H.264 (raw)", "video/h264", "h264")
H265 = VideoKind("H.265 (raw)", "video/h265", "h265")
DAV = VideoKind("Dahua DAV", "application/octet-stream", "dav")
HIK = VideoKind("Hikvision", "application/octet-stream", "mp4")

ASF_GUID = bytes.fromhex("3026b2758e66cf11a6d900aa0062ce6c")


def _sync_every(head: bytes, start: int, step: int) -> bool:
    """0x47 at start, start+step, ... for every packet the head holds (at least two)."""
    positions = range(start, len(head), step)
    return len(positions) >= 2 and all(head[p] == 0x47 for p in positions)


def _annex_b(head: bytes) -> VideoKind | None:
    for prefix in (b"\x00\x00\x00\x01", b"\x00\x00\x01"):
        if head.startswith(prefix) and len(head) > len(prefix) + 1:
            nal = head[len(prefix)]
            if nal & 0x80 == 0 and (nal & 0x1F) in (6, 7, 9):  # SEI, SPS, access unit delimiter
                return H264
            if nal & 0x81 == 0 and (nal >> 1) & 0x3F in (32, 33, 35, 39):  # VPS, SPS, AUD, SEI
                return H265
    return None


def sniff(head: bytes) -> VideoKind | None:
    """The kind of video `head` (the first HEAD_BYTES of a file, or all of a shorter one) starts,
    or None when it is not a video we know."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return QUICKTIME if head[8:12] == b"qt  " else MP4
    if len(head) >= 8 and head[4:8] in (b"moov", b"mdat", b"wide") and int.from_bytes(head[:4], "big") >= 8:
        return QUICKTIME
    if head[:4] == b"RIFF" and head[8:12] in (b"AVI ", b"AVIX"):
        return AVI
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return MKV
    if head[:4] == b"\x00\x00\x01\xba":
        return PS
    if head[:3] == b"FLV":
        return FLV
    if head[:16] == ASF_GUID:
        return ASF
    if head[:4] == b"DHAV":
        return DAV
    if head[:4] == b"IMKH":
        return HIK
    if head[:1] == b"\x47" and _sync_every(head, 0, 188):
        return TS
    if len(head) > 4 and head[4] == 0x47 and _sync_every(head, 4, 192):
        return TS
    return _annex_b(head)
