"""Camera registry ("Part 1" of the national CCTV survey, seed 002 L122).

A Site is an installation place (a temple, an intersection, a market) owned by one
organisation; each Camera is an installation point on it with its own coordinates.
Invariants that the database can hold are CheckConstraints, so no path (admin, API,
import, raw SQL) stores a camera outside Thailand or with an impossible angle.
"""

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from safetyzone.core.models import AdminArea, Organisation

from . import tally
from .tally import CameraTally  # noqa: F401 (a model of this app)

# Generous bounding box of Thailand (WGS84); the thai.coords helpers use the same numbers.
LAT_MIN, LAT_MAX, LON_MIN, LON_MAX = 5.5, 20.5, 97.3, 105.7
MAX_RETENTION_DAYS = 3650


class PlaceType(models.TextChoices):
    ROAD = "road", _("Road")
    INTERSECTION = "intersection", _("Intersection")
    LANE = "lane", _("Lane / alley")
    MARKET = "market", _("Market")
    SCHOOL = "school", _("School")
    TEMPLE = "temple", _("Temple / religious place")
    GOVERNMENT = "government", _("Government office")
    COMMUNITY = "community", _("Community / village")
    RESIDENCE = "residence", _("House")
    SHOP = "shop", _("Shop / business")
    PARK = "park", _("Park / public space")
    TRANSPORT = "transport", _("Bus / train station")
    TOURIST = "tourist", _("Tourist site")
    OTHER = "other", _("Other")


