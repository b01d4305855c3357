"""A test run writes its runtime files (secret key, static and media roots) outside the checkout,
wherever pytest is started from (tests/settings.py)."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_runtime_files_of_a_test_run_live_outside_the_checkout(settings):
    for path in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        assert not Path(path).resolve().is_relative_to(REPO), path
        assert Path(path).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve().parent)
    assert (Path(settings.MEDIA_ROOT).parent / "secret_key").exists()  # the generated key went there too
