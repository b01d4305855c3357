"""Where evidence lives: the item an owner may deliver to, moving a verified upload into
storage unchanged (read-only), and recording a hand-over on a medium."""

import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from safetyzone.core import access

from . import custody
from .models import CustodyAction, EvidenceFile, ItemStatus, RequestItem, RequestStatus, evidence_upload_to

CLOSED_ITEM = {ItemStatus.NO_FOOTAGE, ItemStatus.DECLINED}


class Refused(ValidationError):
    """A step refused; `status` is the HTTP answer, `offset` where an upload resumes."""

    def __init__(self, message, *, status: int = 400, offset: int | None = None):
        super().__init__(message)
        self.status, self.offset = status, offset


def writable_item(user, item_id: int) -> RequestItem:
    """The item, locked, if `user` answers it for its owner and footage can still be delivered."""
    item = (access.scope(user, RequestItem.objects.select_for_update().select_related("request"), write=True)
            .filter(pk=item_id).first())
    if item is None:
        raise Refused(_("This requested camera was not found, or it is not yours to answer."), status=404)
    if item.request.status != RequestStatus.OPEN:
        raise Refused(_("This request is %(status)s; footage can no longer be delivered for it.")
                             % {"status": item.request.get_status_display()}, status=409)
    if item.status in CLOSED_ITEM:
        raise Refused(_("You answered “%(status)s” for this camera; footage can no longer be delivered "
                               "for it.") % {"status": item.get_status_display()}, status=409)
    return item


def move_into_storage(evidence: EvidenceFile, source: Path) -> Path:
    """Give `evidence` its storage name and move the verified file there (a rename on the same
    disk, so the bytes are not touched); the file is made read-only. Returns the new path."""
    storage = evidence.file.storage
    name = evidence_upload_to(evidence, evidence.original_name)
    target = Path(storage.path(name))
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)
    target.chmod(0o440)
    evidence.file.name = name
    return target


def record_medium(user, item_id: int, *, medium: str, clip: dict, http_request=None) -> EvidenceFile:
    """The owner handed the footage over on a medium (USB stick, DVD...): a record without a file."""
    from .services import mark_delivered

    medium = (medium or "").strip()
    if not medium:
        raise ValidationError({"medium": _("Describe the medium the footage was handed over on.")})
    with transaction.atomic():
        item = writable_item(user, item_id)
        evidence = EvidenceFile.objects.create(item=item, medium=medium[:200], received_by=user, **clip)
        custody.record(user, item.request_id, CustodyAction.HANDED_OVER, evidence,
                       purpose=_("Footage handed over on a medium"), detail=medium[:300], http_request=http_request)
        mark_delivered(item, user)
    return evidence
