"""The exports of a closed panel's responses: XLSX, CSV, SPSS .sav and the codebook.

On the real database, through the views: who may download them, what they
hold (opened with openpyxl and pyreadstat), the board's choice to include the
open answers, and the protections: formula injection, scrubbing, and a
group of members who all gave one answer that the export does not point at.
"""

from __future__ import annotations

import io

import openpyxl
import pyreadstat
import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from ledenpanel.closing.models import PanelClosing
from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.models import Panel
from ledenpanel.results.models import ExportChoice
from ledenpanel.results.services import ExportError, export_open_answers_set
from tests.builders import (
    Party,
    every_type_answers,
    every_type_questionnaire,
    staff_with_role,
    use_questionnaire,
    verified_client,
)
from tests.support.exports import INJECTION, closed_with_rows

EXPORTS = (
    "results:responses_xlsx",
    "results:responses_sav",
    "results:responses_csv",
    "results:codebook_csv",
)


def _client(party: Party, who: str) -> Client:
    unit, kind = {
        "board": (party.branch_a1, RoleKind.BOARD),
        "coach": (party.region_1, RoleKind.COACH),
        "coordinator": (party.national, RoleKind.COORDINATOR),
        "other board": (party.branch_b1, RoleKind.BOARD),
    }[who]
    return verified_client(staff_with_role(unit, kind, f"{who.replace(' ', '-')}@example.org"))


def _get(client: Client, name: str, panel: Panel):
    return client.get(reverse(name, args=[panel.public_id]))


def _workbook(response) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _sheet_rows(response) -> tuple[list[str], list[tuple]]:
    sheet = _workbook(response)["antwoorden"]
    header = [cell.value for cell in sheet[1]]
    return header, [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize("who", ["board", "coach", "coordinator"])
def test_it_serves_every_export_to_who_may_read_the_analysis(exported, party: Party, who: str):
    client = _client(party, who)
    for name, filename in zip(
        EXPORTS,
        ("antwoorden.xlsx", "antwoorden.sav", "antwoorden.csv", "codeboek.csv"),
        strict=True,
    ):
        response = _get(client, name, exported)
        assert response.status_code == 200, name
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert filename in disposition
        assert response["Cache-Control"] == "private, no-store"


def test_other_units_and_strangers_get_nothing(exported, party: Party):
    outsider = _client(party, "other board")
    for name in EXPORTS:
        assert _get(outsider, name, exported).status_code == 404
        anonymous = _get(Client(), name, exported)
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith(reverse("accounts:login"))


def test_a_panel_with_fewer_than_k_respondents_has_no_export(party: Party):
    questionnaire = every_type_questionnaire()
    use_questionnaire(party.panel_a1, questionnaire)
    panel = closed_with_rows(
        party.panel_a1, [(every_type_answers(questionnaire, i), {}) for i in range(9)]
    )
    client = _client(party, "board")

    for name in EXPORTS:
        assert _get(client, name, panel).status_code == 404


def test_the_workbook_holds_every_response_and_a_codebook(exported, party: Party):
    response = _get(_client(party, "board"), "results:responses_xlsx", exported)

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, rows = _sheet_rows(response)
    assert len(rows) == 40
    assert header[0] == "vervoer"
    assert "vermogen" in header
    assert header[-1] == "_open"
    codebook = [[c.value for c in row] for row in _workbook(response)["codeboek"].iter_rows()]
    assert any(row[0] == "vermogen" and row[1] for row in codebook)


def test_open_answers_are_out_until_the_board_includes_them_and_then_scrubbed(
    exported, party: Party
):
    board = _client(party, "board")
    header, _rows = _sheet_rows(_get(board, "results:responses_xlsx", exported))
    assert "idee" not in header
    assert "Fatima" not in _get(board, "results:responses_csv", exported).getvalue().decode()

    response = board.post(
        reverse("results:export_open_answers", args=[exported.public_id]), {"include": "1"}
    )
    assert response.status_code == 302
    assert ExportChoice.objects.get(panel=exported).open_answers

    header, rows = _sheet_rows(_get(board, "results:responses_xlsx", exported))
    ideas = [row[header.index("idee")] for row in rows if row[header.index("idee")]]
    assert "Een spreekuur op zaterdag." in ideas
    assert not any("Fatima" in idea or "06-12345678" in idea for idea in ideas)
    assert any("[naam]" in idea and "[telefoonnummer]" in idea for idea in ideas)
    csv = _get(board, "results:responses_csv", exported).getvalue().decode()
    assert "Fatima" not in csv
    assert "Een spreekuur op zaterdag." in csv

    board.post(reverse("results:export_open_answers", args=[exported.public_id]), {"include": "0"})
    header, _rows = _sheet_rows(_get(board, "results:responses_xlsx", exported))
    assert "idee" not in header


def test_only_the_panels_board_includes_open_answers(exported, party: Party):
    for who in ("coach", "coordinator"):
        response = _client(party, who).post(
            reverse("results:export_open_answers", args=[exported.public_id]), {"include": "1"}
        )
        assert response.status_code == 403
    response = _client(party, "other board").post(
        reverse("results:export_open_answers", args=[exported.public_id]), {"include": "1"}
    )
    assert response.status_code == 404
    assert not ExportChoice.objects.filter(panel=exported, open_answers=True).exists()


def test_a_formula_stays_literal_text(exported, party: Party):
    ExportChoice.objects.create(panel=exported, open_answers=True)
    board = _client(party, "board")

    header, _rows = _sheet_rows(_get(board, "results:responses_xlsx", exported))
    sheet = _workbook(_get(board, "results:responses_xlsx", exported))["antwoorden"]
    column = header.index("idee") + 1
    cell = next(
        row[column - 1] for row in sheet.iter_rows(min_row=2) if row[column - 1].value == INJECTION
    )
    assert cell.data_type == "s"
    csv = _get(board, "results:responses_csv", exported).getvalue().decode()
    assert ";'" + INJECTION in csv or "\n'" + INJECTION in csv


def test_the_group_that_all_agreed_is_not_pointed_at(exported, party: Party):
    board = _client(party, "board")

    header, rows = _sheet_rows(_get(board, "results:responses_xlsx", exported))

    # Every woman agreed with "vermogen": with gender in the file, anyone who
    # knows a woman took part would know her answer.
    assert "gender" not in header
    codebook = _get(board, "results:codebook_csv", exported).content.decode("utf-8-sig")
    assert "Geslacht" in codebook
    if "age" in header:
        by_age: dict[str, set] = {}
        for row in rows:
            by_age.setdefault(row[header.index("age")], set()).add(row[header.index("vermogen")])
        assert all(len(answers) > 1 for answers in by_age.values())


def test_the_sav_carries_labels_and_dont_know_as_missing(exported, party: Party, tmp_path):
    response = _get(_client(party, "board"), "results:responses_sav", exported)
    path = tmp_path / "antwoorden.sav"
    path.write_bytes(response.content)

    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)

    assert len(frame) == 40
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    questionnaire = every_type_questionnaire()
    stelling = next(q for q in questionnaire.questions() if q.name == "stelling")
    assert labels["stelling"] == stelling.label
    values = meta.variable_value_labels["stelling"]
    assert sorted(values.values()) == sorted(option.label for option in stelling.options)
    dont_know = [option.label for option in stelling.options if option.dont_know]
    if dont_know:
        code = next(code for code, label in values.items() if label == dont_know[0])
        assert meta.missing_ranges["stelling"] == [{"lo": code, "hi": code}]
    assert "gender" not in meta.column_names


