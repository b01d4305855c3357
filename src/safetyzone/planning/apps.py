from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "safetyzone.planning"
    label = "planning"
    verbose_name = _("Risk points, Safety Zones and camera placement")
