"""Risk point photos: images only (named when refused), several at once, kept under MEDIA_ROOT
and served only through the gated view to those who may read the point."""

import pytest
from django.urls import reverse

from safetyzone.planning.models import RiskPhoto, RiskPoint
from tests.planning import world
from tests.planning.risk_fixtures import media, not_an_image, png, point_data, rw  # noqa: F401

pytestmark = pytest.mark.django_db


def files_under(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_photos_recorded_with_the_point_are_served_only_to_readers(rw, client, media):
    client.force_login(rw.users.station_editor)
    first, second = png("ซอยมืด.png"), png("night.png", colour=(0, 0, 90))
    first_bytes = first.read()
    first.seek(0)
    response = client.post(reverse("planning:risk_create"), point_data(photos=[first, second]))
    assert response.status_code == 302
    point = RiskPoint.objects.get()
    photos = list(point.photos.order_by("id"))
    assert [p.caption for p in photos] == ["ซอยมืด.png", "night.png"]
    stored = files_under(media)
    assert len(stored) == 2 and all(p.suffix == ".png" and "ซอย" not in p.name for p in stored)
    page = client.get(reverse("planning:risk_detail", args=[point.pk])).content.decode()
    url = reverse("planning:risk_photo", args=[photos[0].pk])
    assert f'src="{url}"' in page and "/media/" not in page
    served = client.get(url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == first_bytes
    client.force_login(rw.users.town_editor)  # same area: may read the point, so its photos
    assert client.get(url).status_code == 200
    client.force_login(rw.users.far_editor)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    assert client.get(f"/media/{photos[0].image.name}").status_code == 404  # never from MEDIA_URL


def test_a_file_that_is_not_a_picture_is_refused_by_name_and_nothing_is_kept(rw, client, media):
    client.force_login(rw.users.station_editor)
    response = client.post(reverse("planning:risk_create"),
                           point_data(photos=[png("ok.png"), not_an_image("รายงานประชุม.pdf")]))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["photos"])
    assert "รายงานประชุม.pdf" in errors
    assert not RiskPoint.objects.exists() and not RiskPhoto.objects.exists() and not files_under(media)


def test_photos_added_later_and_too_large_ones_refused(rw, client, media, monkeypatch):
    from safetyzone.planning import risk_photos

    point = world.risk_point(rw.station)
    client.force_login(rw.users.station_editor)
    add = reverse("planning:risk_photos_add", args=[point.pk])
    assert client.post(add, {"photos": [png("a.png"), png("b.png")]}).status_code == 302
    assert point.photos.count() == 2
    monkeypatch.setattr(risk_photos, "MAX_PHOTO_BYTES", 50)
    refused = client.post(add, {"photos": [png("big.png", size=(300, 300))]})
    assert refused.status_code == 400 and "big.png" in refused.content.decode()
    assert point.photos.count() == 2 and len(files_under(media)) == 2
    client.force_login(rw.users.town_editor)  # reads, may not add
    assert client.post(add, {"photos": [png("c.png")]}).status_code == 403
    assert point.photos.count() == 2


def test_removing_a_photo_deletes_its_file(rw, client, media, django_capture_on_commit_callbacks):
    point = world.risk_point(rw.station)
    client.force_login(rw.users.station_editor)
    client.post(reverse("planning:risk_photos_add", args=[point.pk]), {"photos": [png("a.png")]})
    photo = point.photos.get()
    client.force_login(rw.users.town_editor)
    assert client.post(reverse("planning:risk_photo_delete", args=[photo.pk])).status_code == 403
    client.force_login(rw.users.station_editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("planning:risk_photo_delete", args=[photo.pk])).status_code == 302
    assert not point.photos.exists() and not files_under(media)
