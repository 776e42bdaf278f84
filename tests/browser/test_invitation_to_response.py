"""End to end: the board opens a panel, the invitation e-mail arrives at a real
SMTP server, a member follows its link on a phone, stops halfway, resumes and
submits; the board's monitor counts the response. Then a letter code works
the same way, and the monitor leaves that answer for the close. Screenshots
of every step (var/screenshots/<test>/e2e-*.png).

Everything real: the live server sends the mail from its own thread (tasks
run when the transaction commits), the letter is a PDF rendered by
WeasyPrint and its code is read back from the PDF's text.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ledenpanel.invitations.models import Invitation, LetterBatch, LetterState
from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.models import PanelState
from ledenpanel.responses.models import Envelope, Receipt
from tests.builders import (
    Party,
    board_approves,
    two_page_questionnaire,
)
from tests.factories import MemberFactory, RoleFactory, UserFactory, totp_device_for
from tests.support.browser import Shots, assert_accessible, log_in_with_code

CODE = re.compile(r"\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{3})\b")


def _approved_panel(party: Party):
    today = timezone.localdate()
    return board_approves(
        party.panel_a1,
        two_page_questionnaire(),
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )


def _responded(board_page):
    return board_page.locator('[data-count="responded"]')


def _open_via_confirm_page(page, shots: Shots) -> None:
    """The board sees what the run makes (e-mails, letters, postage), then confirms."""
    page.get_by_role("link", name="Ledenpanel openen").click()
    main = page.locator("main")
    expect(main.get_by_role("heading", name="E-mails en brieven")).to_be_visible()
    expect(main.locator("dd").filter(has_text="€ 1,14")).to_be_visible()  # one letter's postage
    shots(page, "e2e-01-confirm")
    page.get_by_role("button", name="Ja, open het ledenpanel").click()


@pytest.mark.django_db(transaction=True)
def test_a_member_answers_from_the_email_and_a_letter_code_and_the_board_sees_it(
    page, phone, shots, party: Party, smtp_server, live_server, settings
):
    settings.SITE_URL = live_server.url  # links in mails and letters point here
    board = UserFactory(email="bestuur-a1@example.org", full_name="Bea Bestuur")
    RoleFactory(user=board, unit=party.branch_a1, kind=RoleKind.BOARD)
    device = totp_device_for(board)
    letter_member = MemberFactory(
        branch=party.branch_a1,
        email="",
        first_name="Lotte",
        last_name="Briefmans",
        street="Kerkstraat",
        house_number="2",
        postcode="1234AB",
        city="Aa",
    )
    panel = _approved_panel(party)

    # 1. The board opens the panel after seeing the counts and the postage.
    log_in_with_code(page, board, device)
    page.goto(f"/panels/{panel.public_id}/")
    _open_via_confirm_page(page, shots)
    expect(page.locator(".badge").first).to_have_text("open")
    panel.refresh_from_db()
    assert panel.state == PanelState.OPEN
    shots(page, "e2e-02-opened")

    # 2. The invitation e-mail reaches the SMTP server; its text holds the link.
    [mail] = smtp_server.wait_for(1, timeout=30)
    assert mail["To"] == party.member_a1.email
    text = mail.get_body(preferencelist=("plain",)).get_content()
    link = re.search(rf"{re.escape(live_server.url)}/p/[^/\s]+/", text).group(0)

    # 3. On a phone: page 1, then "later"; the same link resumes with the answer kept.
    phone.goto(link)
    expect(phone.get_by_text("Pagina 1 van 2")).to_be_visible()
    assert_accessible(phone, name="e2e-answer-page-1")
    phone.get_by_label("Mee eens", exact=True).check()
    shots(phone, "e2e-03-phone-page-1")
    phone.get_by_role("button", name="Opslaan en later verder").click()
    expect(
        phone.get_by_role("heading", name="Uw antwoorden tot nu toe zijn bewaard")
    ).to_be_visible()
    assert_accessible(phone, name="e2e-saved")
    shots(phone, "e2e-04-phone-saved")

    phone.goto(link)
    expect(phone.get_by_label("Mee eens", exact=True)).to_be_checked()
    shots(phone, "e2e-05-phone-resumed")
    phone.get_by_role("button", name="Volgende").click()
    expect(phone.get_by_text("Pagina 2 van 2")).to_be_visible()
    phone.get_by_label("Wilt u dit toelichten?").fill("Zo bereiken we meer leden.")
    assert_accessible(phone, name="e2e-answer-page-2")
    shots(phone, "e2e-06-phone-page-2")
    phone.get_by_role("button", name="Antwoorden versturen").click()
    expect(phone.get_by_role("heading", name="Dank u wel voor uw antwoorden")).to_be_visible()
    assert_accessible(phone, name="e2e-thanks")
    shots(phone, "e2e-07-phone-thanks")
    assert Receipt.objects.filter(panel=panel).count() == 1

    # 4. The board's monitor counts one response, and shows no one's.
    page.goto(f"/panels/{panel.public_id}/")
    page.get_by_role("link", name="Voortgang").click()
    expect(_responded(page)).to_contain_text("1 van 1")  # the e-mail invitations
    expect(page.locator("#counted-at-close")).to_contain_text(
        "Het antwoord van het lid met een brief wordt pas bij het sluiten geteld"
    )
    expect(page.locator('[data-count="sent"]')).to_have_text("1")
    rows = page.locator("#deliveries tbody tr")
    expect(rows.filter(has_text="Briefmans")).to_contain_text("klaar om te printen")
    expect(rows.filter(has_text=party.member_a1.last_name)).to_contain_text("verstuurd")
    assert_accessible(page, name="e2e-monitor")
    shots(page, "e2e-08-monitor-one")

    # 5. The letter: its PDF holds the code; the member types it on the phone.
    batch = LetterBatch.objects.get(panel=panel)
    assert batch.state == LetterState.DONE
    from pypdf import PdfReader

    letter_text = "".join(page_.extract_text() for page_ in PdfReader(batch.path).pages)
    assert "Lotte Briefmans" in letter_text
    code = CODE.search(letter_text).group(1)

    phone.goto("/code/")
    phone.get_by_label("Uw code uit de brief").fill(code.lower().replace("-", " "))
    assert_accessible(phone, name="e2e-enter-code")
    shots(phone, "e2e-09-phone-code")
    phone.get_by_label("Uw code uit de brief").press("Enter")
    expect(phone.get_by_text("Pagina 1 van 2")).to_be_visible()
    phone.get_by_label("Mee oneens", exact=True).check()
    phone.get_by_role("button", name="Volgende").click()
    phone.get_by_role("button", name="Antwoorden versturen").click()
    expect(phone.get_by_role("heading", name="Dank u wel voor uw antwoorden")).to_be_visible()
    shots(phone, "e2e-10-phone-letter-thanks")

    # 6. The monitor's live part refreshes by itself (htmx, every 5 s), but a
    # letter answer is counted at close only: the board holds the codes.
    page.wait_for_function("() => window.htmx !== undefined")
    with page.expect_response(lambda response: "/monitor/progress/" in response.url):
        pass
    expect(_responded(page)).to_contain_text("1 van 1")
    shots(page, "e2e-11-monitor-after-letter")
    assert Envelope.objects.filter(panel=panel).count() == 2
    assert Invitation.objects.get(member=letter_member).responded is True
