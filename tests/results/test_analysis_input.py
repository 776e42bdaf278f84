"""The adapter from the app's questionnaire, responses and opening to the engine's inputs."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from ledenpanel.analysis.bands import Coding
from ledenpanel.analysis.data import (
    DECIMAL,
    INTEGER,
    POINTS,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    Scale,
)
from ledenpanel.analysis.inputs.xlsform import read_form
from ledenpanel.invitations.models import DeliveryStatus, Invitation, PanelOpening
from ledenpanel.kernel.questionnaire.schema import (
    Question,
    Questionnaire,
    QuestionType,
    Section,
    Statement,
    agree_options,
)
from ledenpanel.kernel.xlsform import write_xlsform
from ledenpanel.organisations.models import MemberStatus
from ledenpanel.results.analysis_input import (
    analysis_form,
    analysis_options,
    analysis_population,
    analysis_responses,
    code_population_band,
    panel_population,
)
from tests.builders import (
    FORM_NAMES,
    THEMES,
    Party,
    every_type_answers,
    every_type_questionnaire,
    national_panel,
)


def _stored(answers: dict) -> dict:
    """As the JSON column gives it back."""
    return json.loads(json.dumps(answers))


def test_every_question_type_becomes_its_engine_type_and_info_is_left_out():
    form = analysis_form(every_type_questionnaire())

    assert form.title == "Alles"
    assert tuple(q.name for q in form.questions) == FORM_NAMES
    kinds = {q.name: (q.type, q.scale) for q in form.questions}
    assert kinds == {
        "vervoer": (SELECT_ONE, Scale.NOMINAL),
        "stelling": (SELECT_ONE, Scale.AGREE),
        "cijfer": (SELECT_ONE, Scale.RATING),
        "themas": (SELECT_MULTIPLE, Scale.NOMINAL),
        "volgorde": (RANK, Scale.NOMINAL),
        "punten": (POINTS, Scale.NOMINAL),
        "uren": (DECIMAL, Scale.NOMINAL),
        "idee": (TEXT, Scale.NOMINAL),
        "toelichting": (TEXT, Scale.NOMINAL),
        "vermogen": (SELECT_ONE, Scale.AGREE),
        "defensie": (SELECT_ONE, Scale.AGREE),
    }


def test_choices_keep_their_order_labels_and_dont_know():
    form = analysis_form(every_type_questionnaire())

    rating = form.question("cijfer")
    assert [c.name for c in rating.choices] == [str(n) for n in range(11)] + ["weet_niet"]
    assert [c.name for c in rating.opinion_choices] == [str(n) for n in range(11)]
    statement = form.question("stelling")
    assert [c.name for c in statement.opinion_choices] == [
        "helemaal_oneens",
        "oneens",
        "neutraal",
        "eens",
        "helemaal_eens",
    ]
    assert statement.choice("weet_niet").dont_know
    assert form.question("vervoer").choice("weet_niet").dont_know
    assert form.question("vervoer").choice("bus").label == "Bus"
    points = form.question("punten")
    assert points.points_total == 10
    assert [c.name for c in points.choices] == list(THEMES)
    grid_row = form.question("vermogen")
    assert grid_row.label == "Grote vermogens zwaarder belasten."
    assert grid_row.choice("weet_niet").dont_know


def test_names_types_and_choices_match_what_the_command_line_reads_from_the_export(tmp_path):
    """``ledenpanel analyse`` on the app's XLSForm export sees the same questions."""
    questionnaire = every_type_questionnaire()
    path = tmp_path / "form.xlsx"
    path.write_bytes(write_xlsform(questionnaire))

    exported = read_form(path)
    adapted = analysis_form(questionnaire)

    def numeric(kind: str) -> str:
        return DECIMAL if kind in (INTEGER, DECIMAL) else kind

    def shape(form):
        return [
            (
                q.name,
                numeric(q.type),
                q.label,
                q.scale,
                [(c.name, c.dont_know) for c in q.choices],
                q.points_total,
            )
            for q in form.questions
        ]

    assert shape(adapted) == shape(exported)


