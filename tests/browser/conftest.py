"""Playwright driving Debian's Chromium (never a downloaded browser).

Browser tests are skipped, with the reason, when /usr/bin/chromium is missing;
CI sets LEDENPANEL_REQUIRE_BROWSER=1 so there they fail instead of skipping.

Every page may load only from the live server: any other request is aborted
and fails the test (the site must work offline and make no third-party calls),
and so does anything the Content-Security-Policy refuses (an inline script or
style, say).
`assert_accessible` (in support.py, with the viewports) runs axe-core
(bundled in axe-playwright-python, injected with page.evaluate, so the site's
strict CSP stays on) against WCAG 2.0/2.1 A and AA.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings

from tests.browser.support import DESKTOP, assert_accessible

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        reason = "Chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("LEDENPANEL_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the live server's
    # database calls from the test body are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, settings):
    # The live server speaks plain HTTP.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL", base_url=live_server.url)
    own_origin = urlsplit(live_server.url).netloc
    outside: list[str] = []

    def only_own_origin(route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == own_origin:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", only_own_origin)
    page = context.new_page()
    refused: list[str] = []

    def note_refusal(message) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", note_refusal)
    yield page
    context.close()
    assert not outside, f"requests outside the live server: {outside}"
    assert not refused, f"the CSP refused: {refused}"


@pytest.fixture
def screenshot(page, request) -> Callable[[str], Path]:
    """Save a full-page screenshot under var/screenshots/<test>/<step>.png."""
    folder = Path(django_settings.VAR_DIR) / "screenshots" / request.node.name
    counter = iter(range(1, 100))

    def take(step: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{next(counter):02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture() -> Callable[..., None]:
    return assert_accessible
