"""A coordinator logs in with 2FA, uploads a roster with a bad row, fixes it,
imports it and sees the members."""

from __future__ import annotations

from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from ledenpanel.organisations.models import Member, RoleKind, UnitKind
from tests.factories import PASSWORD, RoleFactory, UnitFactory, UserFactory, totp_device_for

HEADER = "Lidnummer;Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Afdeling;Postcode;Geboortedatum"
GOOD_ROWS = [
    "0001001;Renée;van der;Berg;renee@example.nl;UTR;3511 AB;14-02-1961",
    "0001002;Çağrı;;Öztürk;;UTR;3512 CD;03-07-1990",
]
BAD_ROW = "0001003;Zoë;de;Vries;zoe@example;UTR;3513 EF;31-02-1985"
FIXED_ROW = "0001003;Zoë;de;Vries;zoe@example.nl;UTR;3513 EF;28-02-1985"


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_imports_a_roster_after_fixing_a_bad_row(page, screenshot, tmp_path):
    national = UnitFactory(code="NL", name="Landelijk", kind=UnitKind.LANDELIJK)
    region = UnitFactory(code="GU", name="Gewest Utrecht", kind=UnitKind.GEWEST, parent=national)
    UnitFactory(code="UTR", name="Afdeling Utrecht", kind=UnitKind.AFDELING, parent=region)
    coordinator = UserFactory(email="bureau@example.org", full_name="Partijbureau")
    RoleFactory(user=coordinator, unit=national, kind=RoleKind.COORDINATOR)
    device = totp_device_for(coordinator)

    page.goto("/")
    page.get_by_label("E-mailadres").fill("bureau@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    screenshot("login")
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", name="Tweestapsverificatie")).to_be_visible()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code uit uw authenticator-app").fill(f"{code:06d}")
    screenshot("second-factor")
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", name="Welkom, Partijbureau")).to_be_visible()

    page.get_by_role("link", name="Ledenbestand importeren").click()
    page.get_by_label("Bestand", exact=True).set_input_files(
        str(_write(tmp_path / "leden.csv", [*GOOD_ROWS, BAD_ROW]))
    )
    page.get_by_role("button", name="Controleren").click()
    errors = page.locator("table.errors")
    expect(errors).to_contain_text("4")  # the bad row is line 4 (the header is line 1)
    expect(errors).to_contain_text("E-mailadres")
    expect(errors).to_contain_text("Geboortedatum")
    expect(page.get_by_role("button", name="Import bevestigen")).to_have_count(0)
    screenshot("row-errors")
    assert Member.objects.count() == 0

    page.get_by_label("Bestand", exact=True).set_input_files(
        str(_write(tmp_path / "leden-verbeterd.csv", [*GOOD_ROWS, FIXED_ROW]))
    )
    page.get_by_role("button", name="Controleren").click()
    expect(page.locator('[data-count="created"]')).to_have_text("3")
    screenshot("preview")
    assert Member.objects.count() == 0
    page.get_by_role("button", name="Import bevestigen").click()
    expect(page.get_by_role("heading", name="Import voltooid")).to_be_visible()
    screenshot("imported")
    assert Member.objects.count() == 3

    page.get_by_role("link", name="Eenheden").first.click()
    page.get_by_role("link", name="Afdeling Utrecht").click()
    page.get_by_role("link", name="Leden bekijken").click()
    expect(page.get_by_role("link", name="Renée van der Berg")).to_be_visible()
    expect(page.get_by_role("link", name="Çağrı Öztürk")).to_be_visible()
    expect(page.get_by_text("3 leden")).to_be_visible()
    screenshot("members")
