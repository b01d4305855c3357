"""Property: any valid camera, written the ways Thai offices write it, imports as itself.

Random cameras are rendered with Thai or Arabic digits, Buddhist-era dates in the usual
shapes, coordinates in decimal degrees or degrees-minutes-seconds, Thai or English headers
and value words, in CSV or XLSX; the cameras read back from the database must equal them.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safetyzone.cameras.models import Camera
from safetyzone.census.columns import BY_KEY
from safetyzone.census.importing import run_import
from tests.census.helpers import write_csv, write_xlsx
from tests.census.sample_files import MONTHS, dms, thai_digits

MONTHS_LONG = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
               "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
CHOICE_KEYS = ["camera_type", "signal", "status", "resolution", "network_link", "recorder", "budget_source"]
INT_KEYS = {"fov_deg": (1, 360), "bearing_deg": (0, 359), "range_m": (1, 2000), "retention_days": (0, 3650)}

cameras = st.fixed_dictionaries({
    "site_name": st.text("กขคงจฉชซฌญฎฏ ตลาดวัดโรงเรียน", min_size=1, max_size=30).map(str.strip).filter(bool),
    "lat": st.integers(14_580_000, 14_600_000).map(lambda n: Decimal(n) / 1_000_000),
    "lon": st.integers(100_440_000, 100_460_000).map(lambda n: Decimal(n) / 1_000_000),
    **{k: st.sampled_from([v for v, _ in BY_KEY[k].choices.choices]) for k in CHOICE_KEYS},
    **{k: st.integers(*limits) for k, limits in INT_KEYS.items()},
    "night_vision": st.booleans(),
    "installed_on": st.dates(date(1995, 1, 1), date(2025, 12, 31)),
    "purchase_cost": st.integers(0, 99_999_999).map(lambda n: Decimal(n) / 100),
})


def render_number(draw, value) -> str:
    text = draw(st.sampled_from(["{:,}", "{}"])).format(value)
    return thai_digits(text) if draw(st.booleans()) else text


def render_date(draw, d: date) -> str:
    be = d.year + 543
    shapes = [f"{d.day}/{d.month}/{be}", f"{d.day:02d}/{d.month:02d}/{be}", f"{be}-{d.month:02d}-{d.day:02d}",
              f"{d.day} {MONTHS[d.month - 1]} {be}", f"{d.day} {MONTHS_LONG[d.month - 1]} {be}",
              f"{d.day} {MONTHS[d.month - 1]} {be % 100:02d}", d.isoformat()]
    text = draw(st.sampled_from(shapes))
    return thai_digits(text) if draw(st.booleans()) else text


def render_coordinate(draw, value: Decimal, hemisphere: str) -> str:
    if draw(st.booleans()):
        deg = int(value)
        minutes = int((value - deg) * 60)
        seconds = (value - deg - Decimal(minutes) / 60) * 3600
        text = f"{deg}°{minutes}'{seconds:.4f}\"{hemisphere}"
    else:
        text = f"{value}"
    return thai_digits(text) if draw(st.booleans()) else text


def render_choice(draw, key: str, value: str) -> str:
    col = BY_KEY[key]
    label = dict(col.choices.choices)[value]
    options = [value, *col.synonyms.get(value, ())]
    for lang in ("th", "en"):
        with translation.override(lang):
            options.append(str(label))
    options = [o for o in options if _means(key, o) == value]
    return draw(st.sampled_from(options))


def _means(key: str, word: str) -> str | None:
    from safetyzone.census.columns import value_index, value_key

    return value_index(key).get(value_key(word))


def far_apart(cams) -> bool:
    """No two cameras within ~10 m (they would be duplicates of the same point)."""
    return all(abs(a["lat"] - b["lat"]) > Decimal("0.0001") or abs(a["lon"] - b["lon"]) > Decimal("0.0001")
               for i, a in enumerate(cams) for b in cams[i + 1:])


@st.composite
def files(draw):
    cams = draw(st.lists(cameras, min_size=1, max_size=6).filter(far_apart))
    lang = draw(st.sampled_from(["th", "en"]))
    rows = []
    for i, cam in enumerate(cams):
        row = {"asset_code": f"P-{i}", "site_name": cam["site_name"], "area_code": "150101",
               "lat": render_coordinate(draw, cam["lat"], "N"), "lon": render_coordinate(draw, cam["lon"], "E"),
               "night_vision": draw(st.sampled_from(["มี", "yes", "ได้"] if cam["night_vision"] else ["ไม่มี", "no"])),
               "installed_on": render_date(draw, cam["installed_on"]),
               "purchase_cost": render_number(draw, cam["purchase_cost"])}
        row.update({k: render_choice(draw, k, cam[k]) for k in CHOICE_KEYS})
        row.update({k: render_number(draw, cam[k]) for k in INT_KEYS})
        rows.append({(BY_KEY[k].th if lang == "th" else BY_KEY[k].en): v for k, v in row.items()})
    return cams, rows, draw(st.sampled_from(["csv", "xlsx"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=files())
def test_rendered_cameras_import_as_themselves(data, town_editor, town, tmp_path):
    cams, rows, kind = data
    path = tmp_path / f"p.{kind}"
    (write_csv if kind == "csv" else write_xlsx)(path, rows)
    with transaction.atomic():
        result = run_import(town_editor, town, path)
        assert result.error_rows == 0, [(p.row, p.column, p.value, p.message_en) for p in result.problems]
        assert result.created == len(cams)
        for i, cam in enumerate(cams):
            stored = Camera.objects.select_related("site").get(asset_code=f"P-{i}")
            assert stored.site.name == cam["site_name"]
            for key, value in cam.items():
                if key != "site_name":
                    assert getattr(stored, key) == value, (key, rows[i])
        transaction.set_rollback(True)
