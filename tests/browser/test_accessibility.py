"""WCAG 2.1 AA on every staff page, at desktop and phone width, with axe-core;
reflow at 320 px (WCAG 1.4.10); and a login with the keyboard alone.

One login per viewport visits every page (a TOTP code cannot be used twice), so
the tour collects every page's findings and fails once, listing all of them.
Screenshots of the phone tour land in var/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import (
    PASSWORD,
)
from tests.support.browser import DESKTOP, PHONE, assert_accessible

HEADER = "Lidnummer;Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Afdeling;Postcode;Geboortedatum"
GOOD_ROW = "0009001;Renée;van der;Berg;renee@example.nl;UTR;3511 AB;14-02-1961"
BAD_ROW = "0009002;Zoë;de;Vries;zoe@example;UTR;3513 EF;31-02-1985"
NARROWEST = {"width": 320, "height": 700}  # WCAG 1.4.10: no sideways scrolling at 320 px


def _roster(path: Path, rows: list[str]) -> str:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return str(path)


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _log_in(page, email: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def _sideways_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_staff_page_meets_wcag_21_aa(page, screenshot, staff_and_members, tmp_path, viewport):
    page.set_viewport_size(viewport)
    failures: list[str] = []

    def check(name: str, heading: str) -> None:
        page.wait_for_load_state()
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        try:
            assert_accessible(page, name=name)
        except AssertionError as error:
            failures.append(str(error))
        if viewport == PHONE:
            screenshot(name)
            page.set_viewport_size(NARROWEST)
            if overflow := _sideways_overflow(page):
                failures.append(f"{name} ({page.url}): {overflow} px sideways scrolling at 320 px")
            page.set_viewport_size(viewport)

    page.goto("/account/login/")
    check("login", "Inloggen")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator(".error-summary")).to_be_focused()  # autofocus, no JavaScript
    expect(page).to_have_title(re.compile(r"^Fout: Inloggen"))
    expect(page.get_by_label("E-mailadres")).to_have_accessible_description(re.compile("verplicht"))
    check("login-errors", "Inloggen")

    _log_in(page, "nieuw@example.org")
    check("totp-setup", "Tweestapsverificatie instellen")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Er ging iets mis")).to_be_visible()
    check("totp-setup-errors", "Tweestapsverificatie instellen")
    page.get_by_role("button", name="Uitloggen").click()

    _log_in(page, "bureau@example.org")
    check("totp-code", "Tweestapsverificatie")
    page.get_by_label("Code uit uw authenticator-app").fill(_code(staff_and_members))
    page.get_by_role("button", name="Controleren").click()
    check("home", "Welkom, Partijbureau")

    page.get_by_role("link", name="Eenheden", exact=True).click()
    check("unit-list", "Eenheden")
    page.get_by_role("link", name="Afdeling Utrecht").click()
    check("unit-detail", "Afdeling Utrecht")
    page.get_by_role("link", name="Bestuur en begeleiding beheren").click()
    check("unit-people", "Bestuur en begeleiding van Afdeling Utrecht")
    page.get_by_role("button", name="Toevoegen").click()
    check("unit-people-errors", "Bestuur en begeleiding van Afdeling Utrecht")
    page.get_by_role("link", name="Terug naar Afdeling Utrecht").click()
    page.get_by_role("link", name="Leden bekijken").click()
    expect(page.get_by_text("60 leden")).to_be_visible()
    check("member-list", "Leden van Afdeling Utrecht")
    page.get_by_role("link", name="Volgende").click()
    expect(page.get_by_text("Pagina 2 van 2")).to_be_visible()
    check("member-list-page-2", "Leden van Afdeling Utrecht")
    page.locator("tbody a").first.click()
    check("member-detail", "")

    page.get_by_role("link", name="Ledenbestand", exact=True).click()
    check("import-members", "Ledenbestand importeren")
    upload = page.get_by_label("Bestand", exact=True)
    upload.set_input_files(_roster(tmp_path / "fout.csv", [GOOD_ROW, BAD_ROW]))
    page.get_by_role("button", name="Controleren").click()
    expect(page.locator("table.errors")).to_be_visible()
    expect(page.locator("#report")).to_be_focused()
    check("import-members-row-errors", "Ledenbestand importeren")
    upload.set_input_files(_roster(tmp_path / "goed.csv", [GOOD_ROW]))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("button", name="Import bevestigen")).to_be_visible()
    check("import-members-preview", "Ledenbestand importeren")

    page.goto("/roster/units/")
    check("import-units", "Eenheden importeren")

    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    check("password-reset", "Wachtwoord vergeten")
    page.goto("/account/password/MQ/no-such-token/")
    check("password-set-invalid-link", "Wachtwoord kiezen")

    assert not failures, "accessibility failures:\n" + "\n".join(failures)


@pytest.mark.django_db(transaction=True)
def test_the_qr_code_for_the_authenticator_app_is_shown(page, staff_and_members):
    _log_in(page, "nieuw@example.org")
    qr = page.get_by_role("img", name="QR-code voor uw authenticator-app", exact=False)
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")


def _tab_to(page, locator, *, limit: int = 15) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{limit} presses of Tab did not reach {locator}")


@pytest.mark.django_db(transaction=True)
def test_login_works_with_the_keyboard_alone(page, staff_and_members):
    page.goto("/account/login/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.keyboard.press("Tab")
    expect(page.get_by_label("E-mailadres")).to_be_focused()
    page.keyboard.type("bureau@example.org")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Wachtwoord")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Inloggen")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Tweestapsverificatie")).to_be_visible()
    _tab_to(page, page.get_by_label("Code uit uw authenticator-app"))
    page.keyboard.type(_code(staff_and_members))
    page.keyboard.press("Enter")  # submits the form from the field
    expect(page.get_by_role("heading", name="Welkom, Partijbureau")).to_be_visible()
