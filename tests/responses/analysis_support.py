"""A questionnaire with every question type, answered through the real answering parser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ledenpanel.invitations.models import Invitation
from ledenpanel.kernel.questionnaire.schema import (
    DONT_KNOW,
    Option,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    Statement,
    agree_options,
)
from ledenpanel.panels.models import Panel, QuestionnaireVersion
from ledenpanel.responses.answering.parsing import parse_page
from tests.responses.closing_support import submit_for

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "analysis.schema.json").read_text()
)
THEMES = ("wonen", "zorg", "werk")
TRANSPORT = ("bus", "trein", "fiets", "weet_niet")
AGREE = ("helemaal_oneens", "oneens", "neutraal", "eens", "helemaal_eens", "weet_niet")
# The analysis' questions, in form order: the info text is left out, the
# grid gives one question per statement (named as the XLSForm export names them).
FORM_NAMES = (
    "vervoer",
    "stelling",
    "cijfer",
    "themas",
    "volgorde",
    "punten",
    "uren",
    "idee",
    "toelichting",
    "vermogen",
    "defensie",
)


def _options(names: tuple[str, ...]) -> list[Option]:
    return [Option(name, name.title()) for name in names]


def every_type_questionnaire() -> Questionnaire:
    return Questionnaire(
        title="Alles",
        sections=[
            Section(
                "een",
                "Keuzes",
                [
                    Question("uitleg", QuestionType.INFO, "Over deze vragenlijst."),
                    Question(
                        "vervoer",
                        QuestionType.SINGLE_CHOICE,
                        "Hoe reist u meestal?",
                        options=[*_options(TRANSPORT[:3]), Option(*DONT_KNOW, dont_know=True)],
                    ),
                    Question(
                        "stelling",
                        QuestionType.AGREE_SCALE,
                        "De afdeling doet mee aan de verkiezingen.",
                        options=agree_options(5),
                    ),
                    Question(
                        "cijfer",
                        QuestionType.RATING,
                        "Welk cijfer geeft u de afdeling?",
                        options=[Option(*DONT_KNOW, dont_know=True)],
                    ),
                    Question(
                        "themas",
                        QuestionType.MULTIPLE_CHOICE,
                        "Welke thema's vindt u belangrijk?",
                        options=_options(THEMES),
                    ),
                ],
            ),
            Section(
                "twee",
                "Meer",
                [
                    Question(
                        "volgorde",
                        QuestionType.RANKING,
                        "Zet de thema's in volgorde.",
                        options=_options(THEMES),
                    ),
                    Question(
                        "punten",
                        QuestionType.POINTS,
                        "Verdeel 10 punten over de thema's.",
                        options=_options(THEMES),
                        points_total=10,
                    ),
                    Question(
                        "uren",
                        QuestionType.NUMBER,
                        "Hoeveel uur per maand bent u actief?",
                        minimum=0,
                        maximum=200,
                    ),
                    Question("idee", QuestionType.SHORT_TEXT, "Uw beste idee?", required=False),
                    Question(
                        "toelichting",
                        QuestionType.LONG_TEXT,
                        "Wilt u iets toelichten?",
                        required=False,
                    ),
                    Question(
                        "stellingen",
                        QuestionType.GRID,
                        "In hoeverre bent u het eens met deze stellingen?",
                        options=agree_options(5),
                        statements=[
                            Statement("vermogen", "Grote vermogens zwaarder belasten."),
                            Statement("defensie", "Meer geld naar defensie."),
                        ],
                    ),
                ],
            ),
        ],
    )


def post_data(index: int) -> dict[str, list[str]]:
    """What member ``index`` sends from the answering pages (varied, all types)."""
    order = [THEMES[(index + shift) % 3] for shift in range(3)]
    points = {THEMES[0]: index % 11, THEMES[1]: 10 - index % 11, THEMES[2]: 0}
    data = {
        "q_vervoer": [TRANSPORT[index % 4]],
        "q_stelling": [AGREE[index % 6]],
        "q_cijfer": ["weet_niet" if index % 7 == 0 else str(index % 11)],
        "q_themas": list(THEMES[: 1 + index % 3]),
        **{f"q_volgorde__{name}": [str(place + 1)] for place, name in enumerate(order)},
        **{f"q_punten__{name}": [str(value)] for name, value in points.items()},
        "q_uren": [f"{index % 20},5"],
        "q_stellingen__vermogen": [AGREE[(index + 1) % 6]],
        "q_stellingen__defensie": [AGREE[(index * 2) % 5]],
    }
    if index % 3 == 0:
        data["q_toelichting"] = ["Meer aandacht voor betaalbaar wonen in de wijk."]
    if index % 4 == 0:
        data["q_idee"] = ["Een spreekuur op zaterdag."]
    return data


def answers_for(questionnaire: Questionnaire, index: int) -> dict[str, Any]:
    """The answers as the answering pages store them (parsed page by page)."""
    data = post_data(index)
    answers: dict[str, Any] = {}
    for section in questionnaire.sections:
        page, errors = parse_page(section, data, earlier=answers)
        assert errors == [], errors
        answers.update({name: value for name, value in page.items() if value is not None})
    return answers


def use_questionnaire(panel: Panel, questionnaire: Questionnaire) -> None:
    """Make ``questionnaire`` the approved version members answer (before any answer)."""
    definition = questionnaire.to_dict()
    panel.questionnaire = definition
    number = panel.versions.count() + 1
    panel.approved_version = QuestionnaireVersion.objects.create(
        panel=panel, number=number, definition=definition
    )
    panel.save()


def submit_every_type(panel: Panel, count: int) -> None:
    questionnaire = every_type_questionnaire()
    invitations = list(
        Invitation.objects.filter(panel=panel).select_related("member").order_by("member_id")
    )
    assert len(invitations) >= count
    for index, invitation in enumerate(invitations[:count]):
        submit_for(panel, invitation, answers_for(questionnaire, index))


def engine_result(respondents: int) -> dict:
    """The real engine's result for ``respondents`` answers (no close, no population)."""
    from ledenpanel.analysis.engine import analyse
    from ledenpanel.results.analysis_input import analysis_form, analysis_responses

    questionnaire = every_type_questionnaire()
    rows = [(answers_for(questionnaire, i), {}, False) for i in range(respondents)]
    form = analysis_form(questionnaire)
    return analyse(form, analysis_responses(questionnaire, rows, form=form))


