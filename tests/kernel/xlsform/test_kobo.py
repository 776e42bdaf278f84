"""A realistic KoboToolbox export: what imports, and the notes on what does not."""

from __future__ import annotations

from pathlib import Path

from ledenpanel.kernel.questionnaire.schema import (
    Condition,
    Operator,
    Questionnaire,
    QuestionType,
)
from ledenpanel.kernel.xlsform import read_xlsform, validate_with_pyxform, write_xlsform
from tests.support.kobo import kobo_form
from tests.support.xlsform import xlsx

SAMPLE = Path(__file__).parent / "data" / "kobo_ledenpeiling.xlsx"


def test_it_is_a_form_pyxform_converts() -> None:
    assert validate_with_pyxform(kobo_form()) == []


def test_it_keeps_the_stored_sample_in_step() -> None:
    stored = read_xlsform(SAMPLE.read_bytes(), "kobo.xlsx")

    assert stored == read_xlsform(kobo_form(), "kobo.xlsx")


def test_it_imports_every_supported_question(imported: tuple[Questionnaire, list[str]]) -> None:
    questionnaire, _ = imported

    assert (questionnaire.title, questionnaire.language) == ("Ledenpeiling 2026", "nl")
    assert [(s.name, s.title) for s in questionnaire.sections] == [
        ("section_1", ""),
        ("over_u", "Over u"),
        ("section_3", ""),
    ]
    assert [(q.name, q.type) for q in questionnaire.questions()] == [
        ("welkom", QuestionType.INFO),
        ("leeftijd", QuestionType.NUMBER),
        ("regio", QuestionType.SINGLE_CHOICE),
        ("afdeling", QuestionType.SINGLE_CHOICE),
        ("lang_lid", QuestionType.SINGLE_CHOICE),
        ("stellingen", QuestionType.GRID),
        ("bestuur", QuestionType.AGREE_SCALE),
        ("themas", QuestionType.MULTIPLE_CHOICE),
        ("toelichting", QuestionType.LONG_TEXT),
        ("uren", QuestionType.NUMBER),
        ("aanbevelen", QuestionType.RATING),
        ("bedankt", QuestionType.INFO),
    ]


def test_it_keeps_languages_conditions_and_details(
    imported: tuple[Questionnaire, list[str]],
) -> None:
    questionnaire, _ = imported
    question = questionnaire.question

    assert questionnaire.sections[1].translations == {"en": "About you", "tr": "Hakkınızda"}
    age = question("leeftijd")
    assert age is not None
    assert (age.minimum, age.maximum, age.required) == (16, 120, True)
    assert age.translations == {
        "en": {"label": "How old are you?"},
        "tr": {"label": "Kaç yaşındasınız?"},
    }
    grid = question("stellingen")
    assert grid is not None
    assert [s.name for s in grid.statements] == ["st_wonen", "st_zorg"]
    assert grid.statements[0].translations == {"en": "Housing is urgent.", "tr": "Konut."}
    assert [o.dont_know for o in grid.options] == [False] * 5 + [True]
    assert grid.options[0].translations["tr"] == "Kesinlikle katılmıyorum"
    board = question("bestuur")
    assert board is not None
    assert board.show_if == [Condition("lang_lid", Operator.EQUALS, "ja")]
    themes = question("themas")
    assert themes is not None
    assert (themes.randomize, themes.hint) == (True, "Meerdere antwoorden mogelijk")
    other = question("toelichting")
    assert other is not None
    assert other.show_if == [Condition("themas", Operator.SELECTED, "anders")]
    thanks = question("bedankt")
    assert thanks is not None
    assert thanks.show_if == [Condition("bestuur", Operator.ANSWERED)]
    rating = question("aanbevelen")
    assert rating is not None
    assert rating.options == []


def test_it_tells_what_was_not_imported(imported: tuple[Questionnaire, list[str]]) -> None:
    _, notes = imported

    assert notes == [
        "settings column 'style' ('pages') not imported",
        "choices column 'regio' not imported",
        "survey rows 2, 3, 4, 5 (start, end, today, deviceid): metadata not imported",
        "survey row 8 (leeftijd): constraint_message::Nederlands (nl) 'Tussen 16 en 120' "
        "not imported",
        "survey row 10 (afdeling): choice_filter 'regio=${regio}' not imported",
        "survey row 20 (aantal_themas): calculate question not imported",
        "survey row 21 (uren): show-if condition '${aantal_themas} > 2' not imported",
        "survey rows 22-25 (kinderen): repeat 'Kinderen' with 2 questions not imported",
        "survey row 26 (locatie): geopoint question not imported",
        "survey row 28 (geboren): date question not imported",
    ]


def test_it_exports_the_imported_form_again_unchanged(
    imported: tuple[Questionnaire, list[str]],
) -> None:
    questionnaire, _ = imported

    data = write_xlsform(questionnaire)
    again = read_xlsform(data, "again.xlsx")

    assert validate_with_pyxform(data, warnings=True) == []
    assert again.questionnaire == questionnaire
    assert again.not_imported == []


def test_it_uses_kobos_autoname_when_the_name_is_empty() -> None:
    data = xlsx([["type", "name", "$autoname", "label"], ["text", None, "Uw_naam", "Naam"]])

    result = read_xlsform(data, "kobo.xlsx")

    assert result.questionnaire is not None
    assert [q.name for q in result.questionnaire.questions()] == ["Uw_naam"]


def test_it_skips_kobo_matrix_blocks_with_a_note() -> None:
    data = xlsx(
        [
            ["type", "name", "label"],
            ["begin_kobomatrix", "matrix", "Matrix"],
            ["select_one yn", "m_1", "Rij"],
            ["end_kobomatrix", None, None],
            ["note", "n", "Hoi"],
        ]
    )

    result = read_xlsform(data, "kobo.xlsx")

    assert result.questionnaire is not None
    assert [q.name for q in result.questionnaire.questions()] == ["n"]
    assert result.not_imported == [
        "survey rows 2-4 (matrix): matrix 'Matrix' with 1 question not imported"
    ]
