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


# Leaflet keeps its maps in closures; this init script (run before any page script) registers
# every map Leaflet creates through its public plugin hook, so a test can ask where a camera is
# drawn and which layers are on the map, as a user would see them.
REMEMBER_LEAFLET_MAPS = """
(() => {
  let leaflet;
  Object.defineProperty(window, "L", {
    configurable: true,
    get() { return leaflet; },
    set(value) {
      leaflet = value;
      if (value && value.Map && !value.__testHooked) {
        value.__testHooked = true;
        value.Map.addInitHook(function () {
          (window.__testMaps = window.__testMaps || []).push(this);
        });
      }
    },
  });
})();
"""


# Runs in the page: what the first Leaflet map draws. Single cameras (canvas or SVG dots) with
# their place on the screen, and cluster markers with the number on their label.
MAP_LAYERS_JS = """() => {
  const map = (window.__testMaps || [])[0];
  const out = {points: [], clusters: []};
  if (!map) return out;
  const size = map.getSize();
  map.eachLayer((layer) => {
    if (layer instanceof L.CircleMarker) {
      const at = layer.getLatLng();
      const p = map.latLngToContainerPoint(at);
      const inside = p.x > 10 && p.y > 10 && p.x < size.x - 10 && p.y < size.y - 10;
      out.points.push({lat: at.lat, lon: at.lng, x: p.x, y: p.y, inside: inside});
    } else if (layer instanceof L.Marker && layer.getElement()) {
      const text = layer.getElement().textContent
        .replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - 0x0E50))
        .replace(/[^0-9]/g, "");
      out.clusters.push(Number(text));
    }
  });
  return out;
}"""


def map_layers(page: Page) -> dict:
    """{"points": [{lat, lon, x, y, inside}], "clusters": [count, ...]} of the page's map."""
    return page.evaluate(MAP_LAYERS_JS)


def wait_for_map(page: Page, condition: str) -> dict:
    """Wait until the map's layers satisfy a JS condition on `layers`, e.g.
    "layers.points.length > 0"; return the layers."""
    page.wait_for_function(f"() => {{ const layers = ({MAP_LAYERS_JS})(); return {condition}; }}")
    return map_layers(page)
