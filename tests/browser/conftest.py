"""Playwright driving Debian's Chromium (never a downloaded browser).

Browser tests are skipped, with the reason, when /usr/bin/chromium is missing;
CI sets LEDENPANEL_REQUIRE_BROWSER=1 so there they fail instead of skipping.

Every page may load only from the live server: any other request is aborted
and fails the test (the site must work offline and make no third-party calls),
and so does anything the Content-Security-Policy refuses (an inline script or
style, say).
`assert_accessible` (in tests/support/browser.py, with the viewports) runs axe-core
(bundled in axe-playwright-python, injected with page.evaluate, so the site's
strict CSP stays on) against WCAG 2.0/2.1 A and AA.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings

from ledenpanel.organisations.models import RoleKind, UnitKind
from tests.factories import MemberFactory, RoleFactory, UnitFactory, UserFactory, totp_device_for
from tests.support.browser import DESKTOP, PHONE, Shots, assert_accessible

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


@contextmanager
def _guarded_page(browser, live_server, viewport: dict[str, int]) -> Iterator[object]:
    """A page that may load only from the live server, and whose CSP refuses nothing.

    Any other request is aborted and, like anything the CSP refuses, fails the
    test when the page closes.
    """
    context = browser.new_context(viewport=viewport, locale="nl-NL", base_url=live_server.url)
    own_origin = urlsplit(live_server.url).netloc
    outside: list[str] = []
    refused: list[str] = []

    def only_own_origin(route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == own_origin:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    def note_refusal(message) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    context.route("**/*", only_own_origin)
    page = context.new_page()
    page.on("console", note_refusal)
    yield page
    context.close()
    assert not outside, f"requests outside the live server: {outside}"
    assert not refused, f"the CSP refused: {refused}"


@pytest.fixture
def page(browser, live_server, settings):
    # The live server speaks plain HTTP.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    with _guarded_page(browser, live_server, DESKTOP) as page:
        yield page


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


@pytest.fixture
def shots(request) -> Shots:
    """Screenshots named by the test, under var/screenshots/<test>/<name>.png."""
    return Shots(Path(django_settings.VAR_DIR) / "screenshots" / request.node.name)


@pytest.fixture
def phone(browser, live_server) -> Iterator[object]:
    """A second browser, phone-sized, with the same offline and CSP checks."""
    with _guarded_page(browser, live_server, PHONE) as page:
        yield page


@pytest.fixture
def staff_and_members(db):
    """A national, regional and branch unit; 60 members in the branch; a coordinator
    (whose TOTP device is returned) and a new board member of the branch."""
    national = UnitFactory(code="NL", name="Landelijk", kind=UnitKind.LANDELIJK)
    region = UnitFactory(code="GU", name="Gewest Utrecht", kind=UnitKind.GEWEST, parent=national)
    branch = UnitFactory(code="UTR", name="Afdeling Utrecht", kind=UnitKind.AFDELING, parent=region)
    MemberFactory.create_batch(60, branch=branch)  # two pages of members
    coordinator = UserFactory(email="bureau@example.org", full_name="Partijbureau")
    RoleFactory(user=coordinator, unit=national, kind=RoleKind.COORDINATOR)
    newcomer = UserFactory(email="nieuw@example.org", full_name="Nieuw Bestuurslid")
    RoleFactory(user=newcomer, unit=branch, kind=RoleKind.BOARD)
    return totp_device_for(coordinator)
