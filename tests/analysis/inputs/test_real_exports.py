"""Exports as other tools write them: absent columns, R's NA, older form versions."""

from __future__ import annotations

import pytest

from ledenpanel.analysis.inputs import InputError, Missing, read_export, read_form, read_responses

HEADER = "q3,n,x,m,r,t,region"


def _problems(path, form, **options) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_export(path, form, **options)
    return [str(problem) for problem in caught.value.problems]


# -- a question without a column -------------------------------------------------------


def test_a_question_without_a_column_is_a_warning_naming_it(small_form, write_csv):
    path = write_csv("q3,x,t,region\n1,2,,Noord\n2,,hoi,Zuid\n")
    warnings = []

    export = read_export(path, small_form, warnings=warnings)

    assert export.absent == ("n", "m", "r")
    assert export.responses.answers["n"] == [None, None]
    assert export.responses.answers["q3"] == ["1", "2"]
    assert [q.name for q in export.form_present(small_form).questions] == ["q3", "x", "t"]
    (note,) = [str(w) for w in warnings if "no column" in str(w)]
    assert note.startswith(f"{path}, line 1: no column for the form's questions n, m, r:")


def test_strict_refuses_a_question_without_a_column(small_form, write_csv):
    path = write_csv("q3,x,t,region\n1,2,,Noord\n")

    assert _problems(path, small_form, strict=True) == [
        f"{path}, line 1: no column for the form's questions n, m, r."
    ]


def test_an_export_without_any_question_column_is_still_refused(small_form, write_csv):
    path = write_csv("regio,leeftijd\nNoord,18-34\n")  # another form's export

    (problem,) = _problems(path, small_form)
    assert "does the header hold labels instead of names" in problem


# -- missing codes --------------------------------------------------------------------


def test_r_na_is_not_answered_in_every_kind_of_column(small_form, write_csv):
    path = write_csv(f"{HEADER}\nNA,NA,NA,NA,NA,NA,NA\n1,3,2.5,a b,b a,tekst,Noord\n")

    responses = read_export(path, small_form).responses

    for name in ("q3", "n", "x", "m", "r", "t"):
        assert responses.answers[name][0] is None, name
    assert responses.background["region"] == [None, "Noord"]
    assert responses.answers["m"][1] == frozenset({"a", "b"})


def test_na_stays_a_choice_where_the_form_has_a_choice_named_na(make_form, write_csv):
    form_path = make_form(
        [{"type": "select_one land", "name": "land", "label": "Land"}],
        [
            {"list_name": "land", "name": "NL", "label": "Nederland"},
            {"list_name": "land", "name": "NA", "label": "Namibië"},
        ],
    )

    form = read_form(form_path)
    path = write_csv("land\nNA\nNL\n\n")

    assert read_export(path, form).responses.answers["land"] == ["NA", "NL"]
    # Named with --missing, it is not answered, choice or not: the user said so.
    assert read_export(path, form, missing=Missing(frozenset({"NA"}))).responses.answers[
        "land"
    ] == [None, "NL"]


def test_extra_missing_codes_are_not_answered_everywhere(small_form, write_csv):
    path = write_csv(f"{HEADER}\n-99,-99,-99,,,-99,-99\n1,4,,,,,Zuid\n")

    responses = read_export(path, small_form, missing=Missing(frozenset({"-99"}))).responses

    assert responses.answers["q3"] == [None, "1"]
    assert responses.answers["n"] == [None, 4.0]
    assert responses.answers["t"] == [None, None]
    assert responses.background["region"] == [None, "Zuid"]


def test_without_the_code_a_missing_code_in_a_number_column_is_refused(small_form, write_csv):
    path = write_csv(f"{HEADER}\n,-99x,,,,,\n")

    assert _problems(path, small_form) == [
        f'{path}, line 2, column "n" (2): "-99x" is not a whole number (question n)'
    ]


# -- answers of an older form version ------------------------------------------------------


def test_answers_that_are_no_choice_are_counted_named_and_read_as_not_answered(
    small_form, write_csv
):
    path = write_csv(f"{HEADER}\n7,,,,,,\n1,,,,,,\n7,,,,,,\n8,,,,,,\n")
    warnings = []

    export = read_export(path, small_form, warnings=warnings)

    assert export.responses.answers["q3"] == [None, "1", None, None]
    (found,) = export.unknown
    assert (found.column, found.question, found.cells) == ("q3", "q3", 3)
    assert found.values == {"7": 2, "8": 1}
    (note,) = [str(w) for w in warnings if "not choices" in str(w)]
    assert note.startswith(f'{path}, column "q3" (1): 3 answers to question q3 hold values')
    assert '("7", "8")' in note
    assert "--strict" in note


def test_a_multiple_choice_keeps_its_known_options_and_a_ranking_is_dropped(small_form, write_csv):
    path = write_csv(f"{HEADER}\n,,,a z,a z b,,\n,,,z,b a,,\n")

    export = read_export(path, small_form)

    assert export.responses.answers["m"] == [frozenset({"a"}), None]
    assert export.responses.answers["r"] == [None, ("b", "a")]
    assert {found.question: found.values for found in export.unknown} == {
        "m": {"z": 2},
        "r": {"z": 1},
    }


def test_strict_refuses_an_answer_that_is_no_choice_with_line_and_column(small_form, write_csv):
    path = write_csv(f"{HEADER}\n1,,,,,,\n7,,,,,,\n")

    assert _problems(path, small_form, strict=True) == [
        f'{path}, line 3, column "q3" (1): unknown choice "7" for question q3; '
        "the form's choices are 1, 2, 3, 99."
    ]


def test_read_responses_stays_strict(small_form, write_csv):
    path = write_csv(f"{HEADER}\n7,,,,,,\n")

    with pytest.raises(InputError):
        read_responses(path, small_form)


def test_labels_instead_of_names_are_refused_even_when_lenient(small_form, write_csv):
    path = write_csv(f"{HEADER}\nChoice 2,,,,,,\n")

    (problem,) = _problems(path, small_form)
    assert 'is a label, not a choice name, for question q3 (choice "2")' in problem
