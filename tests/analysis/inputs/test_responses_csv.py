"""Reading responses CSVs as KoboToolbox, ODK Central and the app export them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledenpanel.analysis.inputs import MAX_PROBLEMS, InputError, read_form, read_responses

FIXTURES = Path(__file__).parent / "fixtures"

SMALL_HEADER = "q3,n,x,m,r,t,region"


def _problems(path, form) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_responses(path, form)
    return [str(problem) for problem in caught.value.problems]


# -- exports as the tools write them ----------------------------------------------


def test_a_kobo_export_reads_with_group_paths_and_option_columns(kobo_form):
    warnings = []
    responses = read_responses(
        FIXTURES / "kobo_export.csv", read_form(kobo_form), warnings=warnings
    )

    assert len(responses) == 4
    assert responses.answers["member"] == ["yes", "no", "yes", "yes"]
    assert responses.answers["topics"] == [
        frozenset({"housing", "care"}), frozenset({"climate"}), None, frozenset({"housing"}),
    ]  # fmt: skip
    assert responses.answers["s1"] == ["sd", "dk", "n", "a"]
    assert responses.answers["s2"] == ["a", "sa", None, "d"]
    assert responses.answers["age_years"] == [34.0, 61.0, None, 45.0]
    assert responses.answers["hours"] == [12.5, None, None, 3.0]
    assert responses.answers["prio"] == [("b", "a", "c"), ("a", "b", "c"), None, ("c", "b", "a")]
    assert responses.answers["remarks"] == ["Meer, graag", None, None, "Regel een\nregel twee"]
    assert responses.is_open is None


def test_kobo_metadata_and_option_columns_are_neither_questions_nor_background(kobo_form):
    warnings = []
    responses = read_responses(
        FIXTURES / "kobo_export.csv", read_form(kobo_form), warnings=warnings
    )

    assert responses.background == {"region": ["Noord", "Zuid", "Noord", None]}
    ignored = str(warnings[0])
    for column in ("_id", "_uuid", "_submission_time", "__version__", "start", "score"):
        assert column in ignored


def test_an_odk_central_export_gives_the_same_responses_as_kobos(kobo_form):
    form = read_form(kobo_form)

    central = read_responses(FIXTURES / "odk_central_export.csv", form)
    kobo = read_responses(FIXTURES / "kobo_export.csv", form)

    assert central == kobo


def test_numeric_choice_names_are_kept_as_names(kobo_form):
    responses = read_responses(FIXTURES / "kobo_export.csv", read_form(kobo_form))

    assert responses.answers["code"] == ["1", "99", "3", "2"]


def test_a_select_multiple_is_rebuilt_from_its_option_columns_alone(small_form, write_csv):
    path = write_csv(
        "q3,n,x,grp/m/a,grp/m/b,grp/m/c,r,t\n1,1,1,1,0,1,a,\n1,1,1,0,0,0,a,\n1,1,1,,,,a,\n"
    )

    responses = read_responses(path, small_form)

    assert responses.answers["m"] == [frozenset({"a", "c"}), None, None]


def test_semicolons_are_detected_and_quoted_commas_kept(small_form, write_csv):
    path = write_csv('q3;n;x;m;r;t;region\n2;5;3,5;a b;c b a;"ja, maar; toch";Noord\n')

    responses = read_responses(path, small_form)

    assert responses.answers["x"] == [3.5]  # a decimal comma
    assert responses.answers["t"] == ["ja, maar; toch"]
    assert responses.background == {"region": ["Noord"]}


def test_empty_and_n_a_cells_are_not_answered(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER}\n,n/a,N/A,,n/a, ,n/a\n")

    responses = read_responses(path, small_form)

    assert all(values == [None] for values in responses.answers.values())
    assert responses.background == {"region": [None]}


def test_an_open_column_fills_is_open(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER},_open\n1,,,,,,,1\n1,,,,,,,false\n1,,,,,,,\n")

    assert read_responses(path, small_form).is_open == [True, False, False]


def test_rows_with_only_empty_fields_are_skipped_with_a_warning(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER}\n1,,,,,,\n,,,,,,\n\n")
    warnings = []

    responses = read_responses(path, small_form, warnings=warnings)

    assert len(responses) == 1
    assert any("1 rows with only empty fields skipped" in str(w) for w in warnings)


# -- bad input: each problem names file, line and column ---------------------------


def test_an_unknown_choice_names_line_column_and_the_forms_choices(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER}\n1,,,,,,\n7,,,,,,\n")

    assert _problems(path, small_form) == [
        f'{path}, line 3, column "q3" (1): unknown choice "7" for question q3; '
        "the form's choices are 1, 2, 3, 99."
    ]


def test_1_0_is_not_the_choice_1(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER}\n1.0,,,,,,\n")

    assert _problems(path, small_form) == [
        f'{path}, line 2, column "q3" (1): unknown choice "1.0" for question q3; '
        "the form's choices are 1, 2, 3, 99."
    ]


def test_labels_instead_of_names_get_a_hint(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER}\nChoice 2,,,,,,\n")

    (problem,) = _problems(path, small_form)
    assert 'is a label, not a choice name, for question q3 (choice "2")' in problem


def test_unknown_names_in_select_multiple_and_rank_and_repeated_ranks(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER}\n,,,a z,,,\n,,,,a a,,\n")

    assert _problems(path, small_form) == [
        f'{path}, line 2, column "m" (4): unknown choice "z" for question m; '
        "the form's choices are a, b, c.",
        f'{path}, line 3, column "r" (5): ranking "a a" for question r names a choice twice',
    ]


def test_every_missing_question_is_reported_at_once(small_form, write_csv):
    path = write_csv("q3,x,t,region\n1,2,,Noord\n")

    assert _problems(path, small_form) == [
        f"{path}, line 1: no column for the form's questions n, m, r."
    ]


def test_a_header_of_labels_is_told_apart(small_form, write_csv):
    path = write_csv("Q3,N,X,M,R,T\n1,2,3,a,a,t\n")

    (problem,) = _problems(path, small_form)
    assert problem.startswith(f"{path}, line 1: the header holds the labels of the form's")
    assert 'Export the responses again with "XML values and headers"' in problem


def test_non_numbers_and_fractions_in_number_columns(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER}\n,twelve,,,,,\n,2.5,1.2.3,,,,\n,1e3,-0.5,,,,\n")

    assert _problems(path, small_form) == [
        f'{path}, line 2, column "n" (2): "twelve" is not a whole number (question n)',
        f'{path}, line 3, column "n" (2): "2.5" is not a whole number (question n)',
        f'{path}, line 3, column "x" (3): "1.2.3" is not a number (question x)',
    ]


def test_a_row_with_the_wrong_number_of_fields_is_refused(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER}\n1,,,,,,\n1,,,\n2,,,,,,,,\n")

    assert _problems(path, small_form) == [
        f"{path}, line 3: 4 fields where the header has 7 (is a comma or quote out of place?)",
        f"{path}, line 4: 9 fields where the header has 7 (is a comma or quote out of place?)",
    ]


def test_line_numbers_count_the_lines_inside_quoted_answers(small_form, write_csv):
    path = write_csv(f'{SMALL_HEADER}\n1,,,,,"one\ntwo\nthree",\n5,,,,,,\n')

    assert _problems(path, small_form)[0].startswith(f'{path}, line 5, column "q3" (1)')


def test_bytes_that_are_not_utf8_name_their_line(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER}\n1,,,,,,\n1,,,,,café,\n", encoding="latin-1")

    assert _problems(path, small_form) == [
        f"{path}, line 3: byte 0xe9 is not UTF-8: save the file as CSV (UTF-8)"
    ]


def test_an_empty_file_is_refused(small_form, write_csv):
    path = write_csv("\ufeff\n")

    assert _problems(path, small_form) == [f"{path}: is empty"]


def test_a_column_twice_in_the_header_is_refused(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER},region\n1,,,,,,,\n")

    assert _problems(path, small_form) == [
        f'{path}, line 1, column "region" (8): the header has this column twice (also column 7)'
    ]


def test_two_columns_for_one_question_are_refused(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER},grp/q3\n1,,,,,,,1\n")

    assert _problems(path, small_form) == [
        f'{path}, line 1, column "grp/q3" (8): column "q3" holds the same answers (question q3)'
    ]


def test_a_bad_open_flag_is_refused(small_form, write_csv):
    path = write_csv(f"{SMALL_HEADER},_open\n1,,,,,,,maybe\n")

    assert _problems(path, small_form) == [
        f'{path}, line 2, column "_open" (8): "maybe" is not 1 or 0'
    ]


def test_many_problems_are_capped_and_counted(small_form, write_csv):
    rows = "1,2\n" * 18  # 18 rows of the wrong width
    rows += "".join(f"{code},,,,,,\n" for code in range(10, 40))  # 30 unknown q3 codes
    path = write_csv(f"{SMALL_HEADER}\n{rows}")

    problems = _problems(path, small_form)

    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[17].startswith(f"{path}, line 19: 2 fields where the header has 7")
    assert problems[18].startswith(f'{path}, line 20, column "q3" (1): unknown choice "10"')
    # The third unknown code and the count of the other 27 did not fit.
    assert problems[-1] == f"{path}: … and 2 more problems not shown"
