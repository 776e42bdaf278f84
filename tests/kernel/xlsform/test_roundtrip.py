"""Export then import gives the same questionnaire, and pyxform converts every export."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from ledenpanel.kernel.questionnaire.schema import (
    Condition,
    Operator,
    Option,
    Questionnaire,
    QuestionType,
    Section,
)
from ledenpanel.kernel.xlsform import read_xlsform, validate_with_pyxform, write_xlsform
from tests.support.xlsform import full_questionnaire, question_of, xlsx


def _sheet(data: bytes, name: str) -> list[dict[str, object]]:
    sheet = load_workbook(io.BytesIO(data))[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_it_round_trips_the_full_questionnaire() -> None:
    questionnaire = full_questionnaire()

    result = read_xlsform(write_xlsform(questionnaire), "peiling.xlsx")

    assert result.errors == []
    assert result.not_imported == []
    assert result.questionnaire == questionnaire


def test_it_exports_a_form_pyxform_converts_without_warnings() -> None:
    data = write_xlsform(full_questionnaire())

    assert validate_with_pyxform(data, warnings=True) == []


@pytest.mark.parametrize("kind", list(QuestionType))
def test_it_round_trips_and_converts_every_question_type(kind: QuestionType) -> None:
    questionnaire = Questionnaire(
        title="Eén vraag",
        sections=[Section("deel", "Deel", questions=[question_of(kind)])],
    )

    data = write_xlsform(questionnaire)

    assert validate_with_pyxform(data, warnings=True) == []
    assert read_xlsform(data, "een.xlsx").questionnaire == questionnaire


@pytest.mark.parametrize("kind", [QuestionType.GRID, QuestionType.POINTS])
def test_it_round_trips_optional_group_questions(kind: QuestionType) -> None:
    question = question_of(kind)
    question.required = False
    questionnaire = Questionnaire(sections=[Section("deel", questions=[question])])

    assert read_xlsform(write_xlsform(questionnaire), "x.xlsx").questionnaire == questionnaire


def test_it_writes_the_settings_sheet() -> None:
    data = write_xlsform(full_questionnaire())

    [settings] = _sheet(data, "settings")

    assert settings["form_title"] == "Ledenpeiling gemeenteraad 2026"
    assert settings["form_id"] == "ledenpeiling_gemeenteraad_2026"
    assert settings["default_language"] == "Nederlands (nl)"
    assert settings["version"]


def test_it_changes_the_version_when_the_questions_change() -> None:
    questionnaire = full_questionnaire()
    before = _sheet(write_xlsform(questionnaire), "settings")[0]["version"]
    questionnaire.sections[0].questions[1].label = "Anders gevraagd?"

    after = _sheet(write_xlsform(questionnaire), "settings")[0]["version"]

    assert before != after


def test_it_writes_language_columns_and_our_own_columns() -> None:
    survey = _sheet(write_xlsform(full_questionnaire()), "survey")

    row = next(row for row in survey if row["name"] == "deelname")
    assert row["label::Nederlands (nl)"] == "Moet de afdeling meedoen aan de verkiezingen?"
    assert row["label::English (en)"] == "Take part?"
    assert row["author"] == "Jan de Vries"
    assert row["author_role"] == "voorzitter"
    assert row["author_unit"] == "Afdeling Utrecht"
    assert row["rationale"] == "Het bestuur beslist in maart."


def test_it_writes_the_documented_conventions() -> None:
    rows = _sheet(write_xlsform(full_questionnaire()), "survey")
    survey = {row["name"]: row for row in rows if row["type"] != "end group"}

    assert survey["tevreden"]["type"] == "select_one r0_10"
    assert survey["tevreden"]["appearance"] == "likert"
    assert survey["volgorde"]["type"] == "rank themas"  # the same options: one list
    assert survey["themas"]["parameters"] == "randomize=true"
    assert survey["toelichting"]["appearance"] == "multiline"
    assert survey["leeftijd"]["constraint"] == ". >= 16 and . <= 120"
    assert survey["stellingen"]["type"] == "begin group"
    assert survey["stellingen"]["appearance"] == "table-list"
    assert survey["s_wonen"]["type"] == "select_one stellingen"
    assert survey["budget"]["appearance"] == "field-list ledenpanel-points"
    assert survey["budget"]["parameters"] == "total=10;randomize=true"
    assert survey["budget_wonen"]["type"] == "integer"
    assert survey["budget_total"]["calculation"] == (
        "coalesce(${budget_wonen}, 0) + coalesce(${budget_zorg}, 0)"
    )
    assert survey["volgorde"]["relevant"] == "selected(${themas}, 'wonen') and ${deelname} != ''"
    assert survey["welkom"]["required"] is None


def test_it_marks_dont_know_options_in_the_missing_column() -> None:
    questionnaire = Questionnaire(
        sections=[
            Section(
                "deel",
                questions=[
                    question_of(QuestionType.SINGLE_CHOICE, "a"),
                    question_of(QuestionType.SINGLE_CHOICE, "b"),
                ],
            )
        ]
    )
    first, second = (q for q in questionnaire.questions())
    first.options.append(Option("weet_niet", "Weet niet", dont_know=True))
    second.options.append(Option("dk", "Geen idee"))  # a "dk" name that is a real answer

    data = write_xlsform(questionnaire)
    choices = {(row["list_name"], row["name"]): row["missing"] for row in _sheet(data, "choices")}

    assert choices[("a", "weet_niet")] == "yes"
    assert choices[("b", "dk")] == "no"
    assert choices[("a", "ja")] is None
    assert read_xlsform(data, "x.xlsx").questionnaire == questionnaire


def test_it_writes_identical_option_lists_once() -> None:
    questionnaire = Questionnaire(
        sections=[
            Section(
                "deel",
                questions=[
                    question_of(QuestionType.AGREE_SCALE, "a"),
                    question_of(QuestionType.AGREE_SCALE, "b"),
                    question_of(QuestionType.RATING, "c"),
                    question_of(QuestionType.RATING, "d"),
                ],
            )
        ]
    )

    data = write_xlsform(questionnaire)
    lists = {row["list_name"] for row in _sheet(data, "choices")}

    assert lists == {"a", "r0_10"}
    imported = read_xlsform(data, "x.xlsx").questionnaire
    assert imported == questionnaire
    assert imported is not None
    first, second = imported.questions()[:2]
    assert first.options is not second.options


def test_it_writes_decimal_when_a_bound_has_decimals() -> None:
    question = question_of(QuestionType.NUMBER)
    question.minimum, question.maximum = 0.5, None
    questionnaire = Questionnaire(sections=[Section("deel", questions=[question])])

    data = write_xlsform(questionnaire)
    result = read_xlsform(data, "x.xlsx")

    assert _sheet(data, "survey")[1]["type"] == "decimal"
    assert result.questionnaire == questionnaire
    assert result.not_imported == []


def test_it_exports_an_empty_questionnaire_that_converts() -> None:
    data = write_xlsform(Questionnaire(title="Leeg"))

    assert read_xlsform(data, "leeg.xlsx").questionnaire == Questionnaire(title="Leeg")


def test_it_renames_a_section_that_shares_its_name_with_a_question() -> None:
    question = question_of(QuestionType.NUMBER, "wonen")
    later = question_of(QuestionType.SHORT_TEXT, "later")
    later.show_if = [Condition("wonen", Operator.ANSWERED)]
    questionnaire = Questionnaire(sections=[Section("wonen", "Wonen", questions=[question, later])])

    data = write_xlsform(questionnaire)
    imported = read_xlsform(data, "x.xlsx").questionnaire

    assert validate_with_pyxform(data) == []  # ${wonen} must name one row only
    assert imported is not None
    assert [s.name for s in imported.sections] == ["wonen_section"]
    assert imported.questions() == questionnaire.questions()


def test_it_reads_a_group_that_shares_its_name_with_a_question() -> None:
    data = xlsx(
        [
            ("type", "name", "label"),
            ("begin group", "wonen", "Wonen"),
            ("integer", "wonen", "Huur?"),
            ("end group",),
        ]
    )

    imported = read_xlsform(data, "x.xlsx").questionnaire

    assert imported is not None
    assert [(s.name, [q.name for q in s.questions]) for s in imported.sections] == [
        ("wonen", ["wonen"])
    ]
