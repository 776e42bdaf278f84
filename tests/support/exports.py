"""A closed panel with exactly the responses a test gives, for the export tests."""

from __future__ import annotations

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.responses.models import Response
from tests.builders import Party, every_type_answers, every_type_questionnaire, use_questionnaire

INJECTION = "=2+5+cmd|' /C calc'!A0"


def closed_with_rows(panel: Panel, rows: list[tuple[dict, dict]], *, k: int = 10) -> Panel:
    """``panel`` closed with these (answers, bands), as a close leaves them."""
    panel.state = PanelState.CLOSED
    panel.save(update_fields=["state"])
    PanelClosing.objects.create(
        panel=panel, stage=CloseStage.DONE, respondents=len(rows), min_group=k
    )
    Response.objects.bulk_create(
        Response(panel=panel, answers=answers, bands=bands) for answers, bands in rows
    )
    return panel


def exported_panel(party: Party) -> Panel:
    """Branch A1's panel closed with 40 responses in two age bands and two genders.

    Every woman agrees with the statement "vermogen"; the rest answer as the
    every-type builder has them. One open answer is a formula, one names a
    member and her phone number.
    """
    questionnaire = every_type_questionnaire()
    panel = party.panel_a1
    use_questionnaire(panel, questionnaire)
    rows = []
    for index in range(40):
        answers = every_type_answers(questionnaire, index)
        gender = "V" if index % 2 else "M"
        if gender == "V":
            answers["stellingen"] = {**answers.get("stellingen", {}), "vermogen": "eens"}
        if index == 0:
            answers["idee"] = INJECTION
        if index == 4:
            answers["idee"] = "Vraag het aan Fatima Bakker, 06-12345678."
        rows.append((answers, {"age": "16-44" if index < 20 else "45+", "gender": gender}))
    return closed_with_rows(panel, rows)
