"""Who may see a case's evidence, and the short-lived links it is fetched through.

A user who may see the case (the access gate on FootageRequest) asks for a link, saying why;
the link is signed (django.core.signing), names the user, the file and the custody entry that
made it, and expires after FOOTAGE_LINK_MAX_AGE seconds (10 minutes). Opening it re-checks the
gate and writes a "downloaded" or "viewed" entry; the file is streamed, never read whole.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from safetyzone.core import access

from . import custody
from .evidence_store import Refused
from .models import CustodyAction, CustodyEntry, EvidenceFile, FootageRequest, RequestItem

logger = logging.getLogger(__name__)
SALT = "safetyzone.footage.evidence-link"
VIEW, DOWNLOAD = "view", "download"


def link_max_age() -> int:
    return int(getattr(settings, "FOOTAGE_LINK_MAX_AGE", 600))


def visible_request(user, pk) -> FootageRequest:
    """The request (case) if `user` may see it; otherwise PermissionDenied (a 403 page)."""
    request = access.scope(user, FootageRequest.objects.all()).filter(pk=pk).first()
    if request is None:
        raise PermissionDenied
    return request


def case_evidence(user, pk) -> FootageRequest:
    """The request with its items and evidence files loaded for the evidence page."""
    request = visible_request(user, pk)
    request.item_list = list(RequestItem.objects.filter(request=request).select_related("camera").prefetch_related(
        Prefetch("evidence", queryset=EvidenceFile.objects.select_related("received_by"))))
    return request


def visible_evidence(user, pk) -> EvidenceFile:
    evidence = (EvidenceFile.objects.select_related("item__request")
                .filter(pk=pk, item__request__in=access.scope(user, FootageRequest.objects.all())).first())
    if evidence is None:
        raise PermissionDenied
    return evidence


def custody_log(request: FootageRequest):
    return CustodyEntry.objects.filter(request=request).select_related("evidence").order_by("seq")


def make_link(user, evidence_id, *, purpose: str, mode: str = DOWNLOAD, http_request=None) -> str:
    """A signed token for one file and one user; the custody log records that it was made."""
    evidence = visible_evidence(user, evidence_id)
    if not evidence.file:
        raise Refused(_("There is no file to fetch: the footage was handed over on a medium or has been "
                        "deleted at the end of its retention."), status=410)
    entry = custody.record(user, evidence.item.request_id, CustodyAction.LINK, evidence, purpose=purpose,
                           detail=_("to view") if mode == VIEW else _("to download"), http_request=http_request)
    return signing.dumps({"e": evidence.pk, "u": user.pk, "c": entry.seq, "m": mode}, salt=SALT, compress=True)


@dataclass
class Opened:
    evidence: EvidenceFile
    mode: str
    handle: object  # the stored file, opened for reading


def open_link(user, token: str, *, http_request=None) -> Opened:
    """Check the token (signature, age, user) and the gate again, and log the access."""
    try:
        data = signing.loads(token, salt=SALT, max_age=link_max_age())
    except signing.SignatureExpired:
        raise Refused(_("This link has expired (links last %(minutes)s minutes). Ask for a new one on the "
                        "evidence page.") % {"minutes": link_max_age() // 60}, status=410) from None
    except signing.BadSignature:
        raise Refused(_("This link is not valid."), status=404) from None
    if data.get("u") != user.pk:
        raise Refused(_("This link was made for another user. Ask for your own link on the evidence page."),
                      status=403)
    evidence = visible_evidence(user, data["e"])
    if not evidence.file:
        raise Refused(_("This file was deleted at the end of its retention."), status=410)
    try:  # opened before the log is written: a file missing from storage is no download
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        logger.error("Evidence file %s (%s) is missing from storage", evidence.pk, evidence.file.name)
        raise Refused(_("The stored file of this evidence cannot be found. Tell the system administrator; "
                        "nothing was downloaded."), status=410) from None
    made = CustodyEntry.objects.filter(request_id=evidence.item.request_id, seq=data["c"]).first()
    view = data.get("m") == VIEW
    try:
        custody.record(user, evidence.item.request_id, CustodyAction.VIEWED if view else CustodyAction.DOWNLOADED,
                       evidence, purpose=made.purpose if made else "",
                       detail=_("through the link of entry %(seq)s") % {"seq": data["c"]}, http_request=http_request)
    except BaseException:
        handle.close()
        raise
    return Opened(evidence=evidence, mode=VIEW if view else DOWNLOAD, handle=handle)


def record_share(user, evidence_id, *, recipient: str, purpose: str, http_request=None) -> CustodyEntry:
    """A copy of the file was given to someone outside the system (the prosecutor, a court)."""
    evidence = visible_evidence(user, evidence_id)
    return custody.record(user, evidence.item.request_id, CustodyAction.SHARED, evidence, purpose=purpose,
                          detail=_("Copy given to: %(who)s") % {"who": recipient.strip()}, http_request=http_request)
