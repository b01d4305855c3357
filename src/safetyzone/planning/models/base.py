"""What every top-level planning record shares: an owning organisation and an area.

The access gate scopes planning records like cameras (ADR 0002, planning section): by the owning
organisation, and by the copy of the area's province and district kept on the row for indexed
scoping. Child records (mitigations, photos, tasks, patrol points, ...) are scoped through
their parent (core.access.PLANNING_PATHS).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from safetyzone.cameras.models import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, area_parts
from safetyzone.core.models import AdminArea, Organisation


class Scoped(models.Model):
    """Owned by an organisation, located in an administrative area (any level)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organisation"))
    area = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("administrative area"))
    # Derived from `area` on save (codes are hierarchical), for indexed scoping.
    province = models.ForeignKey(AdminArea, on_delete=models.PROTECT, related_name="+", editable=False)
    district = models.ForeignKey(AdminArea, on_delete=models.PROTECT, null=True, related_name="+",
                                 editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.province_id, self.district_id = area_parts(self.area_id)
        super().save(*args, **kwargs)


def lat_field():
    return models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)


def lon_field():
    return models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)


def in_thailand(name: str, prefix: str = "") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{prefix}lat__gte": LAT_MIN, f"{prefix}lat__lte": LAT_MAX,
                       f"{prefix}lon__gte": LON_MIN, f"{prefix}lon__lte": LON_MAX}),
        name=name)