def test_a_grid_row_whose_name_is_taken_elsewhere_is_named_after_its_grid():
    questionnaire = Questionnaire(
        sections=[
            Section(
                "een",
                "",
                [
                    Question(
                        f"grid_{n}",
                        QuestionType.GRID,
                        "Stellingen",
                        options=agree_options(5),
                        statements=[Statement("s0", "Een"), Statement(f"eigen_{n}", "Twee")],
                    )
                    for n in (1, 2)
                ],
            )
        ]
    )

    names = [q.name for q in analysis_form(questionnaire).questions]

    assert names == ["grid_1.s0", "eigen_1", "grid_2.s0", "eigen_2"]
    assert len(set(names)) == len(names)


def test_stored_answers_become_the_engines_value_types():
    questionnaire = every_type_questionnaire()
    rows = [
        (_stored(every_type_answers(questionnaire, index)), {"age": "25-44"}, False)
        for index in (1, 7, 12)
    ]

    responses = analysis_responses(questionnaire, rows)

    answers = responses.answers
    assert answers["vervoer"] == ["trein", "weet_niet", "bus"]
    assert answers["cijfer"] == ["1", "weet_niet", "1"]  # a stored number, as a choice name
    assert answers["themas"][0] == frozenset({"wonen", "zorg"})
    # Ranking is stored as {option: place}; the engine wants names, first place first.
    assert answers["volgorde"][0] == ("zorg", "werk", "wonen")
    assert answers["punten"][0] == {"wonen": 1.0, "zorg": 9.0, "werk": 0.0}
    assert answers["uren"] == [1.5, 7.5, 12.5]
    assert answers["toelichting"] == [None, None, "Meer aandacht voor betaalbaar wonen in de wijk."]
    assert answers["idee"] == [None, None, "Een spreekuur op zaterdag."]
    assert answers["vermogen"] == ["neutraal", "neutraal", "oneens"]
    assert responses.background == {"age": ["25-44"] * 3}
    assert responses.is_open == [False, False, False]
    assert set(answers) == set(FORM_NAMES)


def test_open_link_answers_are_flagged_and_carry_no_background():
    questionnaire = every_type_questionnaire()
    answers = _stored(every_type_answers(questionnaire, 2))
    rows = [(answers, {"gender": "V"}, False), (answers, {}, True)]

    responses = analysis_responses(questionnaire, rows)

    assert responses.is_open == [False, True]
    assert responses.background == {"gender": ["V", None]}
    assert len(responses.members_only()) == 1


def test_a_value_the_form_cannot_hold_is_not_answered(caplog):
    questionnaire = every_type_questionnaire()
    stored = {
        "vervoer": "SECRET-VALUE-raket",
        "themas": ["wonen", "onbekend"],
        "uren": "veel",
        "stellingen": {"vermogen": "eens", "onbekend": "eens"},
    }

    responses = analysis_responses(questionnaire, [(stored, {}, False)])

    assert responses.answers["vervoer"] == [None]
    assert responses.answers["themas"] == [frozenset({"wonen"})]
    assert responses.answers["uren"] == [None]
    assert responses.answers["vermogen"] == ["eens"]
    assert responses.answers["defensie"] == [None]
    assert "SECRET-VALUE" not in caplog.text


# -- the population ------------------------------------------------------------


CODING = Coding(
    k=10,
    variables={
        "age": {"25-34": "25-44", "35-44": "25-44", "45-54": "45-54", "65-74": "65+", "75+": "65+"},
        "gender": {"M": "M", "V": "V", "X": "anders"},
        "region": {"G1": "G1", "G2": "overig", "G3": "overig"},
        "branch": {"A1": "A1", "A2": "overig", "B1": "overig"},
    },
)


