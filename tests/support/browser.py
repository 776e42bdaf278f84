"""What the browser tests share besides fixtures: viewports, numbered screenshots
and the accessibility check."""

from __future__ import annotations

from pathlib import Path

from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class Shots:
    """Numbered full-page screenshots of any page, in one folder per test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __call__(self, page, name: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)


# WCAG 2.0 and 2.1, levels A and AA. Every violation fails, whatever its impact:
# axe's "moderate" and "minor" findings under these tags are still WCAG failures,
# and all our pages pass them. Best practices (tag "best-practice") are not run.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """Run axe-core in the page (offline: the script ships in the wheel)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
        lines.append(
            f"- {violation['id']} [{violation['impact']}] {violation['help']}: "
            f"{', '.join(targets[:3])}{more}"
        )
    return "\n".join(lines)


def assert_accessible(page, *, name: str) -> None:
    """Fail with every WCAG 2.1 A/AA violation axe finds on the current page."""
    violations = axe_violations(page)
    size = page.viewport_size or {}
    where = f"{name} at {size.get('width')}x{size.get('height')} ({page.url})"
    if violations:
        raise AssertionError(
            f"accessibility violations on {where}:\n{format_violations(violations)}"
        )


def log_in_with_code(page, user, device) -> None:
    """Log a staff member in with password and authenticator code.

    Each login stands for another day: django-otp refuses a code twice
    (replay protection), so the device forgets the last step it accepted.
    """
    type(device).objects.filter(pk=device.pk).update(last_t=-1)
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code uit uw authenticator-app").fill(f"{code:06d}")
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