def test_the_panel_page_links_the_exports_and_offers_the_board_the_choice(exported, party: Party):
    from ledenpanel.results.models import PanelAnalysis

    PanelAnalysis.objects.create(panel=exported, result={"response": {}})
    PanelClosing.objects.filter(panel=exported).update(aggregates={"has_results": True})
    page = _get(_client(party, "board"), "panels:detail", exported).content.decode()

    for name in EXPORTS:
        assert reverse(name, args=[exported.public_id]) in page
    assert reverse("results:export_open_answers", args=[exported.public_id]) in page

    coach_page = _get(_client(party, "coach"), "panels:detail", exported).content.decode()
    assert reverse("results:responses_sav", args=[exported.public_id]) in coach_page
    assert reverse("results:export_open_answers", args=[exported.public_id]) not in coach_page


def test_rows_come_in_random_order_not_in_the_order_of_answering(exported, party: Party):
    header, rows = _sheet_rows(_get(_client(party, "board"), "results:responses_xlsx", exported))

    # Stored in answering order (index 0, 1, …); the export follows the random ids.
    questionnaire = every_type_questionnaire()
    stored = [every_type_answers(questionnaire, index)["uren"] for index in range(40)]
    exported_hours = [row[header.index("uren")] for row in rows]
    assert sorted(exported_hours) == sorted(stored)
    assert exported_hours != stored
    assert not any(name in header for name in ("id", "_id", "_submission_time", "_uuid"))


def test_the_service_records_the_boards_choice_and_who_made_it(exported, party: Party):
    board = staff_with_role(party.branch_a1, RoleKind.BOARD, "bestuur-a1@example.org")

    choice = export_open_answers_set(panel=exported, actor=board, include=True)

    assert choice.open_answers
    assert choice.changed_by == board
    assert not export_open_answers_set(panel=exported, actor=board, include=False).open_answers
    assert ExportChoice.objects.filter(panel=exported).count() == 1


def test_the_service_refuses_a_coach(exported, party: Party):
    coach = staff_with_role(party.region_1, RoleKind.COACH, "coach-r1@example.org")

    with pytest.raises(PermissionDenied):
        export_open_answers_set(panel=exported, actor=coach, include=True)


def test_the_service_refuses_a_panel_without_an_export(party: Party):
    board = staff_with_role(party.branch_a1, RoleKind.BOARD, "bestuur-a1@example.org")

    with pytest.raises(ExportError):
        export_open_answers_set(panel=party.panel_a1, actor=board, include=True)
