"""Ranking and dividing points with the keyboard only on a phone; the open link and
assisted entry pass axe too; without JavaScript the plain form still works."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store
from ledenpanel.kernel.questionnaire.schema import (
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
)
from ledenpanel.organisations.models import Member
from ledenpanel.responses.models import Envelope
from tests.builders import Party, open_link_panel, open_panel_for, secret_for, verified_client
from tests.support.browser import PHONE, assert_accessible

CHOICES = [Option("wonen", "Wonen"), Option("zorg", "Zorg"), Option("klimaat", "Klimaat")]


def widget_questionnaire() -> Questionnaire:
    return Questionnaire(
        sections=[
            Section(
                "prioriteiten",
                "Prioriteiten",
                [
                    Question(
                        "rangorde",
                        QuestionType.RANKING,
                        "Wat moet de afdeling het eerst aanpakken?",
                        options=list(CHOICES),
                    ),
                    Question(
                        "punten",
                        QuestionType.POINTS,
                        "Hoe verdeelt u het budget?",
                        options=list(CHOICES),
                        points_total=10,
                    ),
                ],
            )
        ]
    )


def with_widgets(panel):
    version = panel.approved_version
    version.definition = widget_questionnaire().to_dict()
    version.save(update_fields=["definition"])
    return panel


def tab_to(page, locator, *, limit: int = 80) -> None:
    """Press Tab until ``locator`` has the focus: proves it is reachable by keyboard."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"never reached by Tab: {locator}")


def opened_answers(panel) -> dict:
    keys = key_store().read(str(panel.public_id))
    (envelope,) = Envelope.objects.filter(panel=panel)
    return json.loads(crypto.open_envelope(keys.private_key, bytes(envelope.ciphertext)))


@pytest.mark.django_db(transaction=True)
def test_ranking_and_points_work_with_the_keyboard_on_a_phone(page, screenshot, party: Party):
    panel = with_widgets(open_panel_for(party))
    page.set_viewport_size(PHONE)
    page.goto(f"/p/{secret_for(panel, party.member_a1)}/")

    up_klimaat = page.get_by_role("button", name="Omhoog: Klimaat")
    expect(up_klimaat).to_be_visible()
    tab_to(page, up_klimaat)
    page.keyboard.press("Enter")
    announce = page.locator("[data-widget=ranking] [data-role=announce]")
    expect(announce).to_have_text("‘Klimaat’ staat nu op plaats 2 van 3.")
    expect(up_klimaat).to_be_focused()
    page.keyboard.press("Space")
    expect(announce).to_have_text("‘Klimaat’ staat nu op plaats 1 van 3.")
    page.keyboard.press("Enter")
    expect(announce).to_have_text("‘Klimaat’ staat al bovenaan.")
    labels = page.locator("[data-widget=ranking] .rank-row label")
    expect(labels).to_have_text(["Klimaat", "Wonen", "Zorg"])
    expect(page.get_by_label("Klimaat", exact=True).first).to_have_value("1")

    down_wonen = page.get_by_role("button", name="Omlaag: Wonen")
    tab_to(page, down_wonen)
    page.keyboard.press("Enter")
    expect(announce).to_have_text("‘Wonen’ staat nu op plaats 3 van 3.")
    expect(labels).to_have_text(["Klimaat", "Zorg", "Wonen"])

    left = page.locator("[data-widget=points] [data-role=points-left]")
    expect(left).to_have_text("Nog te verdelen: 10")
    points = page.locator("[data-widget=points] input[type=number]")
    tab_to(page, points.nth(0))
    page.keyboard.type("5")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    expect(left).to_have_text("Nog te verdelen: 2")
    page.keyboard.press("Tab")
    page.keyboard.type("4")
    expect(left).to_have_text("2 punten te veel verdeeld")
    page.keyboard.press("Backspace")
    page.keyboard.type("2")
    expect(left).to_have_text("Nog te verdelen: 0. Alle punten zijn verdeeld.")
    expect(left).to_have_attribute("role", "status")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways at 390 px ({width} px)"
    assert_accessible(page, name="answer-widgets")
    screenshot("widgets-used")

    tab_to(page, page.get_by_role("button", name="Antwoorden versturen"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Dank u wel voor uw antwoorden")).to_be_visible()
    answers = opened_answers(panel)["answers"]
    assert answers["rangorde"] == {"klimaat": 1, "zorg": 2, "wonen": 3}
    assert answers["punten"] == {"wonen": 5, "zorg": 3, "klimaat": 2}


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_plain_form_still_works(browser, live_server, settings, party):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    panel = with_widgets(open_panel_for(party))
    context = browser.new_context(
        java_script_enabled=False, viewport=PHONE, locale="nl-NL", base_url=live_server.url
    )
    page = context.new_page()
    try:
        page.goto(f"/p/{secret_for(panel, party.member_a1)}/")
        expect(page.get_by_role("button", name=re.compile("^Omhoog"))).to_have_count(0)
        for position, label in enumerate(["Zorg", "Klimaat", "Wonen"], start=1):
            page.locator(".rank-row", has_text=label).locator("select").select_option(str(position))
        for label, value in [("Wonen", "4"), ("Zorg", "4"), ("Klimaat", "2")]:
            page.locator("[data-widget=points] .rank-row", has_text=label).locator("input").fill(
                value
            )
        page.get_by_role("button", name="Antwoorden versturen").click()
        expect(page.get_by_role("heading", name="Dank u wel voor uw antwoorden")).to_be_visible()
    finally:
        context.close()
    assert opened_answers(panel)["answers"]["rangorde"] == {"zorg": 1, "klimaat": 2, "wonen": 3}


@pytest.mark.django_db(transaction=True)
def test_the_open_link_page_passes_axe_with_its_honeypot(page, screenshot, party: Party):
    panel = open_link_panel(party)
    page.set_viewport_size(PHONE)
    page.goto(f"/o/{panel.open_slug}/")
    expect(page.get_by_text("Dit is de open versie van dit ledenpanel.")).to_be_visible()
    honeypot = page.locator("input[name=website]")
    expect(honeypot).not_to_be_in_viewport()
    # Tabbing through the whole page never lands on the honeypot.
    for _ in range(30):
        page.keyboard.press("Tab")
        assert not honeypot.evaluate("element => element === document.activeElement")
    assert_accessible(page, name="open-link")
    screenshot("open-link")


@pytest.mark.django_db(transaction=True)
def test_a_volunteer_enters_a_code_with_the_keyboard(
    page, screenshot, live_server, party: Party, board_a1
):
    panel = open_panel_for(party)
    code = secret_for(panel, Member.objects.get(last_name="Briefmans"))
    staff: Client = verified_client(board_a1)
    # Logged in with password and second factor (as the staff tests do).
    session = staff.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page.set_viewport_size(PHONE)
    page.goto(f"/panels/{panel.public_id}/assisted/")
    assert_accessible(page, name="assisted-start")
    screenshot("assisted-start")
    field = page.get_by_label("Code of link van het lid")
    tab_to(page, field)
    page.keyboard.type(crypto.format_code(code))
    page.keyboard.press("Enter")
    expect(page.get_by_text("U vult in namens een lid.")).to_be_visible()
    assert_accessible(page, name="assisted-answer")
    screenshot("assisted-answer")
