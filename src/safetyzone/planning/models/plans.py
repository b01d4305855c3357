"""Road files, candidate poles and camera placement plans (issue 5 items 4-5)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .base import Scoped, in_thailand, lat_field, lon_field


class RoadClass(models.TextChoices):
    MAIN = "main", _("Main road")
    LOCAL = "local", _("Local street")
    LANE = "lane", _("Lane / alley (soi)")


class RoadFormat(models.TextChoices):
    GEOJSON = "geojson", _("GeoJSON")
    OSM = "osm", _("OpenStreetMap XML (.osm)")
    PBF = "pbf", _("OpenStreetMap PBF (.pbf)")
    GENERATED = "generated", _("Generated street grid (demo)")


class RoadFile(Scoped):
    name = models.CharField(_("name"), max_length=200)
    format = models.CharField(_("format"), max_length=10, choices=RoadFormat.choices)
    segment_count = models.PositiveIntegerField(_("road segments"), default=0)
    length_m = models.PositiveIntegerField(_("total length (m)"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("road file")
        verbose_name_plural = _("road files")

    def __str__(self) -> str:
        return self.name


class RoadSegment(models.Model):
    road_file = models.ForeignKey(RoadFile, on_delete=models.CASCADE, related_name="segments")
    road_class = models.CharField(_("road class"), max_length=6, choices=RoadClass.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    coords = models.JSONField()  # [[lat, lon], ...]
    length_m = models.FloatField(_("length (m)"))

    class Meta:
        ordering = ["road_file", "id"]
        verbose_name = _("road segment")
        verbose_name_plural = _("road segments")


class PoleSet(Scoped):
    """Candidate sites the user loads (existing poles); plans may also generate them along streets."""

    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("candidate pole set")
        verbose_name_plural = _("candidate pole sets")

    def __str__(self) -> str:
        return self.name


class Pole(models.Model):
    pole_set = models.ForeignKey(PoleSet, on_delete=models.CASCADE, related_name="poles")
    ref = models.CharField(_("pole reference"), max_length=100, blank=True)
    lat = lat_field()
    lon = lon_field()
    max_cameras = models.PositiveSmallIntegerField(_("cameras allowed on this pole"), default=1)

    class Meta:
        ordering = ["pole_set", "id"]
        verbose_name = _("candidate pole")
        verbose_name_plural = _("candidate poles")
        constraints = [in_thailand("pole_in_thailand"),
                       models.CheckConstraint(condition=Q(max_cameras__gte=1), name="pole_max_cameras")]


class PlanMode(models.TextChoices):
    FAST = "fast", _("Fast (seconds)")
    EXACT = "exact", _("Exact (to a stated gap or time limit)")


class PlanStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", pgettext_lazy("planning", "Done")
    FAILED = "failed", _("Failed")


class PlacementPlan(Scoped):
    name = models.CharField(_("plan name"), max_length=200)
    zone = models.ForeignKey("planning.SafetyZone", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="plans", verbose_name=_("Safety Zone"))
    road_file = models.ForeignKey(RoadFile, on_delete=models.PROTECT, related_name="plans",
                                  verbose_name=_("road file"))
    pole_set = models.ForeignKey(PoleSet, on_delete=models.PROTECT, null=True, blank=True, related_name="plans",
                                 verbose_name=_("candidate poles (empty: generated along streets)"))
    budget = models.DecimalField(_("budget (baht)"), max_digits=14, decimal_places=2)
    # yearly phases: [budget of year 1, year 2, ...] in baht, summing to `budget`; [] = one phase
    phases = models.JSONField(_("yearly phases"), default=list, blank=True)
    # [{"name", "camera_type", "cost", "fov_deg", "range_m"}, ...]
    camera_types = models.JSONField(_("camera types"))
    mode = models.CharField(_("mode"), max_length=6, choices=PlanMode.choices, default=PlanMode.FAST)
    gap_target = models.FloatField(_("stop at gap"), default=0.001)
    time_limit_s = models.PositiveIntegerField(_("time limit (s)"), default=60)
    max_per_pole = models.PositiveSmallIntegerField(_("cameras per pole"), default=1)
    status = models.CharField(_("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.QUEUED)
    progress = models.CharField(_("progress"), max_length=200, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    # results (weights are risk-weighted demand)
    total_weight = models.FloatField(null=True)
    covered_before = models.FloatField(null=True)  # by the existing working cameras
    covered_after = models.FloatField(null=True)  # with the plan's cameras
    lp_bound = models.FloatField(null=True)  # upper bound on covered_after
    optimum = models.FloatField(null=True)  # proven optimum (exact mode)
    gap = models.FloatField(null=True)  # (bound - value) / bound
    cost_total = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("placement plan")
        verbose_name_plural = _("placement plans")
        constraints = [models.CheckConstraint(condition=Q(budget__gt=0), name="plan_budget_positive")]

    def __str__(self) -> str:
        return self.name


class PlanCamera(models.Model):
    """One camera the plan places: where, which way, which type, in which phase."""

    plan = models.ForeignKey(PlacementPlan, on_delete=models.CASCADE, related_name="cameras")
    phase = models.PositiveSmallIntegerField(_("phase (year)"), default=1)
    lat = lat_field()
    lon = lon_field()
    bearing_deg = models.PositiveSmallIntegerField(_("direction (degrees)"))
    fov_deg = models.PositiveSmallIntegerField(_("field of view (degrees)"))
    range_m = models.PositiveSmallIntegerField(_("range (m)"))
    type_name = models.CharField(_("camera type"), max_length=100)
    camera_type = models.CharField(max_length=10)  # cameras.CameraType value
    cost = models.DecimalField(_("cost (baht)"), max_digits=12, decimal_places=2)
    gain = models.FloatField(_("demand it adds"))
    pole_ref = models.CharField(_("pole"), max_length=100, blank=True)
    proposal = models.ForeignKey("census.Proposal", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("census proposal"))

    class Meta:
        ordering = ["plan", "phase", "-gain", "id"]
        verbose_name = _("planned camera")
        verbose_name_plural = _("planned cameras")
        constraints = [in_thailand("plancamera_in_thailand")]


