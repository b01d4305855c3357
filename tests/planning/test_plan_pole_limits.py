"""Pole and road files that would exhaust the server are refused before they are unpacked or
read whole: an XLSX (a zip) that unpacks to far more than it weighs, an OpenStreetMap file with
XML entities (a 'billion laughs' bomb)."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from safetyzone.geo.errors import GeoInputError
from safetyzone.geo.roads import read_roads
from safetyzone.planning import plan_poles


def _xlsx(rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["ref", "lat", "lon", "max cameras"])
    for i in range(rows):
        sheet.append([f"เสา {i}", 14.59 + i * 1e-6, 100.45, 1])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_unpacking_beyond_the_limit_is_refused_before_it_is_read(monkeypatch):
    data = _xlsx(3000)
    assert len(plan_poles.read_poles(data, "poles.xlsx")) == 3000
    monkeypatch.setattr(plan_poles, "MAX_UNPACKED_BYTES", len(data))  # unpacked it is several times larger
    with translation.override("en"), pytest.raises(plan_poles.PoleFileError) as refused:
        plan_poles.read_poles(data, "poles.xlsx")
    assert "CSV" in refused.value.problems[0]


def test_too_many_poles_are_refused_even_with_empty_rows_between(monkeypatch):
    monkeypatch.setattr(plan_poles, "MAX_POLES", 10)
    book = Workbook()
    sheet = book.active
    sheet.append(["ref", "lat", "lon"])
    for i in range(11):
        sheet.append([f"เสา {i}", 14.59, 100.45])
        sheet.append([None, None, None])
    out = io.BytesIO()
    book.save(out)
    with translation.override("en"), pytest.raises(plan_poles.PoleFileError, match="Too many poles"):
        plan_poles.read_poles(out.getvalue(), "poles.xlsx")


def test_an_osm_file_with_xml_entities_is_refused():
    entities = '<!ENTITY a0 "xxxxxxxxxx">' + "".join(
        f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    data = (f'<?xml version="1.0"?><!DOCTYPE osm [{entities}]><osm version="0.6">'
            '<node id="1" lat="14.59" lon="100.45"><tag k="name" v="&a9;"/></node></osm>').encode()
    with pytest.raises(GeoInputError) as refused:
        read_roads(data, name="bomb.osm")
    assert refused.value.code == "file_unreadable"


@pytest.mark.django_db
def test_an_oversized_pole_file_is_refused_by_its_size_before_it_is_read(client, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.planning import plan_world as pw
    from tests.planning import world

    station, editor = pw.station_and_editor()
    client.force_login(editor)
    monkeypatch.setattr(plan_poles, "MAX_BYTES", 2 * 2**20)
    big = SimpleUploadedFile("poles.csv", b"ref,lat,lon\n" + b"1,14.59,100.45\n" * 200_000)
    response = client.post(reverse("planning:pole_upload"), {"name": "เสา", "area": world.MUEANG, "file": big},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "larger than 2 MB" in " ".join(response.context["form"].errors.get("file", []))
