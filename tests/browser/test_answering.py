"""A member answers on a phone: accessible pages, stop halfway, resume, submit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ledenpanel.responses.models import Envelope
from tests.builders import Party, open_panel_for, secret_for
from tests.support.browser import PHONE, assert_accessible


@pytest.mark.django_db(transaction=True)
def test_a_member_answers_on_a_phone_and_resumes(page, screenshot, party: Party):
    panel = open_panel_for(party)
    link = f"/p/{secret_for(panel, party.member_a1)}/"
    page.set_viewport_size(PHONE)

    page.goto(link)
    expect(page.get_by_text("Pagina 1 van 2")).to_be_visible()
    assert_accessible(page, name="answer-page-1")
    screenshot("page-1")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", name="Er ging iets mis")).to_be_visible()
    assert_accessible(page, name="answer-page-1-error")
    screenshot("page-1-error")
    page.get_by_label("Mee eens", exact=True).check()
    page.get_by_role("button", name="Volgende").click()
    # The next page is the answer to the POST: its title names the new page.
    expect(page).to_have_title(re.compile(r"^Pagina 2 van 2 · "))
    page.get_by_label("Wilt u dit toelichten?").fill("Omdat we zo meer leden bereiken.")
    page.get_by_role("button", name="Opslaan en later verder").click()
    expect(
        page.get_by_role("heading", name="Uw antwoorden tot nu toe zijn bewaard")
    ).to_be_visible()

    page.goto(link)  # later, the same link
    expect(page.get_by_label("Wilt u dit toelichten?")).to_have_value(
        "Omdat we zo meer leden bereiken."
    )
    assert_accessible(page, name="answer-page-2")
    screenshot("page-2-resumed")
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("heading", name="Dank u wel voor uw antwoorden")).to_be_visible()
    screenshot("thanks")
    assert Envelope.objects.count() == 1
