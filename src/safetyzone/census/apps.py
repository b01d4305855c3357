from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CensusConfig(AppConfig):
    name = "safetyzone.census"
    label = "census"
    verbose_name = _("Census, import and export")

    def ready(self):
        from safetyzone.cameras.services import before_camera_delete

        from .quality.merge import move_field_checks

        before_camera_delete.connect(move_field_checks, dispatch_uid="census_move_field_checks")
