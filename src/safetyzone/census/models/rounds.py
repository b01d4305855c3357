"""Census rounds (seed 002 L104-L152): a province asks every agency for its cameras by a deadline.

A Round belongs to one province. Each invited organisation has one Submission that moves
through not started → in progress → submitted → (sent back → in progress →) accepted; the
secretariat drives the round itself through draft → open → closed → certified. Every state
change of either is a Transition row (who, when, from, to, note): nothing is overwritten.
Part 2 (proposed additional installation points) and Part 3 (problems and suggestions) hang
off the submission. The allowed transitions live in census/rounds.py, not here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safetyzone.cameras.models import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, CameraType
from safetyzone.core.models import AdminArea, Organisation


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed for review")
    CERTIFIED = "certified", _("Certified")


class Round(models.Model):
    province = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("province"))
    title = models.CharField(_("title"), max_length=200)
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("census round")
        verbose_name_plural = _("census rounds")
        constraints = [models.CheckConstraint(condition=Q(deadline__gte=models.F("opens_on")),
                                              name="round_deadline_after_opening")]

    def __str__(self) -> str:
        return self.title

    @property
    def past_deadline(self) -> bool:
        return timezone.localdate() > self.deadline


class SubmissionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Sent back with comments")
    ACCEPTED = "accepted", _("Accepted")


class Submission(models.Model):
    """One organisation's answer to a round: its cameras (in the registry), Part 2 and Part 3."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="submissions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="census_submissions",
                                     verbose_name=_("organisation"))
    status = models.CharField(_("status"), max_length=12, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.NOT_STARTED)
    # None: not answered yet; False: "we have no cameras" (an answer; silence is not).
    has_cameras = models.BooleanField(_("has cameras"), null=True)
    # The registry's figures when the agency submitted (what it declared).
    camera_count = models.PositiveIntegerField(_("cameras"), null=True)
    working_count = models.PositiveIntegerField(_("working cameras"), null=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     related_name="+")
    late = models.BooleanField(_("late"), default=False)
    note = models.TextField(_("note from the agency"), blank=True)
    review_comment = models.TextField(_("comments from the secretariat"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="submission_once_per_round"),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "accepted"]) | Q(has_cameras__isnull=False),
                name="submission_answers_has_cameras"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.organisation}"


class Transition(models.Model):
    """A state change of a round (submission empty) or of one submission."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="transitions")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, null=True, related_name="transitions")
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def _label(self, value: str) -> str:
        choices = SubmissionStatus if self.submission_id else RoundStatus
        return str(choices(value).label) if value in choices.values else "–"

    @property
    def from_label(self) -> str:
        return self._label(self.from_status)

    @property
    def to_label(self) -> str:
        return self._label(self.to_status)


class Priority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")


class ProposalReason(models.TextChoices):
    RISK_POINT = "risk_point", _("Risk point")
    LANDMARK = "landmark", _("Landmark")
    ECONOMIC = "economic", _("Economic area")
    TOURIST = "tourist", _("Tourist site")
    TRAFFIC = "traffic", _("Traffic")
    GOVERNMENT = "government", _("Government office")
    OTHER = "other", _("Other")


class BudgetPlan(models.TextChoices):
    OWN = "own", _("Own budget")
    PROVINCIAL = "provincial", _("Provincial budget")
    CENTRAL = "central", _("Central government")
    PRIVATE = "private", _("Private")
    NONE_YET = "none_yet", _("No source yet")


class Proposal(models.Model):
    """Part 2 (seed 002 L124): a point where the agency proposes more cameras."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="proposals")
    name = models.CharField(_("place"), max_length=200)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    area = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("administrative area"))
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    reason = models.CharField(_("reason"), max_length=12, choices=ProposalReason.choices)
    reason_detail = models.CharField(_("reason in words"), max_length=300, blank=True)
    camera_count = models.PositiveSmallIntegerField(_("number of cameras"))
    camera_type = models.CharField(_("camera type"), max_length=10, choices=CameraType.choices)
    estimated_budget = models.DecimalField(_("estimated budget (baht)"), max_digits=12, decimal_places=2)
    budget_source = models.CharField(_("budget source"), max_length=12, choices=BudgetPlan.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "id"]
        verbose_name = _("proposed installation point")
        verbose_name_plural = _("proposed installation points")
        constraints = [
            models.CheckConstraint(
                condition=Q(lat__gte=LAT_MIN, lat__lte=LAT_MAX, lon__gte=LON_MIN, lon__lte=LON_MAX),
                name="proposal_in_thailand"),
            models.CheckConstraint(condition=Q(camera_count__gte=1, camera_count__lte=500),
                                   name="proposal_camera_count"),
            models.CheckConstraint(condition=Q(estimated_budget__gte=0), name="proposal_budget_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class ProblemCategory(models.TextChoices):
    """Problems agencies raise (seed 002 L126, L180-L277), counted on the dashboard."""

    NO_MAINTENANCE_BUDGET = "no_maintenance_budget", _("No maintenance budget")
    SHORT_RETENTION = "short_retention", _("Footage kept only a few days")
    NO_PLAYBACK = "no_playback", _("Cannot play back without a technician")
    NOT_LINKED = "not_linked", _("Not linked to any centre")
    BROKEN_EQUIPMENT = "broken_equipment", _("Broken or outdated equipment")
    POOR_PICTURE = "poor_picture", _("Picture too poor to identify people or plates")
    NO_INSTALL_BUDGET = "no_install_budget", _("No budget for new cameras")
    POWER_NETWORK = "power_network", _("Power or network problems")
    STAFF = "staff", _("Not enough staff or skills")
    OTHER = "other", _("Other")


class ProblemReport(models.Model):
    """Part 3 (seed 002 L126): a problem or suggestion from an agency, with a category."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="problems")
    category = models.CharField(_("category"), max_length=24, choices=ProblemCategory.choices)
    description = models.TextField(_("problem"))
    suggestion = models.TextField(_("suggestion"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "id"]
        verbose_name = _("problem or suggestion")
        verbose_name_plural = _("problems and suggestions")

    def __str__(self) -> str:
        return self.get_category_display()
