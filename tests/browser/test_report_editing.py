"""The coach edits the drafted discussion points in the browser; the board marks
the report final; the report prints the coach's words. Screenshots of each step."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.models import PanelState
from ledenpanel.results.models import ReportVersion
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
from tests.support.browser import assert_accessible, log_in_with_code


@pytest.mark.django_db(transaction=True)
def test_the_coach_edits_a_point_and_the_board_marks_the_report_final(
    page, screenshot, party: Party
):
    panel = board_closes(open_panel_for(party))
    store_analysis(panel, {**engine_result(30), "discussion_points": DRAFTED_POINTS})
    coach = staff_with_role(party.region_1, RoleKind.COACH, "coach@example.org")
    board = unit_board(party.branch_a1)
    editor = f"/panels/{panel.public_id}/verslag/"

    # 1. The coach rewrites the second point and moves it to the top.
    log_in_with_code(page, coach, totp_device_for(coach))
    page.goto(editor)
    expect(page.get_by_role("heading", name="Gespreksonderwerpen")).to_be_visible()
    page.get_by_text("Punt 2 bewerken").click()
    point = page.locator("#point-1")
    point.get_by_label("Kop").fill("Wonen verdeelt de afdeling")
    point.get_by_label("Toelichting").fill("Bespreken op de ledenvergadering.")
    screenshot("coach-edits")
    point.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het punt is opgeslagen.")).to_be_visible()
    page.get_by_role("button", name="Punt 2 omhoog").click()
    expect(page.locator("#point-0 h3")).to_have_text("Wonen verdeelt de afdeling")
    page.get_by_label("Commentaar bij het verslag").fill("Een goede opkomst.")
    page.get_by_role("button", name="Commentaar opslaan").click()
    expect(page.locator("#report-versions tbody tr")).to_have_count(3)
    assert_accessible(page, name="report-editor")
    screenshot("coach-done")
    page.get_by_role("button", name="Uitloggen").click()

    # 2. The board reads the versions and marks the report final.
    log_in_with_code(page, board, totp_device_for(board))
    page.goto(editor)
    expect(page.locator("#report-versions")).to_contain_text(coach.full_name)
    page.get_by_role("button", name="Verslag definitief maken").click()
    expect(page.locator(".status-line")).to_contain_text("gerapporteerd")
    page.goto(editor)
    expect(page.locator("#report-final")).to_contain_text("Versie 3 is definitief")
    expect(page.get_by_role("button", name="Opslaan")).to_have_count(0)
    screenshot("board-final")

    # 3. The report prints the coach's words with the engine's figures.
    page.goto(f"/panels/{panel.public_id}/analyse/")
    # The summary names the point (a link to it) and the discussion points print it.
    expect(page.get_by_role("link", name="Wonen verdeelt de afdeling")).to_be_visible()
    expect(page.locator("ol.points")).to_contain_text("Wonen verdeelt de afdeling")
    panel.refresh_from_db()
    assert panel.state == PanelState.REPORTED
    assert ReportVersion.objects.get(panel=panel, final_at__isnull=False).number == 3
