"""URLs of the planning app's plan pages (included by planning/urls.py)."""

from django.urls import path  # noqa: F401
from django.utils.translation import gettext_lazy as _  # noqa: F401

urlpatterns: list = []
# the links this part shows on the planning hub: (url name without "planning:", label)
hub_links: list = []
