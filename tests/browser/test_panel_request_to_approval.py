"""A member group requests a panel; the board approves it, builds the
questionnaire from a template, sees guideline warnings; the coach comments;
the board revises and approves. Screenshots of each step."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ledenpanel.organisations.models import RoleKind, UnitKind
from ledenpanel.panels.models import Panel, PanelState, UnitPanelSettings
from tests.factories import RoleFactory, UnitFactory, UserFactory, totp_device_for
from tests.support.browser import log_in_with_code


def _log_out(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


@pytest.mark.django_db(transaction=True)
def test_a_member_request_becomes_an_approved_questionnaire(page, screenshot, smtp_server):
    national = UnitFactory(code="NL", name="Landelijk", kind=UnitKind.LANDELIJK)
    region = UnitFactory(code="GU", name="Gewest Utrecht", kind=UnitKind.GEWEST, parent=national)
    branch = UnitFactory(code="UTR", name="Afdeling Utrecht", kind=UnitKind.AFDELING, parent=region)
    UnitPanelSettings.objects.create(unit=branch, coach_review_required=True)
    board = UserFactory(email="bestuur@example.org", full_name="Bea Bestuur")
    RoleFactory(user=board, unit=branch, kind=RoleKind.BOARD)
    coach = UserFactory(email="coach@example.org", full_name="Cas Coach")
    RoleFactory(user=coach, unit=region, kind=RoleKind.COACH)
    board_device, coach_device = totp_device_for(board), totp_device_for(coach)

    # 1. Members ask for a panel, without an account.
    page.goto("/request/")
    page.get_by_label("Aan het bestuur van").select_option(label="Afdeling Utrecht (UTR)")
    page.get_by_label("Onderwerp").fill("Input voor het verkiezingsprogramma")
    page.get_by_label("Waarom een ledenpanel?").fill("Wij willen dat alle leden meepraten.")
    page.get_by_label("een groep leden").check()
    page.get_by_label("Namen van de aanvragers").fill("Noor El Amrani en 14 andere leden")
    page.get_by_label("E-mailadres voor het antwoord").fill("noor@example.org")
    screenshot("request-form")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_role("heading", name="Aanvraag verstuurd")).to_be_visible()

    # 2. The board decides against its criteria; the requesters hear why.
    log_in_with_code(page, board, board_device)
    page.goto("/requests/")
    page.get_by_role("link", name="Input voor het verkiezingsprogramma").click()
    page.get_by_label("Het onderwerp hoort bij de taken van deze eenheid.").check()
    page.get_by_label("Toekennen").check()
    page.get_by_label("Toelichting voor de aanvragers").fill(
        "Past precies bij de programmacommissie."
    )
    screenshot("request-decision")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd")).to_be_visible()
    [decision] = smtp_server.wait_for(1)
    assert decision["To"] == "noor@example.org"

    # 3. The approved request is a draft panel; the board starts from a template.
    page.get_by_role("link", name="Naar het ledenpanel").click()
    expect(page.locator(".status-line")).to_contain_text("aangevraagd door Noor El Amrani")
    page.get_by_role("link", name="Vragenlijst").first.click()
    page.get_by_role("link", name="Sjablonen").first.click()
    page.get_by_role("button", name="Gebruik ‘Input voor het verkiezingsprogramma’").click()
    expect(page.locator("#q-rangorde .q-label")).to_contain_text("Zet deze onderwerpen op volgorde")

    # 4. A question of its own shows guideline warnings as the board writes it.
    page.get_by_role("link", name="Vraag toevoegen").click()
    page.get_by_role("link", name="Stelling (eens–oneens)").click()
    page.wait_for_function("() => window.htmx !== undefined")
    page.get_by_label("Vraag of stelling").fill(
        "Vindt u ook niet dat de gemeente altijd meer moet doen voor iedereen?"
    )
    page.get_by_label("Waarom stellen we deze vraag?").fill("Voor het hoofdstuk over de gemeente.")
    expect(page.locator("#findings .finding").first).to_be_visible(timeout=15_000)  # via htmx
    screenshot("guideline-warnings")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#q-vindt_u_ook_niet .finding").first).to_be_visible()
    page.goto(page.url.split("#")[0].replace("/questions/", "/"))
    page.get_by_role("button", name="Voorleggen aan de begeleider").click()
    _log_out(page)

    # 5. The coach comments on that question.
    log_in_with_code(page, coach, coach_device)
    panel = Panel.objects.get()
    page.goto(f"/panels/{panel.public_id}/questions/")
    page.get_by_label("Opmerking bij deze vraag").last.fill(
        "Dit is sturend en vraagt twee dingen. Vraag naar één keuze."
    )
    page.get_by_role("button", name="Opmerking plaatsen").last.click()
    screenshot("coach-comment")
    _log_out(page)

    # 6. The board revises the question; the coach signs off; the board approves.
    log_in_with_code(page, board, board_device)
    page.goto(f"/panels/{panel.public_id}/questions/")
    page.locator("#q-vindt_u_ook_niet").get_by_role("link", name=re.compile("Bewerken")).click()
    page.get_by_label("Vraag of stelling").fill(
        "De gemeente moet meer geld uitgeven aan buurthuizen, "
        "ook als de lokale belastingen daardoor stijgen."
    )
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#q-vindt_u_ook_niet .finding")).to_have_count(0)
    screenshot("revised")
    _log_out(page)

    log_in_with_code(page, coach, coach_device)
    page.goto(f"/panels/{panel.public_id}/")
    page.get_by_role("button", name="Beoordeling afronden").click()
    _log_out(page)

    log_in_with_code(page, board, board_device)
    page.goto(f"/panels/{panel.public_id}/")
    page.get_by_role("button", name="Vragenlijst goedkeuren").click()
    expect(page.locator(".badge")).to_have_text("goedgekeurd")
    screenshot("approved")
    panel.refresh_from_db()
    assert panel.state == PanelState.APPROVED
    assert panel.approved_version is not None
