"""`load_demo --reset` after someone tried field verification in the demo: the visits protect
their cameras from deletion everywhere else, so the reset removes the demo's visits and
assignments (and the visit photos) before rebuilding, instead of failing."""

import os
from io import StringIO

from django.core.management import call_command

from safetyzone.cameras.models import Camera
from safetyzone.census import verification
from safetyzone.census.models import Inspection, Visit
from safetyzone.core.models import User
from tests.census.verification_helpers import fix_near, png
from tests.demo_fixtures import loaded  # noqa: F401 (fixture)


def test_reset_rebuilds_a_demo_whose_cameras_were_visited(loaded, db, django_capture_on_commit_callbacks):
    secretariat = User.objects.get(username="secretariat")
    inspector = User.objects.get(username="committee")
    camera = Camera.objects.filter(province_id="15", status="working").order_by("pk").first()
    inspection = verification.assign(secretariat, [camera.pk], inspector)[0]
    fix = fix_near(camera)
    visit = verification.record_visit(inspector, inspection.pk, result="found_not_working", lat=fix["lat"],
                                      lon=fix["lon"], accuracy=fix["accuracy"], fix_ms=fix["fix_ms"], photo=png(),
                                      new_lat=None, new_lon=None, note="")
    photo = visit.photo.path
    assert os.path.exists(photo)
    cameras = Camera.objects.count()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--reset", stdout=out)
    assert "safetyzone-demo" in out.getvalue()  # the rebuilt demo prints how to log in
    assert Camera.objects.count() == cameras and not Camera.objects.filter(pk=camera.pk).exists()
    assert not Visit.objects.exists() and not Inspection.objects.exists()
    assert not os.path.exists(photo)