def test_population_bands_are_coded_like_the_responses_and_aggregated():
    bands = {
        "25-34|M|G1|2-4": 5,
        "35-44|M|G1|0-1": 7,
        "45-54|V|G2|5-9": 11,
        "75+|X|G3|20+": 2,
        "75+|O|G1|20+": 1,
    }

    population = analysis_population(bands, CODING, invited=20, noncontacts=2)

    # Tenure is not coded (dropped), branch is not in the population.
    assert list(population.columns) == ["age", "gender", "region"]
    assert population.size == 26
    assert population.margin("age") == {"25-44": 12, "45-54": 11, "65+": 3}
    assert population.margin("gender") == {"M": 12, "V": 11, "anders": 3}
    assert population.margin("region") == {"G1": 13, "overig": 13}
    assert (population.invited, population.ineligible, population.noncontacts) == (20, 0, 2)


@pytest.mark.parametrize(
    ("variable", "value", "coded"),
    [
        ("age", "16-24", "25-44"),  # no respondent this young: joins the nearest group
        ("age", "55-64", "45-54"),  # between two groups: the lower one on a tie
        ("age", "onbekend", None),  # unknown stays unknown
        ("gender", "O", "anders"),  # a small category with the other small ones
        ("region", "G9", "overig"),  # a region no respondent came from
        ("tenure", "2-4", None),  # a dropped variable has no mapping at all
    ],
)
def test_a_population_band_no_respondent_had_is_coded_sensibly(variable, value, coded):
    assert code_population_band(variable, value, CODING.variables.get(variable, {})) == coded


def test_a_gender_coding_without_other_leaves_an_unseen_gender_unknown():
    assert code_population_band("gender", "X", {"M": "M", "V": "V"}) is None


def test_without_a_coding_the_population_is_one_count():
    population = analysis_population(
        {"25-34|M|G1|2-4": 5, "75+|V|G2|20+": 4}, Coding(k=10, variables={})
    )

    assert population.columns == {}
    assert population.size == 9


def test_options_weight_and_break_down_by_the_coded_variables_the_population_has():
    questionnaire = every_type_questionnaire()
    bands = {"age": "25-44", "gender": "M", "region": "G1", "branch": "A1"}
    responses = analysis_responses(questionnaire, [({}, bands, False)])
    population = analysis_population({"25-34|M|G1|2-4": 5}, CODING)

    options = analysis_options(responses, population, k=12)

    assert options.min_group == 12
    assert tuple(options.weight_by) == ("age", "gender", "region")
    assert tuple(options.by) == ("age", "gender", "region")
    assert options.labels["age"] == "Leeftijd"
    assert analysis_options(responses, None, k=10).weight_by == ()


def test_the_opening_and_the_invitations_give_size_invited_and_noncontacts(party: Party):
    panel = national_panel(party, per_branch={"A1": 6, "A2": 4, "B1": 5})
    opening = PanelOpening.objects.get(panel=panel)
    invitations = list(Invitation.objects.filter(panel=panel).order_by("pk"))
    Invitation.objects.filter(pk=invitations[0].pk).update(delivery=DeliveryStatus.BOUNCED)
    Invitation.objects.filter(pk=invitations[1].pk).update(delivery=DeliveryStatus.FAILED)
    invitations[2].member.status = MemberStatus.DECEASED
    invitations[2].member.save()

    population = panel_population(panel, Coding(k=10, variables={}))

    assert population.size == sum(opening.population_bands.values()) == len(invitations)
    assert population.invited is None  # everyone was invited
    assert (population.ineligible, population.noncontacts) == (1, 2)

    # A sample: fewer invitations than members in the population.
    Invitation.objects.filter(pk=invitations[-1].pk).delete()
    sampled = panel_population(panel, Coding(k=10, variables={}))
    assert sampled.invited == len(invitations) - 1
    assert Counter(sampled.count) == Counter(population.count)


def test_with_letters_nobody_knows_who_was_reached(party: Party):
    """A letter that never arrived is not reported, so "reached" is unknown, not 100 %."""
    panel = national_panel(party, per_branch={"A1": 6, "A2": 4, "B1": 5})
    Invitation.objects.filter(pk=Invitation.objects.filter(panel=panel).first().pk).update(
        channel="letter"
    )

    population = panel_population(panel, Coding(k=10, variables={}))

    assert population.noncontacts is None
