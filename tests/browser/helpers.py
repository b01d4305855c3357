"""Helpers shared by the browser tests: how Chromium is launched, logging in like a user,
and collecting what the browser reports as errors."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FAILURES = Path("/tmp/browser-failures")
PASSWORD = "pass-12345"  # tests/factories.py UserFactory password

# Marks for every test module here: a browser test, with committed data the live server can see
# (conftest.py reloads the Thai areas that each test's flush removes).
BROWSER_TEST = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class ConsoleWatch:
    """JavaScript errors, console.error messages and failed requests seen by a page."""

    def __init__(self, page: Page):
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught: {exc}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _console(self, msg):
        # Chromium asks every site for /favicon.ico; a missing tab icon is not a broken page.
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(f"console.error at {msg.location.get('url')}: {msg.text}")

    def _request_failed(self, request):
        # Navigating away aborts pending requests; that is not an error a user sees.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 500:
            self.errors.append(f"HTTP {response.status} for {response.url}")


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form, as a user would, and land on the camera list."""
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert "/accounts/login/" not in page.url, "login failed: still on the login page"


def assert_no_browser_errors(page: Page) -> None:
    assert page.console_errors == [], "the browser reported errors:\n" + "\n".join(page.console_errors)
