"""What a Thai official reads on planning pages: Buddhist-era dates in the hotspot period and
Thai words for strings that carry a percent sign (Django looks those up with the % doubled)."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import UserFactory
from tests.planning import world

pytestmark = pytest.mark.django_db


def test_hotspot_period_defaults_are_shown_in_buddhist_era(client):
    client.force_login(UserFactory(organisation=world.org("police_station", area=world.MUEANG), role="editor"))
    html = client.get(reverse("planning:hotspots")).content.decode()
    today = timezone.localdate()
    assert f'value="{today.isoformat()}"' not in html  # no Christian-era ISO date in the field
    assert str(today.year + 543) in html
    assert "ตั้งแต่วันที่" in html and "ค่าเดิม" not in html  # not the cameras catalogue's 'From'


@pytest.mark.parametrize("source, thai", [
    ('{% translate "Position found: ± %(m)s m" %}', "พบตำแหน่งแล้ว: ± %(m)s เมตร"),
    ('{% translate "corners: %(n)s" %}', "จำนวนมุม: %(n)s"),
    ('{% translate "Confirmed (%)" %}', "ยืนยันแล้ว (ร้อยละ)"),
])
def test_translate_tags_with_a_percent_sign_render_in_thai(source, thai):
    with translation.override("th"):
        assert Template("{% load i18n %}" + source).render(Context()) == thai
