"""The builder's import and the analysis read one XLSForm the same way.

Both readers take their words from :mod:`ledenpanel.kernel.xlsform.vocabulary`
(types, column spellings, metadata, the label language) and their cells from
:func:`ledenpanel.kernel.cells.cell_text`. Each test here is a form on which
they once disagreed, read by both.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.xlsform import BothReads


def _labels(both: BothReads) -> tuple[list[str], list[str]]:
    """Question labels as the builder and as the analysis read them."""
    return (
        [question.label for question in both.questionnaire.questions()],
        [question.label for question in both.form.questions],
    )


# -- label language ---------------------------------------------------------------


def test_both_take_the_plain_label_column_before_a_language_column_without_default_language(
    read_both,
) -> None:
    # pyxform's rule: without default_language the unmarked column is the default.
    both = read_both(
        [
            ["type", "name", "label::English (en)", "label"],
            ["text", "q", "Why?", "Waarom?"],
        ]
    )

    assert _labels(both) == (["Waarom?"], ["Waarom?"])
    assert both.questionnaire.question("q").translations == {"en": {"label": "Why?"}}


@pytest.mark.parametrize(
    ("default_language", "header"),
    [
        ("English (en)", "label::English (en)"),  # KoboToolbox and ODK
        ("English", "label::English (en)"),  # an older form's setting
        ("English (en)", "label::English"),  # an older form's column
        ("en", "label::en"),
    ],
)
def test_both_take_the_settings_default_language_however_it_is_spelled(
    read_both, default_language: str, header: str
) -> None:
    both = read_both(
        [["type", "name", "label::Nederlands (nl)", header], ["text", "q", "Waarom?", "Why?"]],
        settings=[["form_title", "default_language"], ["Peiling", default_language]],
    )

    assert _labels(both) == (["Why?"], ["Why?"])
    assert both.questionnaire.language == "en"


def test_both_take_the_first_language_column_when_there_is_no_plain_one(read_both) -> None:
    both = read_both(
        [
            ["type", "name", "label::Türkçe (tr)", "label::Nederlands (nl)"],
            ["text", "q", "Neden?", "Waarom?"],
        ]
    )

    assert _labels(both) == (["Neden?"], ["Neden?"])


# -- column spellings ---------------------------------------------------------------


def test_both_read_pyxforms_other_spellings_of_columns(read_both) -> None:
    both = read_both(
        [["type", "name", "caption"], ["select_one kleur", "kleur", "Welke kleur?"]],
        [["list name", "value", "caption"], ["kleur", "rood", "Rood"], ["kleur", "blauw", "Blauw"]],
    )

    (question,) = both.questionnaire.questions()
    assert [(o.name, o.label) for o in question.options] == [("rood", "Rood"), ("blauw", "Blauw")]
    (analysed,) = both.form.questions
    assert [(c.name, c.label) for c in analysed.choices] == [("rood", "Rood"), ("blauw", "Blauw")]
    assert _labels(both) == (["Welke kleur?"], ["Welke kleur?"])


@pytest.mark.parametrize("column", ["form_title", "set_form_title", "title"])
def test_both_take_the_form_title_from_any_of_its_spellings(read_both, column: str) -> None:
    both = read_both(
        [["type", "name", "label"], ["text", "q", "Waarom?"]],
        settings=[[column], ["Ledenpeiling 2026"]],
    )

    assert (both.questionnaire.title, both.form.title) == ("Ledenpeiling 2026",) * 2
    assert both.not_imported == []


# -- types ----------------------------------------------------------------------------


def test_both_know_pyxforms_other_names_of_metadata_and_question_types(read_both) -> None:
    both = read_both(
        [
            ["type", "name", "label"],
            ["start time", "begon", None],
            ["get today", "dag", None],
            ["imei", "toestel", None],
            ["uri:username", "gebruiker", None],
            ["string", "naam", "Uw naam"],
            ["int", "leeftijd", "Uw leeftijd"],
            ["phone number", "telefoon", "Uw telefoonnummer"],
            ["gps", "plek", "Waar bent u?"],
        ]
    )

    # The builder imports what it can ask and notes the rest; it refuses no row.
    assert [q.name for q in both.questionnaire.questions()] == ["naam", "leeftijd", "telefoon"]
    assert both.not_imported == [
        "survey rows 2, 3, 4, 5 (begon, dag, toestel, gebruiker): metadata not imported",
        "survey row 9 (plek): gps question not imported",
    ]
    # The analysis reads the same rows as questions and the same as metadata.
    assert [(q.name, q.type) for q in both.form.questions] == [
        ("naam", "text"),
        ("leeftijd", "integer"),
        ("telefoon", "text"),
        ("plek", "geopoint"),
    ]
    assert {"begon", "dag", "toestel", "gebruiker"} <= both.form.other_fields


def test_both_skip_a_kobo_matrix_block_whole(read_both) -> None:
    both = read_both(
        [
            ["type", "name", "label", "kobo--matrix_list"],
            ["begin_kobomatrix", "matrix", "Matrix", "rijen"],
            ["select_one", "m_col", "Kolom", None],
            ["end_kobomatrix", None, None, None],
            ["text", "q", "Waarom?", None],
        ],
        [["list_name", "name", "label"], ["rijen", "r1", "Rij 1"]],
    )

    assert [q.name for q in both.questionnaire.questions()] == ["q"]
    assert [q.name for q in both.form.questions] == ["q"]
    assert both.not_imported == [
        "survey rows 2-4 (matrix): matrix 'Matrix' with 1 question not imported"
    ]
    assert both.warnings == [
        "1 questions inside Kobo matrix, score or rank blocks are not analysed"
    ]


def test_both_skip_a_repeat_whole_whatever_its_rows_hold(read_both) -> None:
    both = read_both(
        [
            ["type", "name", "label"],
            ["text", "q", "Waarom?"],
            ["begin repeat", "kinderen", "Kinderen"],
            ["some_new_widget", "kind", "Kind"],
            ["end repeat", None, None],
        ]
    )

    assert [q.name for q in both.questionnaire.questions()] == ["q"]
    assert [q.name for q in both.form.questions] == ["q"]


# -- cells ----------------------------------------------------------------------------


def test_both_name_choices_typed_as_numbers_and_booleans_as_pyxform_does(read_both) -> None:
    # Excel stores 1 as the number 1.0 and TRUE as a boolean; KoboToolbox
    # exports the answers as "1" and "TRUE", so those must be the names.
    both = read_both(
        [
            ["type", "name", "label"],
            ["select_one code", "code", "Code"],
            ["select_one w", "w", "W"],
        ],
        [
            ["list_name", "name", "label"],
            ["code", 1.0, "Een"],
            ["code", 2, "Twee"],
            ["w", True, "Waar"],
            ["w", False, "Niet waar"],
        ],
    )

    imported = [[o.name for o in q.options] for q in both.questionnaire.questions()]
    analysed = [[c.name for c in q.choices] for q in both.form.questions]
    assert imported == analysed == [["1", "2"], ["TRUE", "FALSE"]]


def test_both_read_cells_with_surrounding_spaces_and_dates_alike(read_both) -> None:
    both = read_both(
        [["type", "name", "label"], ["  select_one  d ", " wanneer ", "  Wanneer?  "]],
        [
            ["list_name", "name", "label"],
            ["d", "dag_1", dt.date(2026, 5, 1)],
            ["d", "dag_2", dt.datetime(2026, 5, 2)],
        ],
    )

    (question,) = both.questionnaire.questions()
    (analysed,) = both.form.questions
    assert (
        (question.name, question.label)
        == (analysed.name, analysed.label)
        == ("wanneer", "Wanneer?")
    )
    imported = [option.label for option in question.options]
    assert imported == [choice.label for choice in analysed.choices]
    assert imported == ["2026-05-01", "2026-05-02"]
