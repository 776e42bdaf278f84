"""The second half of the cycle in the browser, on the real services and a real SMTP server.

Close → the coach edits → the board marks the report final → publishes → a
member opens the results with the link from the mail → another with the code
from the results letter → the board drafts and publishes its answer per point →
the member sees it next to each point → a late answer shows as late.
Screenshots of every step under var/screenshots/results/.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from ledenpanel.invitations.models import LetterBatch, LetterState, MessageKind
from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.models import Panel, PanelState
from tests.builders import (
    DRAFTED_POINTS,
    Party,
    board_closes,
    engine_result,
    open_panel_for,
    staff_with_role,
    store_analysis,
    unit_board,
)
from tests.factories import totp_device_for
from tests.support.browser import Shots, assert_accessible, log_in_with_code

CODE = re.compile(r"\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{3})\b")
EDITED = "Eigen lijst: de leden willen het"
REASONS = ("Het bestuur neemt dit over.", "Het bestuur wil hier eerst over praten.")


def _results_mail_link(smtp_server, live_server) -> str:
    """The member's own link, from the results mail the SMTP server received."""
    for _attempt in range(3):
        for message in smtp_server.wait_for(2, timeout=30):
            if message["Subject"].startswith("De uitslag van het ledenpanel"):
                text = message.get_body(preferencelist=("plain",)).get_content()
                return re.search(rf"{re.escape(live_server.url)}/p/[^/\s]+/", text).group(0)
    raise AssertionError("no results mail arrived")


def _letter_code(panel: Panel) -> str:
    """The code printed on the results letter, as the board's printer gets it."""
    batch = LetterBatch.objects.get(panel=panel, kind=MessageKind.RESULTS)
    assert batch.state == LetterState.DONE, batch.error
    text = "".join(page.extract_text() for page in PdfReader(batch.path).pages)
    assert "Briefmans" in text
    return CODE.search(text).group(1)


@pytest.mark.django_db(transaction=True)
def test_results_and_the_boards_answer_reach_the_members(
    page, phone, party: Party, smtp_server, live_server, settings
):
    settings.SITE_URL = live_server.url  # links in mails and letters point here
    shots = Shots(Path(django_settings.VAR_DIR) / "screenshots" / "results")
    panel = open_panel_for(party)
    panel.results_by = timezone.localdate() + timedelta(days=14)
    panel.response_by = timezone.localdate() + timedelta(days=28)
    panel.save(update_fields=["results_by", "response_by"])
    board_closes(panel)  # the close and its analysis run on the commit
    store_analysis(panel, {**engine_result(30), "discussion_points": DRAFTED_POINTS})
    coach = staff_with_role(party.region_1, RoleKind.COACH, "coach@example.org")
    board = unit_board(party.branch_a1)
    editor = f"/panels/{panel.public_id}/verslag/"

    # 1. The coach rewrites the first point.
    log_in_with_code(page, coach, totp_device_for(coach))
    page.goto(editor)
    page.get_by_text("Punt 1 bewerken").click()
    page.locator("#point-0").get_by_label("Kop").fill(EDITED)
    page.locator("#point-0").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het punt is opgeslagen.")).to_be_visible()
    shots(page, "01-coach-edited")
    page.get_by_role("button", name="Uitloggen").click()

    # 2. The board marks the report final, looks at the members' page, publishes.
    log_in_with_code(page, board, totp_device_for(board))
    page.goto(editor)
    page.get_by_role("button", name="Verslag definitief maken").click()
    page.goto(editor)
    expect(page.locator("#report-final")).to_be_visible()
    shots(page, "02-board-final")
    page.get_by_role("link", name="Eerst bekijken zoals de leden het zien").click()
    expect(page.get_by_text("Voorbeeld: de uitslag is nog niet gepubliceerd.")).to_be_visible()
    page.goto(editor)
    page.get_by_label(re.compile("Ook tonen op een openbaar adres")).check()
    assert_accessible(page, name="results-publish")
    page.get_by_role("button", name="Uitslag publiceren").click()
    expect(page.locator("#results-published")).to_be_visible()
    shots(page, "03-board-published")

    # 3. A member opens the results on a phone with the link from the mail.
    link = _results_mail_link(smtp_server, live_server)
    phone.goto(link)
    expect(phone.get_by_role("heading", name="De belangrijkste uitkomsten")).to_be_visible()
    expect(phone.locator("#point-1")).to_contain_text(EDITED)
    expect(phone.get_by_text("Het bestuur reageert nog op deze punten.")).to_be_visible()
    assert "/uitslag/" in phone.url
    assert_accessible(phone, name="results-member-link")
    shots(phone, "04-member-link")

    # 4. Another member types the code from the results letter.
    code = _letter_code(panel)
    phone.goto("/code/")
    phone.get_by_label("Uw code uit de brief").fill(code)
    phone.get_by_label("Uw code uit de brief").press("Enter")
    expect(phone.locator("#point-1")).to_contain_text(EDITED)
    shots(phone, "05-member-letter-code")

    # 5. The answer is late: its promised date has passed.
    Panel.objects.filter(pk=panel.pk).update(response_by=timezone.localdate() - timedelta(days=1))
    phone.reload()
    expect(phone.locator("#answer-late")).to_contain_text("Reactie te laat.")
    shots(phone, "06-member-answer-late")

    # 6. The board drafts its answer (the members see nothing yet), then publishes.
    page.goto(f"/panels/{panel.public_id}/reactie/")
    for index, reason in enumerate(REASONS):
        point = page.locator(f"#answer-point-{index + 1}")
        point.get_by_label("Standpunt", exact=True).select_option(["adopt", "discuss"][index])
        point.get_by_label("Uitleg: waarom dit standpunt?").fill(reason)
        point.get_by_label("Volgende stap").fill("Op de ledenvergadering")
    page.get_by_label("Reactie van het bestuur als geheel").fill("Dank aan iedereen.")
    assert_accessible(page, name="results-answer-form")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("De reactie is als concept opgeslagen.")).to_be_visible()
    shots(page, "07-board-draft")
    phone.reload()
    expect(phone.get_by_text(REASONS[0])).to_have_count(0)
    page.get_by_role("button", name="Opslaan en publiceren").click()
    expect(page.locator("#answer-published")).to_be_visible()
    shots(page, "08-board-answer-published")

    # 7. The member sees the answer next to each point, and that it came late.
    phone.reload()
    for index, reason in enumerate(REASONS):
        expect(phone.locator(f"#point-{index + 1}")).to_contain_text(reason)
    expect(phone.locator("#point-1")).to_contain_text("overnemen")
    expect(phone.locator("#promises")).to_contain_text("te laat")
    assert_accessible(phone, name="results-member-answer")
    shots(phone, "09-member-answer")
    panel.refresh_from_db()
    assert panel.state == PanelState.RESPONDED

    # 8. The public address shows the same page to anyone.
    phone.goto(f"/uitslag/openbaar/{panel.public_id}/")
    expect(phone.locator("#point-2")).to_contain_text(REASONS[1])
    shots(phone, "10-public-address")
