"""Reading hand-written XLSForms: the type mapping and the conventions."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from ledenpanel.kernel.questionnaire.schema import (
    Condition,
    Operator,
    Question,
    Questionnaire,
    QuestionType,
)
from ledenpanel.kernel.xlsform import ImportResult, read_xlsform
from tests.support.xlsform import Cell, xlsx

SURVEY = ("type", "name", "label", "required", "relevant", "appearance", "parameters", "constraint")
CHOICES = ("list_name", "name", "label")
AGREE_NL = ["Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens"]
AGREE_EN = [
    "Strongly disagree",
    "Disagree",
    "Somewhat disagree",
    "Neither agree nor disagree",
    "Somewhat agree",
    "Agree",
    "Strongly agree",
]


def read(
    survey: Sequence[Sequence[Cell]],
    choices: Sequence[Sequence[Cell]] = (),
    settings: Sequence[Sequence[Cell]] | None = None,
) -> ImportResult:
    return read_xlsform(xlsx([SURVEY, *survey], [CHOICES, *choices], settings), "form.xlsx")


def imported(*args: Sequence[Sequence[Cell]]) -> Questionnaire:
    result = read(*args)
    assert result.errors == []
    assert result.questionnaire is not None
    return result.questionnaire


def only(questionnaire: Questionnaire) -> Question:
    [question] = questionnaire.questions()
    return question


def scale(list_name: str, labels: list[str]) -> list[list[Cell]]:
    return [[list_name, f"p{index}", label] for index, label in enumerate(labels)]


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        (["integer", "q", "Leeftijd"], QuestionType.NUMBER),
        (["decimal", "q", "Uren"], QuestionType.NUMBER),
        (["text", "q", "Naam"], QuestionType.SHORT_TEXT),
        (["text", "q", "Toelichting", None, None, "multiline"], QuestionType.LONG_TEXT),
        (["note", "q", "Welkom"], QuestionType.INFO),
        (["select_one yn", "q", "Lid?"], QuestionType.SINGLE_CHOICE),
        (["select one yn", "q", "Lid?"], QuestionType.SINGLE_CHOICE),
        (["select_multiple yn", "q", "Welke?"], QuestionType.MULTIPLE_CHOICE),
        (["select all that apply yn", "q", "Welke?"], QuestionType.MULTIPLE_CHOICE),
        (["rank yn", "q", "Volgorde"], QuestionType.RANKING),
        (["range", "q", "Cijfer", None, None, None, "start=0 end=10 step=1"], QuestionType.RATING),
    ],
)
def test_it_maps_xlsform_types(row: list[Cell], kind: QuestionType) -> None:
    choices = [["yn", "ja", "Ja"], ["yn", "nee", "Nee"]]

    assert only(imported([row], choices)).type == kind


@pytest.mark.parametrize(
    "labels",
    [
        AGREE_NL,
        AGREE_EN,
        ["Zeer mee oneens", "Mee oneens", "Niet eens, niet oneens", "Mee eens", "Zeer mee eens"],
    ],
)
def test_it_reads_agree_scales_in_scale_order(labels: list[str]) -> None:
    question = only(imported([["select_one s", "q", "Stelling"]], scale("s", labels)))

    assert question.type == QuestionType.AGREE_SCALE
    assert [option.label for option in question.options] == labels


def test_it_reads_agree_scales_by_their_names() -> None:
    names = ["helemaal_oneens", "oneens", "neutraal", "eens", "helemaal_eens"]
    choices = [["s", name, str(index)] for index, name in enumerate(names)]

    assert only(imported([["select_one s", "q", "Stelling"]], choices)).type == (
        QuestionType.AGREE_SCALE
    )


@pytest.mark.parametrize(
    "labels",
    [
        list(reversed(AGREE_NL)),  # agree first: not in scale order
        ["Oneens", "Neutraal", "Eens"],
        ["Helemaal oneens", "Oneens", "Eens", "Helemaal eens"],
        ["Slecht", "Matig", "Neutraal", "Goed", "Uitstekend"],
    ],
)
def test_it_reads_other_lists_as_single_choice(labels: list[str]) -> None:
    question = only(imported([["select_one s", "q", "Vraag"]], scale("s", labels)))

    assert question.type == QuestionType.SINGLE_CHOICE


def test_it_keeps_dont_know_out_of_the_scale_check() -> None:
    choices: list[list[Cell]] = [*scale("s", AGREE_NL), ["s", "geen_mening", "Geen mening"]]

    question = only(imported([["select_one s", "q", "Stelling"]], choices))

    assert question.type == QuestionType.AGREE_SCALE
    assert [option.dont_know for option in question.options] == [False] * 5 + [True]


def test_it_reads_a_0_to_10_list_as_a_rating_with_its_dont_know() -> None:
    choices = [["r", str(point), str(point)] for point in range(11)] + [["r", "99", "Weet niet"]]

    question = only(imported([["select_one r", "q", "Cijfer", "yes"]], choices))

    assert question.type == QuestionType.RATING
    assert [(o.name, o.dont_know) for o in question.options] == [("99", True)]
    assert question.required


def test_it_notes_labelled_rating_points() -> None:
    choices = [["r", str(point), f"{point} punten"] for point in range(11)]

    result = read([["select_one r", "q", "Cijfer"]], choices)

    assert result.not_imported == ["survey row 2 (q): labels of the 0-10 scale points not imported"]


def test_it_reads_another_range_as_a_number_with_a_note() -> None:
    result = read([["range", "q", "Hoeveel?", None, None, None, "start=1;end=5;step=1"]])

    question = only(imported([["range", "q", "Hoeveel?", None, None, None, "start=1;end=5"]]))
    assert (question.type, question.minimum, question.maximum) == (QuestionType.NUMBER, 1, 5)
    assert result.not_imported == [
        "survey row 2 (q): range slider with step 1 not imported (read as a number question)"
    ]


@pytest.mark.parametrize("name", ["weet_niet", "geen_mening", "dk", "99"])
def test_it_marks_dont_know_choice_names(name: str) -> None:
    choices = [["yn", "ja", "Ja"], ["yn", "nee", "Nee"], ["yn", name, "Weet ik niet"]]

    question = only(imported([["select_one yn", "q", "Lid?"]], choices))

    assert [option.dont_know for option in question.options] == [False, False, True]


def test_it_follows_the_missing_column_over_the_name() -> None:
    survey = [SURVEY, ["select_one yn", "q", "Lid?"]]
    choices: list[list[Cell]] = [
        [*CHOICES, "missing"],
        ["yn", "ja", "Ja", None],
        ["yn", "nvt", "Niet van toepassing", "yes"],
        ["yn", "99", "99 keer", "no"],
    ]

    result = read_xlsform(xlsx(survey, choices), "form.xlsx")

    assert result.questionnaire is not None
    options = only(result.questionnaire).options
    assert [option.dont_know for option in options] == [False, True, False]


def test_it_reads_minimum_and_maximum_from_the_constraint() -> None:
    row = ["integer", "q", "Leeftijd", "yes", None, None, None, ". >= 16 and . <= 120"]

    question = only(imported([row]))

    assert (question.minimum, question.maximum, question.required) == (16, 120, True)


def test_it_reads_randomize_and_show_if() -> None:
    question = imported(
        [
            ["select_one yn", "a", "Lid?"],
            ["select_multiple yn", "b", "Welke?", None, "${a} = 'ja'", None, "randomize=true"],
        ],
        [["yn", "ja", "Ja"], ["yn", "nee", "Nee"]],
    ).questions()[1]

    assert question.randomize
    assert question.show_if == [Condition("a", Operator.EQUALS, "ja")]
    assert not question.required


def test_it_keeps_a_question_whose_condition_it_cannot_read() -> None:
    result = read(
        [
            ["integer", "a", "Leeftijd"],
            ["text", "b", "Waarom?", None, "${a} > 18 or ${a} < 12"],
            ["text", "c", "Wat?", None, "${later} = 'x'"],
            ["text", "later", "Later"],
        ]
    )

    assert result.questionnaire is not None
    assert [q.show_if for q in result.questionnaire.questions()] == [[], [], [], []]
    assert result.not_imported == [
        "survey row 3 (b): show-if condition '${a} > 18 or ${a} < 12' not imported",
        "survey row 4 (c): show-if condition '${later} = 'x'' not imported",
    ]


def test_it_puts_loose_questions_in_sections_and_groups_in_their_own() -> None:
    questionnaire = imported(
        [
            ["note", "welkom", "Welkom"],
            ["begin group", "wonen", "Wonen"],
            ["integer", "huur", "Huur"],
            ["end group"],
            ["note", "dank", "Bedankt"],
        ]
    )

    sections = [(s.name, s.title, [q.name for q in s.questions]) for s in questionnaire.sections]
    assert sections == [
        ("section_1", "", ["welkom"]),
        ("wonen", "Wonen", ["huur"]),
        ("section_3", "", ["dank"]),
    ]


def test_it_flattens_inner_groups_and_passes_their_conditions_down() -> None:
    result = read(
        [
            ["begin group", "deel", "Deel", None, "${x} = 'ja'"],
            ["begin group", "binnen", "Binnen", None, "${y} > 3"],
            ["text", "t", "Tekst", None, "${y} < 9"],
            ["end group"],
            ["end group"],
        ]
    )

    assert result.errors == []
    # ${x} and ${y} are not questions: the conditions are noted, the question kept
    assert result.not_imported == [
        "survey row 2 (deel): show-if condition '${x} = 'ja'' not imported",
        "survey row 3 (binnen): inner group 'Binnen' not imported "
        "(its questions are kept in the section)",
        "survey row 3 (binnen): show-if condition '${y} > 3' not imported",
        "survey row 4 (t): show-if condition '${y} < 9' not imported",
    ]


def test_it_adds_a_group_condition_to_each_of_its_questions() -> None:
    questionnaire = imported(
        [
            ["select_one yn", "lid", "Lid?"],
            ["begin group", "leden", "Voor leden", None, "${lid} = 'ja'"],
            ["integer", "jaren", "Hoe lang?", None, "${lid} != 'nee'"],
            ["end group"],
        ],
        [["yn", "ja", "Ja"], ["yn", "nee", "Nee"]],
    )

    assert questionnaire.question("jaren") == Question(
        "jaren",
        QuestionType.NUMBER,
        "Hoe lang?",
        required=False,
        show_if=[
            Condition("lid", Operator.EQUALS, "ja"),
            Condition("lid", Operator.NOT_EQUALS, "nee"),
        ],
    )


@pytest.mark.parametrize("appearance", ["table-list", "field-list"])
def test_it_reads_a_group_of_agree_statements_as_a_grid(appearance: str) -> None:
    question = only(
        imported(
            [
                ["begin group", "stellingen", "Eens?", None, None, appearance],
                ["select_one s", "s1", "Een", "yes"],
                ["select_one s", "s2", "Twee", "yes"],
                ["end group"],
            ],
            scale("s", AGREE_NL),
        )
    )

    assert (question.type, question.name, question.label) == (
        QuestionType.GRID,
        "stellingen",
        "Eens?",
    )
    assert [(s.name, s.label) for s in question.statements] == [("s1", "Een"), ("s2", "Twee")]
    assert [o.label for o in question.options] == AGREE_NL
    assert question.required


def test_it_reads_a_field_list_page_of_other_questions_as_a_section() -> None:
    questionnaire = imported(
        [
            ["begin group", "pagina", "Pagina", None, None, "field-list"],
            ["select_one yn", "a", "A"],
            ["select_one yn", "b", "B"],
            ["end group"],
        ],
        [["yn", "ja", "Ja"], ["yn", "nee", "Nee"]],
    )

    assert [s.name for s in questionnaire.sections] == ["pagina"]
    assert [q.type for q in questionnaire.questions()] == [QuestionType.SINGLE_CHOICE] * 2


def test_it_skips_the_header_row_of_an_old_style_table() -> None:
    result = read(
        [
            ["begin group", "tabel", "Tabel", None, None, "table-list"],
            ["select_one yn", "kop", None, None, None, "label"],
            ["select_one yn", "r1", "Rij 1", None, None, "list-nolabel"],
            ["end group"],
        ],
        [["yn", "ja", "Ja"], ["yn", "nee", "Nee"]],
    )

    assert result.questionnaire is not None
    assert [s.name for s in only(result.questionnaire).statements] == ["r1"]
    assert result.not_imported == ["survey row 3 (kop): table header row not imported"]


def test_it_reads_a_hand_written_points_group() -> None:
    question = only(
        imported(
            [
                ["begin group", "geld", "Verdeel", None, None, "ledenpanel-points", "total=50"],
                ["integer", "geld_wonen", "Wonen", "yes"],
                ["integer", "zorg", "Zorg", "yes"],
                ["end group"],
            ]
        )
    )

    assert (question.type, question.points_total, question.required) == (
        QuestionType.POINTS,
        50,
        True,
    )
    assert [(o.name, o.label) for o in question.options] == [("wonen", "Wonen"), ("zorg", "Zorg")]


def test_it_takes_the_title_from_settings_or_the_file_name() -> None:
    survey = [SURVEY, ["note", "n", "Hallo"]]

    with_settings = read_xlsform(xlsx(survey, settings=[["form_title"], ["Peiling"]]), "a.xlsx")
    without = read_xlsform(xlsx(survey), "Ledenpeiling maart.xlsx")

    assert with_settings.questionnaire is not None
    assert with_settings.questionnaire.title == "Peiling"
    assert without.questionnaire is not None
    assert without.questionnaire.title == "Ledenpeiling maart"


def test_it_reads_the_default_language_and_translations() -> None:
    survey = [
        ["type", "name", "label::English (en)", "label::Nederlands (nl)", "hint::Nederlands (nl)"],
        ["select_one yn", "q", "Member?", "Lid?", "Kies"],
    ]
    choices = [["list_name", "name", "label::English (en)", "label::Nederlands (nl)"]]
    choices += [["yn", "ja", "Yes", "Ja"], ["yn", "nee", "No", "Nee"]]

    by_settings = read_xlsform(
        xlsx(survey, choices, [["default_language"], ["Nederlands (nl)"]]), "f.xlsx"
    ).questionnaire
    by_first_column = read_xlsform(xlsx(survey, choices), "f.xlsx").questionnaire

    assert by_settings is not None
    assert by_first_column is not None
    assert by_settings.language == "nl"
    question = only(by_settings)
    assert (question.label, question.hint) == ("Lid?", "Kies")
    assert question.translations == {"en": {"label": "Member?"}}
    assert question.options[0].translations == {"en": "Yes"}
    assert by_first_column.language == "en"
    assert only(by_first_column).label == "Member?"
    assert only(by_first_column).translations == {"nl": {"label": "Lid?", "hint": "Kies"}}


def test_it_takes_a_plain_label_column_as_dutch() -> None:
    questionnaire = imported([["note", "n", "Hallo"]])

    assert questionnaire.language == "nl"
