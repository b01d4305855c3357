"""A citizen asks for footage of an incident that happened to them (Udon Thani offers this).

Staff review the ask before any owner is contacted; an approved ask becomes a FootageRequest.
The citizen sees only their own ask and its status, never owners or other requests.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyzone.core.models import AdminArea

from .requests import FootageRequest, IncidentType


class CitizenStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved, owners asked")
    REJECTED = "rejected", _("Rejected")


class CitizenRequest(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=40)
    email = models.EmailField(_("e-mail"), blank=True)
    police_report_no = models.CharField(_("police report number"), max_length=60, blank=True)
    will_show_id = models.BooleanField(_("will show an ID card at the police station"), default=False)
    id_checked = models.BooleanField(_("identity checked at the counter"), default=False)
    incident_type = models.CharField(_("incident type"), max_length=12, choices=IncidentType.choices)
    description = models.TextField(_("what happened"))
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("to"))
    province = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("province"))
    status = models.CharField(_("status"), max_length=10, choices=CitizenStatus.choices,
                              default=CitizenStatus.PENDING)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    # where the ask came from (asks are rate-limited per phone and per address)
    ip = models.GenericIPAddressField(_("sent from"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    request = models.OneToOneField(FootageRequest, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="citizen_request", verbose_name=_("footage request"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("citizen footage request")
        verbose_name_plural = _("citizen footage requests")
        indexes = [models.Index(fields=["province", "status"])]

    def __str__(self) -> str:
        return f"#{self.pk}"