class Site(models.Model):
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sites", verbose_name=_("owner")
    )
    name = models.CharField(_("installation site"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    place_type = models.CharField(
        _("place type"), max_length=20, choices=PlaceType.choices, default=PlaceType.OTHER
    )
    area = models.ForeignKey(
        AdminArea, on_delete=models.PROTECT, related_name="sites",
        verbose_name=_("administrative area"),
    )
    # Derived from `area` (codes are hierarchical) and kept for fast, indexed scoping.
    province = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(AdminArea, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["id"]
        verbose_name = _("installation site")
        verbose_name_plural = _("installation sites")
        indexes = [models.Index(fields=["owner", "name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.province_id, self.district_id = area_parts(self.area_id)
        super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None or "area" in kwargs["update_fields"]:
            # The cameras carry a copy of the site's area (see Camera.area): move them along.
            self.cameras.exclude(area_id=self.area_id).update(
                area_id=self.area_id, province_id=self.province_id, district_id=self.district_id)


def area_parts(code: str) -> tuple[str, str | None]:
    """(province code, district code or None) of an area code; DOPA codes are hierarchical."""
    return code[:2], (code[:4] if len(code) >= 4 else None)


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Private")


class CameraType(models.TextChoices):
    BULLET = "bullet", _("Fixed bullet")
    DOME = "dome", _("Dome")
    PTZ = "ptz", _("PTZ")
    FISHEYE = "fisheye", _("Fisheye")


class Signal(models.TextChoices):
    IP = "ip", _("IP")
    ANALOG = "analog", _("Analog")


class Resolution(models.TextChoices):
    SD = "sd", _("Below 1 MP (analog / CIF)")
    HD = "hd", _("1 MP (720p)")
    FHD = "fhd", _("2 MP (1080p)")
    MP4 = "4mp", _("4-5 MP")
    UHD = "4k", _("8 MP (4K)")


class NetworkLink(models.TextChoices):
    NONE = "none", _("Not linked")
    LOCAL = "local", _("Local only")
    CENTRE = "centre", _("Linked to a centre")


class Recorder(models.TextChoices):
    NVR = "nvr", _("NVR")
    DVR = "dvr", _("DVR")
    CLOUD = "cloud", _("Cloud")
    NONE = "none", _("No recorder")


class Status(models.TextChoices):
    WORKING = "working", _("Working")
    NOT_WORKING = "not_working", _("Not working")
    BROKEN = "broken", _("Broken")
    UNDER_REPAIR = "under_repair", _("Under repair")


class BudgetSource(models.TextChoices):
    OWN = "own", _("Own budget")
    PROVINCIAL = "provincial", _("Provincial budget")
    CENTRAL = "central", _("Central government")
    LOCAL = "local", _("Local administration")
    PRIVATE = "private", _("Private")
    DONATION = "donation", _("Donation")
    OTHER = "other", _("Other")


class CameraQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """bulk_create skips save(): copy each camera's site area here instead."""
        objs = list(objs)
        missing = {c.site_id for c in objs if c.area_id is None and not Camera.site.is_cached(c)}
        sites = Site.objects.in_bulk(missing) if missing else {}
        for camera in objs:
            if camera.area_id is None:
                camera.copy_area(sites.get(camera.site_id))
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            tally.refresh(c.area_id for c in objs)
        return created

    # The writers below keep the tally (cameras/tally.py) of the areas they change.

    def update(self, **kwargs):
        if not tally.FIELDS.intersection(kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            areas = self._areas()
            done = super().update(**kwargs)
            new = kwargs.get("area_id", kwargs.get("area"))
            if isinstance(new, (str, AdminArea)):
                areas.add(getattr(new, "pk", new))
            elif new is not None:  # an expression (bulk_update): the rows' areas now
                areas |= self._areas()
            tally.refresh(areas)
        return done

    def delete(self):
        with transaction.atomic(using=self.db):
            areas = self._areas()
            done = super().delete()
            tally.refresh(areas)
        return done

    def _areas(self) -> set[str]:
        """The rows' areas, the rows locked (PostgreSQL) so a concurrent move cannot change them
        between this read and the write."""
        rows = self.model._base_manager.using(self.db).filter(pk__in=self.order_by().values("pk"))
        return set(rows.select_for_update(of=("self",)).values_list("area_id", flat=True))


class Camera(models.Model):
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="cameras", verbose_name=_("installation site")
    )
    asset_code = models.CharField(_("asset code"), max_length=60, blank=True)
    point = models.CharField(_("installation point"), max_length=200, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    lon = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    sector = models.CharField(_("public / private"), max_length=10, choices=Sector.choices)
    camera_type = models.CharField(_("camera type"), max_length=10, choices=CameraType.choices)
    signal = models.CharField(_("IP / analog"), max_length=10, choices=Signal.choices)
    resolution = models.CharField(_("resolution"), max_length=10, choices=Resolution.choices, blank=True)
    night_vision = models.BooleanField(_("night vision"), null=True, blank=True)
    fov_deg = models.PositiveSmallIntegerField(_("field-of-view angle (°)"), null=True, blank=True)
    bearing_deg = models.PositiveSmallIntegerField(_("bearing (°)"), null=True, blank=True)
    range_m = models.PositiveSmallIntegerField(_("range (m)"), null=True, blank=True)
    network_link = models.CharField(
        _("network link"), max_length=10, choices=NetworkLink.choices, default=NetworkLink.NONE
    )
    network_name = models.CharField(_("linked centre / network"), max_length=200, blank=True)
    recorder = models.CharField(_("recorder"), max_length=10, choices=Recorder.choices, blank=True)
    retention_days = models.PositiveSmallIntegerField(_("retention (days)"), null=True, blank=True)
    playback = models.BooleanField(_("playback available"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, db_index=True)
    status_reason = models.CharField(_("status reason"), max_length=300, blank=True)
    installed_on = models.DateField(_("install date"), null=True, blank=True)
    purchase_cost = models.DecimalField(
        _("purchase cost (baht)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    budget_source = models.CharField(
        _("budget source"), max_length=12, choices=BudgetSource.choices, blank=True
    )
    maintainer = models.CharField(_("maintained by"), max_length=200, blank=True)
    maintenance_budget = models.DecimalField(
        _("yearly maintenance budget (baht)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # A copy of the site's area (Camera.save, Site.save and the bulk writers keep it equal),
    # so the access gate and the area filters use the camera's own indexed columns and a
    # page of one district's cameras in id order is an index range scan (docs/adr/0004).
    area = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+", editable=False,
                             db_index=False)
    province = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+", editable=False,
                                 db_index=False)
    district = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+", editable=False,
                                 db_index=False, null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "version", "area", "province", "district"])
    objects = CameraQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("camera")
        verbose_name_plural = _("cameras")
        indexes = [
            models.Index(fields=["lat", "lon", "status"], name="camera_lat_lon_status"),
            # the footage finder's wide box looks only for long-range cameras (footage.finder
            # NEAR_M = 250 m): without this it walks every camera of a town centre
            models.Index(fields=["lat", "lon"], condition=Q(range_m__gt=250), name="camera_long_range_lat_lon"),
            models.Index(fields=["province", "id"], name="camera_province_id"),
            models.Index(fields=["district", "id"], name="camera_district_id"),
            # the secretariat's scope (province) with a district filter: the planner assumes the
            # two are independent and would intersect both indexes, then sort the district
            models.Index(fields=["province", "district", "id"], name="camera_province_district_id"),
            models.Index(fields=["area", "id"], name="camera_area_id"),
            models.Index(fields=["network_link"]),
            models.Index(fields=["asset_code"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(lat__gte=LAT_MIN, lat__lte=LAT_MAX, lon__gte=LON_MIN, lon__lte=LON_MAX),
                name="camera_in_thailand",
            ),
            models.CheckConstraint(
                condition=Q(fov_deg__isnull=True) | Q(fov_deg__gte=1, fov_deg__lte=360),
                name="camera_fov_range",
            ),
            models.CheckConstraint(
                condition=Q(bearing_deg__isnull=True) | Q(bearing_deg__lte=359),
                name="camera_bearing_range",
            ),
            models.CheckConstraint(
                condition=Q(range_m__isnull=True) | Q(range_m__gte=1, range_m__lte=2000),
                name="camera_range_positive",
            ),
            models.CheckConstraint(
                condition=Q(retention_days__isnull=True) | Q(retention_days__lte=MAX_RETENTION_DAYS),
                name="camera_retention_sane",
            ),
        ]

    def __str__(self) -> str:
        label = self.asset_code or f"#{self.pk}"
        return f"{label} · {self.site.name}" if self.site_id else label

    def save(self, *args, **kwargs):
        self.copy_area()
        fields = kwargs.get("update_fields")
        if fields is not None and not tally.FIELDS.intersection(fields):
            return super().save(*args, **kwargs)
        with transaction.atomic():
            # the area it had (a camera moves with its site, or to another site)
            old = self._stored_area() if self.pk else None
            super().save(*args, **kwargs)
            tally.refresh([old, self.area_id])

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            # the stored area, not this instance's: its site may have moved since it was read
            stored = self._stored_area()
            done = super().delete(*args, **kwargs)
            tally.refresh([stored, self.area_id])
        return done

    def _stored_area(self) -> str | None:
        """The area the database holds for this camera, its row locked until the transaction
        ends, so a concurrent move (a site's area corrected) cannot change it before this write
        refreshes the tally."""
        return (Camera.objects.select_for_update(of=("self",)).filter(pk=self.pk)
                .values_list("area_id", flat=True).first())

    def copy_area(self, site: Site | None = None) -> None:
        """Take the site's area, province and district."""
        self.area_id = (site or self.site).area_id
        self.province_id, self.district_id = area_parts(self.area_id)

