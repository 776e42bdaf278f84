"""The notes of `ledenpanel analyse`'s readers are coded, so that a Dutch report says them in
Dutch and an English one in English; a note the report does not know is printed as written."""

from __future__ import annotations

import pytest

from ledenpanel.analysis.report import render_html
from ledenpanel.analysis.report.i18n import translator
from ledenpanel.analysis.report.input_notices import (
    INPUT_NOTES,
    SKIP_REASONS,
    input_note,
    input_note_text,
)
from tests.support.report_result import build_result

PARAMS = {
    "count": 2500,
    "more": 3,
    "variables": ["regio", "leeftijd"],
    "variable": "gemeente",
    "categories": ["a", "b"],
    "merged": "overig",
    "columns": ["_id", "X_uuid"],
    "questions": ["stelling_3"],
    "question": "stelling_1",
    "values": ["weet_niet"],
    "choices": [{"name": "x", "list": "oud", "row": 7}],
    "reason": "too_many_categories",
    "max_categories": 12,
    "min_group": 10,
    "max_variables": 8,
    "file": "export.xlsx",
    "sheet": "Peiling",
    "line": 1,
    "column": "lid",
    "column_number": 12,
}


@pytest.mark.parametrize("code", sorted(INPUT_NOTES))
@pytest.mark.parametrize("count", [1, 2500])
def test_every_code_is_a_sentence_in_both_languages(code: str, count: int) -> None:
    note = input_note(code, {**PARAMS, "count": count})
    dutch = input_note_text(note, translator("nl"))
    english = input_note_text(note, translator("en"))

    assert note["text"] == dutch  # the Dutch text, for readers that know no codes
    assert dutch != english
    for text in (dutch, english):
        assert "%(" not in text
        assert "None" not in text
    assert dutch.startswith("export.xlsx, blad “Peiling”, rij 1, kolom “lid” (L): ")
    assert english.startswith("export.xlsx, sheet “Peiling”, row 1, column “lid” (L): ")


@pytest.mark.parametrize("reason", sorted(SKIP_REASONS))
def test_every_reason_to_skip_a_column_is_translated(reason: str) -> None:
    note = input_note("columns_skipped", {**PARAMS, "reason": reason})

    dutch = input_note_text(note, translator("nl"))
    english = input_note_text(note, translator("en"))

    assert "kolommen niet gebruikt voor de kruistabellen (" in dutch
    assert "columns not used for the crosstabs (" in english
    assert dutch.split("(", 1)[1] != english.split("(", 1)[1]


def test_figures_are_written_the_reports_way() -> None:
    note = input_note(
        "columns_skipped",
        {"reason": "question_path", "count": 2500, "columns": ["a/b"], "more": 2499},
    )

    assert input_note_text(note, translator("nl")) == (
        "2.500 kolommen niet gebruikt voor de kruistabellen (een vraagpad: een vraag of optie "
        "van een andere versie van het formulier?): a/b en nog 2.499."
    )
    assert input_note_text(note, translator("en")) == (
        "2,500 columns not used for the crosstabs (a question path: a question or option of "
        "another form version?): a/b and 2,499 more."
    )


def test_a_csv_files_line_and_column_number() -> None:
    note = input_note("questions_without_column", {"file": "x.csv", "line": 1, "questions": ["q"]})
    unknown = input_note("empty_rows_skipped", {"file": "x.csv", "column_number": 3, "count": 1})

    assert input_note_text(note, translator("en")).startswith("x.csv, line 1: no column for")
    assert input_note_text(unknown, translator("nl")) == "x.csv, kolom 3: 1 lege rij overgeslagen."


def test_an_unknown_code_or_an_older_plain_note_is_printed_as_written() -> None:
    note = input_note("from_a_later_version", {"count": 3}, "export.csv: iets nieuws")

    assert note["text"] == "export.csv: iets nieuws"
    assert input_note_text(note, translator("en")) == "export.csv: iets nieuws"
    assert input_note_text("export.csv: an older note", translator("nl")) == (
        "export.csv: an older note"
    )


def test_the_report_prints_the_notes_in_its_language() -> None:
    result = build_result()
    result["input_notes"] = [
        input_note("empty_rows_skipped", {"file": "export.csv", "count": 4}),
        "export.csv: an older result's note",
        {"code": "columns_ignored"},  # no params: still a sentence, never a traceback
    ]

    dutch = render_html(result)
    english = render_html(result, lang="en")

    assert "export.csv: 4 lege rijen overgeslagen." in dutch
    assert "export.csv: 4 empty rows skipped." in english
    assert "lege rijen" not in english
    assert "empty rows" not in dutch
    assert "export.csv: an older result&#39;s note" in english


def test_a_points_questions_part_without_a_column_is_named_in_the_reports_words() -> None:
    note = input_note(
        "questions_without_column",
        {"count": 2, "questions": ["lid"], "parts": [{"question": "budget", "part": "wonen"}]},
    )

    assert "vragen lid, budget (deel wonen) van het formulier" in note["text"]
    assert "questions lid, budget (part wonen):" in input_note_text(note, translator("en"))
