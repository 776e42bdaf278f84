"""The coach edits the drafted discussion points; the board marks the report final.

Every edit is a new ``ReportVersion`` with its author; the report page prints
the edited words with the engine's figures; once final, nothing changes.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.models import PanelState
from ledenpanel.panels.services import PanelError, panel_transition
from ledenpanel.results.models import ReportVersion
from tests.builders import (
    Party,
    board_closes,
    open_panel_for,
    staff_with_role,
    unit_board,
    verified_client,
)


def _edit_url(panel) -> str:
    return reverse("results:report_edit", args=[panel.public_id])


def _post(client, panel, **data):
    return client.post(_edit_url(panel), data, follow=True)


def test_the_coach_rewrites_a_point_and_the_report_prints_it(closed_with_points, coach_a1):
    panel = closed_with_points
    coach = verified_client(coach_a1)

    page = _post(
        coach,
        panel,
        action="save",
        index="1",
        **{"p1-title": "Wonen verdeelt de afdeling", "p1-text": "Bespreken in de ALV."},
    ).content.decode()

    assert "Het punt is opgeslagen." in page
    [version] = ReportVersion.objects.filter(panel=panel)
    assert (version.number, version.author, version.change) == (1, coach_a1, "edit:2")
    edited = version.points[1]
    assert edited["title"] == "Wonen verdeelt de afdeling"
    assert edited["text"] == "Bespreken in de ALV."
    assert "code" not in edited  # printed as written, in every language
    assert edited["evidence"] == {"agree": 0.4, "disagree": 0.45, "n": 40}  # figures stay
    assert version.points[0]["code"] == "majority_agree"  # the other point is untouched
    report = coach.get(reverse("results:analysis", args=[panel.public_id])).content.decode()
    assert "Wonen verdeelt de afdeling" in report
    assert "Verdeeld: 40 % eens" not in report


def test_every_edit_is_a_version_with_its_author(closed_with_points, coach_a1):
    panel = closed_with_points
    coach = verified_client(coach_a1)

    _post(coach, panel, action="add", **{"new-title": "Eigen punt", "new-text": ""})
    _post(coach, panel, action="up", index="2")
    _post(coach, panel, action="remove", index="0")
    _post(coach, panel, action="commentary", commentary="Een rustige panelronde.")
    page = coach.get(_edit_url(panel)).content.decode()

    versions = list(ReportVersion.objects.filter(panel=panel).order_by("number"))
    assert [v.change for v in versions] == ["add", "up:3", "remove:1", "commentary"]
    assert {v.author for v in versions} == {coach_a1}
    latest = versions[-1]
    assert [p["title"] for p in latest.points] == [
        "Eigen punt",
        "Verdeeld: 40 % eens en 45 % oneens over “Wonen”",
    ]
    assert latest.commentary == "Een rustige panelronde."
    assert "punt 3 omhoog" in page
    assert "commentaar bewerkt" in page


def test_bad_input_saves_nothing_and_says_why(closed_with_points, coach_a1):
    panel = closed_with_points
    coach = verified_client(coach_a1)

    empty = _post(coach, panel, action="save", index="0", **{"p0-title": " ", "p0-text": ""})
    garbled = _post(coach, panel, action="remove", index="x")
    gone = _post(coach, panel, action="down", index="1")

    assert "Dit veld is verplicht." in empty.content.decode()
    assert "Dit punt bestaat niet (meer)" in garbled.content.decode()
    assert "staat al bovenaan of onderaan" in gone.content.decode()
    assert not ReportVersion.objects.filter(panel=panel).exists()


def test_where_a_coach_serves_the_board_reads_but_does_not_edit(
    closed_with_points, coach_a1, party: Party
):
    panel = closed_with_points
    board = verified_client(unit_board(party.branch_a1))

    page = board.get(_edit_url(panel)).content.decode()
    refused = board.post(_edit_url(panel), {"action": "remove", "index": "0"})

    assert 'name="action" value="remove"' not in page
    assert refused.status_code == 403
    assert not ReportVersion.objects.filter(panel=panel).exists()


def test_without_a_coach_the_board_edits(closed_with_points, party: Party):
    panel = closed_with_points
    board_member = unit_board(party.branch_a1)

    _post(verified_client(board_member), panel, action="remove", index="0")

    assert ReportVersion.objects.get(panel=panel).author == board_member


@pytest.mark.parametrize("who", ["coordinator", "board_other", "coach_other"])
def test_no_one_else_edits(closed_with_points, coach_a1, party: Party, who):
    user = {
        "coordinator": lambda: staff_with_role(party.national, RoleKind.COORDINATOR, "c@x.org"),
        "board_other": lambda: staff_with_role(party.branch_b1, RoleKind.BOARD, "b@x.org"),
        "coach_other": lambda: staff_with_role(party.region_2, RoleKind.COACH, "g2@x.org"),
    }[who]()

    response = verified_client(user).post(
        _edit_url(closed_with_points), {"action": "remove", "index": "0"}
    )

    assert response.status_code in {403, 404}
    assert not ReportVersion.objects.exists()


def test_the_board_marks_the_latest_version_final_and_then_nothing_changes(
    closed_with_points, coach_a1, party: Party
):
    panel = closed_with_points
    coach = verified_client(coach_a1)
    _post(coach, panel, action="commentary", commentary="Concept.")
    board = verified_client(unit_board(party.branch_a1))

    board.post(reverse("panels:transition", args=[panel.public_id, Action.MARK_REPORTED]))
    after = _post(coach, panel, action="commentary", commentary="Nog iets.")

    panel.refresh_from_db()
    assert panel.state == PanelState.REPORTED
    [version] = ReportVersion.objects.filter(panel=panel)
    assert version.final_at is not None
    assert version.commentary == "Concept."
    assert "kan alleen worden bewerkt" in after.content.decode()
    page = coach.get(_edit_url(panel)).content.decode()
    assert 'id="report-final"' in page
    assert 'name="action"' not in page


def test_marking_final_without_edits_keeps_the_drafted_text(closed_with_points, party: Party):
    panel = closed_with_points

    panel_transition(panel=panel, action=Action.MARK_REPORTED, actor=unit_board(party.branch_a1))

    version = ReportVersion.objects.get(panel=panel)
    assert (version.number, version.change, version.author) == (1, "final_as_drafted", None)
    assert [p["code"] for p in version.points] == ["majority_agree", "divided"]
    assert version.final_at is not None


def test_only_the_board_marks_final(closed_with_points, coach_a1):
    with pytest.raises(PermissionDenied):
        panel_transition(panel=closed_with_points, action=Action.MARK_REPORTED, actor=coach_a1)


def test_a_report_without_an_analysis_cannot_be_final(party: Party):
    panel = board_closes(open_panel_for(party))

    with pytest.raises(PanelError, match="nog geen analyse"):
        panel_transition(
            panel=panel, action=Action.MARK_REPORTED, actor=unit_board(party.branch_a1)
        )
    panel.refresh_from_db()
    assert panel.state == PanelState.CLOSED


def test_the_report_says_who_asked_what_and_why_and_prints_the_editors_words(
    closed_with_points, coach_a1, party: Party
):
    panel = closed_with_points
    panel.purpose = "Wij willen weten of de afdeling een eigen lijst wil."
    panel.results_by = date(2027, 1, 12)
    panel.save(update_fields=["purpose", "results_by"])
    coach = verified_client(coach_a1)
    _post(
        coach,
        panel,
        action="save",
        index="0",
        **{"p0-title": "Een eigen lijst", "p0-text": "Agenderen voor de ALV."},
    )
    _post(coach, panel, action="commentary", commentary="Eerste alinea.\n\nTweede alinea.")

    report = coach.get(reverse("results:analysis", args=[panel.public_id])).content.decode()

    section = report.split('id="wie-vroeg"')[1].split("</section>")[0]
    assert "Het bestuur van Afdeling Aa" in section
    assert "Wij willen weten of de afdeling een eigen lijst wil." in section
    assert coach_a1.full_name in section
    assert "<dt>Uitslag terug bij de leden uiterlijk</dt><dd>12 januari 2027</dd>" in section
    for question in panel.approved_version.definition["sections"][0]["questions"]:
        assert question["label"] in section
    assert "Agenderen voor de ALV." in report
    assert '<p class="commentary">Eerste alinea.</p>' in report
    assert '<p class="commentary">Tweede alinea.</p>' in report