def store_analysis(panel: Panel, result: dict) -> None:
    from django.utils import timezone

    from ledenpanel.responses.models import PanelAnalysis

    PanelAnalysis.objects.update_or_create(
        panel=panel, defaults={"result": result, "computed_at": timezone.now(), "seconds": 1.0}
    )


def analysed_panel_a1(party) -> dict[str, object]:
    """Branch A1's panel with a stored (withheld) analysis: URL arguments for the matrix."""
    store_analysis(party.panel_a1, engine_result(3))
    return {"panel_id": party.panel_a1.public_id}


def exported_panel_a1(party) -> dict[str, object]:
    """Branch A1's panel closed with k stored responses: URL arguments for the export."""
    from ledenpanel.panels.models import PanelState
    from ledenpanel.responses.models import CloseStage, PanelClosing, Response

    panel = party.panel_a1
    questionnaire = every_type_questionnaire()
    use_questionnaire(panel, questionnaire)
    panel.state = PanelState.CLOSED
    panel.save(update_fields=["state"])
    PanelClosing.objects.create(panel=panel, stage=CloseStage.DONE, respondents=10)
    Response.objects.bulk_create(
        Response(panel=panel, answers=answers_for(questionnaire, index)) for index in range(10)
    )
    return {"panel_id": panel.public_id}
