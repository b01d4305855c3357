"""Who may see a case's evidence, and the short-lived links it is fetched through.

A user who may see the case (the access gate on FootageRequest) asks for a link, saying why;
the link is signed (django.core.signing), names the user, the file and the custody entry that
made it, and expires after FOOTAGE_LINK_MAX_AGE seconds (10 minutes). It works once: opening it
re-checks the gate, marks the link used (UsedLink, keyed on the custody entry that made it) and
writes a "downloaded" or "viewed" entry; the file is streamed, never read whole.

Outside the case every evidence, custody and link URL answers 404, like the request pages
(ADR 0002): a user of another station cannot tell that the case exists.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from safetyzone.core import access
from safetyzone.core.templatetags.thai import thai_datetime

from . import custody
from .evidence_store import Refused
from .models import CustodyAction, CustodyEntry, EvidenceFile, FootageRequest, RequestItem, UsedLink

logger = logging.getLogger(__name__)
SALT = "safetyzone.footage.evidence-link"
VIEW, DOWNLOAD = "view", "download"


def link_max_age() -> int:
    return int(getattr(settings, "FOOTAGE_LINK_MAX_AGE", 600))


def not_found() -> Http404:
    """The answer outside the case: the same as for a case that does not exist."""
    return Http404(_("Not found, or not visible to your organisation."))


def visible_request(user, pk) -> FootageRequest:
    """The request (case) if `user` may see it; otherwise Http404 (never saying that it exists)."""
    request = access.scope(user, FootageRequest.objects.all()).filter(pk=pk).first()
    if request is None:
        raise not_found()
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
        raise not_found()
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


class LinkRefused(Refused):
    """A link that cannot be opened (expired, used): the page offers the evidence page of
    `case_id` to ask for a new one."""

    def __init__(self, message, *, status: int, case_id: int):
        super().__init__(message, status=status)
        self.case_id = case_id


def _check_token(user, token: str) -> tuple[dict, EvidenceFile, CustodyEntry]:
    """Signature, then the gate (outside the case a valid link looks like a forged one: 404),
    then the user it was made for, then its age and whether it was used."""
    invalid = Refused(_("This link is not valid."), status=404)
    try:
        data = signing.loads(token, salt=SALT)
        evidence = visible_evidence(user, data["e"])
    except (signing.BadSignature, Http404, KeyError, TypeError):
        raise invalid from None
    made = CustodyEntry.objects.filter(request_id=evidence.item.request_id, seq=data.get("c"),
                                       action=CustodyAction.LINK, evidence=evidence).first()
    if made is None:
        raise invalid
    if data.get("u") != user.pk:
        raise Refused(_("This link was made for another user. Ask for your own link on the evidence page."),
                      status=403)
    case_id = evidence.item.request_id
    try:
        signing.loads(token, salt=SALT, max_age=link_max_age())
    except signing.SignatureExpired:
        raise LinkRefused(_("This link has expired (links last %(minutes)s minutes). Ask for a new one on the "
                            "evidence page.") % {"minutes": link_max_age() // 60}, status=410, case_id=case_id) from None
    used = UsedLink.objects.filter(link=made).first()
    if used is not None:
        raise LinkRefused(used_message(used), status=410, case_id=case_id)
    return data, evidence, made


def used_message(used: UsedLink) -> str:
    return _("This link was already used on %(when)s: each link opens the file once. Ask for a new one on the "
             "evidence page (it asks again why you need the file).") % {"when": thai_datetime(used.used_at)}


def open_link(user, token: str, *, http_request=None) -> Opened:
    """Check the token (signature, gate, user, age, not used yet), mark it used and log the access."""
    data, evidence, made = _check_token(user, token)
    if not evidence.file:
        raise Refused(_("This file was deleted at the end of its retention."), status=410)
    try:  # opened before the log is written: a file missing from storage is no download
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        logger.error("Evidence file %s (%s) is missing from storage", evidence.pk, evidence.file.name)
        raise Refused(_("The stored file of this evidence cannot be found. Tell the system administrator; "
                        "nothing was downloaded."), status=410) from None
    view = data.get("m") == VIEW
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():  # two clicks at once: the second finds the link used
                    used = UsedLink.objects.create(link=made)
            except IntegrityError:
                raise LinkRefused(used_message(UsedLink.objects.get(link=made)), status=410,
                                  case_id=evidence.item.request_id) from None
            used.opened = custody.record(
                user, evidence.item.request_id, CustodyAction.VIEWED if view else CustodyAction.DOWNLOADED,
                evidence, purpose=made.purpose, detail=_("through the link of entry %(seq)s") % {"seq": made.seq},
                http_request=http_request)
            used.save(update_fields=["opened"])
    except BaseException:
        handle.close()
        raise
    return Opened(evidence=evidence, mode=VIEW if view else DOWNLOAD, handle=handle)


def record_page_view(user, case: FootageRequest, *, http_request=None) -> CustodyEntry:
    """Opening the evidence page shows every file's details (name, size, SHA-256, clock, times):
    one "viewed" entry for the case, naming the files shown (ADR 0007). The page asks no
    purpose; the gate lets only the case's own people open it, so its why is the request's."""
    ids = [e.pk for item in case.item_list for e in item.evidence.all()]
    shown = ", ".join(f"#{pk}" for pk in ids)
    detail = _("Evidence page: details of %(n)s files (%(ids)s)") % {"n": len(ids), "ids": shown}
    if len(detail) > 300:  # the files received before this entry are all in the chain above it
        detail = _("Evidence page: details of %(n)s files (all received so far)") % {"n": len(ids)}
    return custody.record(user, case, CustodyAction.VIEWED, purpose=_("Request purpose: %(purpose)s")
                          % {"purpose": case.purpose}, detail=detail, http_request=http_request)


def record_share(user, evidence_id, *, recipient: str, purpose: str, http_request=None) -> CustodyEntry:
    """A copy of the file was given to someone outside the system (the prosecutor, a court)."""
    evidence = visible_evidence(user, evidence_id)
    return custody.record(user, evidence.item.request_id, CustodyAction.SHARED, evidence, purpose=purpose,
                          detail=_("Copy given to: %(who)s") % {"who": recipient.strip()}, http_request=http_request)
