"""Real-browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test gets a fresh browser context (no cookies, Thai locale like a user in Thailand) and a
page that records JavaScript errors and failed requests; a test fails if any happened, because
a broken script or a missing asset is something a user notices. When a test fails, a
screenshot and the page HTML are saved to /tmp/browser-failures/.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect, sync_playwright

from tests.browser.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FAILURES,
    REMEMBER_LEAFLET_MAPS,
    ConsoleWatch,
)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an asyncio loop running in the test thread; Django refuses DB
    # access from such a thread unless told it is fine (it is: the tests are synchronous). Only
    # while the browser runs, so the rest of a mixed run keeps Django's check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def thai_areas(committed_areas):
    """The live server needs committed data, so each test ends with a flush of every table,
    which also removes the Thai areas; `committed_areas` loads them again (one bulk insert)
    instead of a slow serialized rollback."""


@pytest.fixture(autouse=True)
def fast_settings(settings):
    """Background jobs (imports) run inside the request, so the test needs no worker; a fast
    password hash keeps logging in from dominating the run time."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def page(request, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="th-TH",
        timezone_id="Asia/Bangkok",
        viewport={"width": 1280, "height": 900},
    )
    context.add_init_script(REMEMBER_LEAFLET_MAPS)
    context.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)
    page = context.new_page()
    watch = ConsoleWatch(page)
    page.console_errors = watch.errors
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        _save_failure(request.node.name, page, watch.errors)
    context.close()
    if failed is not None and failed.passed and watch.errors:
        pytest.fail("the browser reported errors:\n" + "\n".join(watch.errors))


def _save_failure(name: str, page: Page, errors: list[str]) -> None:
    FAILURES.mkdir(parents=True, exist_ok=True)
    stem = FAILURES / re.sub(r"[^\w.-]+", "_", name)
    try:
        page.screenshot(path=f"{stem}.png", full_page=True)
        Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
    except (PlaywrightError, OSError) as exc:  # a crashed page must not hide the test's own failure
        errors.append(f"could not save the page: {exc}")
    Path(f"{stem}.errors.txt").write_text(f"url: {page.url}\n" + "\n".join(errors), encoding="utf-8")
