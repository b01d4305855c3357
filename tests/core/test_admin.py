"""The Django admin stays usable for system admins: every registered model's list, search and
(where allowed) add and change pages answer 200."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import CameraFactory, UserFactory


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_page_opens(client, db, model):
    admin_user = UserFactory(username="root", role="system_admin", is_staff=True, is_superuser=True,
                             organisation=None)
    CameraFactory()
    client.force_login(admin_user)
    info = model._meta.app_label, model._meta.model_name
    changelist = client.get(reverse("admin:%s_%s_changelist" % info), {"q": "อ่างทอง"})
    assert changelist.status_code == 200
    model_admin = admin.site._registry[model]
    add = client.get(reverse("admin:%s_%s_add" % info))
    assert add.status_code == (200 if model_admin.has_add_permission(changelist.wsgi_request) else 403)
    first = model._default_manager.first()
    if first is not None:
        assert client.get(reverse("admin:%s_%s_change" % info, args=[first.pk])).status_code == 200


def test_agency_editor_cannot_open_the_admin(client, db):
    client.force_login(UserFactory(role="editor", is_staff=False))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/login/" in response["Location"]
