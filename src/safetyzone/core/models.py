"""Administrative areas, organisations, users with roles, and the access log."""

import hashlib
import json

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class AreaLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Subdistrict")


class AdminArea(models.Model):
    """A Thai province (2-digit DOPA code), district (4) or subdistrict (6).

    Codes are hierarchical: a subdistrict's code starts with its district's, which starts
    with its province's. Loaded from the `geothai` package by a data migration.
    An optional boundary (GeoJSON Polygon/MultiPolygon in WGS84) can be loaded by a
    deployment; when present, locations are checked against it.
    """

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    level = models.CharField(_("level"), max_length=12, choices=AreaLevel.choices)
    name_th = models.CharField(_("Thai name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    boundary = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        indexes = [models.Index(fields=["level", "name_th"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "th").startswith("en") else self.name_th

    @property
    def province_code(self) -> str:
        return self.code[:2]

    @property
    def district_code(self) -> str | None:
        return self.code[:4] if len(self.code) >= 4 else None


class OrgKind(models.TextChoices):
    PROVINCIAL_OFFICE = "provincial_office", _("Provincial office")
    GOVERNMENT_AGENCY = "government_agency", _("Government agency")
    LOCAL_ADMIN = "local_admin", _("Local administrative organisation")
    POLICE_STATION = "police_station", _("Police station")
    PRIVATE_BUSINESS = "private_business", _("Private business")
    HOUSEHOLD = "household", _("Household")


class Organisation(models.Model):
    """Anyone who owns cameras or uses the system: agency, municipality, police, household."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrgKind.choices)
    province = models.ForeignKey(
        AdminArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("province"),
        limit_choices_to={"level": AreaLevel.PROVINCE},
    )
    area = models.ForeignKey(
        AdminArea, on_delete=models.PROTECT, related_name="organisations",
        verbose_name=_("area of responsibility"),
        help_text=_("A police station reads the cameras in this area."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    line_to = models.CharField(_("LINE user or group ID"), max_length=64, blank=True,
                               help_text=_("Where LINE notifications go (an ID starting with U, C or R)."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="org_unique_name_in_province")
        ]

    def __str__(self) -> str:
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    SECRETARIAT = "secretariat", _("Provincial secretariat")
    COMMITTEE = "committee", _("Committee member")
    INVESTIGATOR = "investigator", _("Police investigator")
    SYSTEM_ADMIN = "system_admin", _("System admin")


class User(AbstractUser):
    """A person; belongs to one organisation with one role (system admins may have none)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True,
        related_name="members", verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="system_admin") | models.Q(organisation__isnull=False),
                name="user_needs_organisation_unless_system_admin",
            )
        ]


class AccessLog(models.Model):
    """Append-only, hash-chained record of every read of personal data or footage.

    Each row stores the SHA-256 of its own content plus the previous row's hash, so
    editing or deleting any row breaks the chain (see `core.accesslog.verify_chain`).
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    username = models.CharField(max_length=150)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=60)
    purpose = models.CharField(max_length=200, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def payload(self) -> str:
        return json.dumps(
            [self.at.isoformat(), self.username, self.action, self.object_type,
             self.object_id, self.purpose, self.ip, self.prev_hash],
            ensure_ascii=False,
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.payload().encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("access log entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("access log entries are append-only")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    LINE = "line", _("LINE")


class Notification(models.Model):
    """One message to one recipient on one channel: what was sent, when, or why it failed.

    `key` makes sending idempotent: the same reminder is never sent twice, and a failed one is
    retried under the same key (LINE gets the same retry key, so it cannot arrive twice either).
    """

    key = models.CharField(max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, related_name="notifications")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient}: {self.subject}"
