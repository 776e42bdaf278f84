"""Reading XLSForms (KoboToolbox/ODK style) into the analysis' Form."""

from __future__ import annotations

import pytest

from ledenpanel.analysis.data import Scale
from ledenpanel.analysis.inputs import InputError, read_form

AGREE_CHOICES = [
    {"list_name": "ag", "name": name, "label": label}
    for name, label in [
        ("1", "Strongly agree"),
        ("2", "Agree"),
        ("3", "Neutral"),
        ("4", "Disagree"),
        ("5", "Strongly disagree"),
        ("9", "No opinion"),
    ]
]


def _one(make_form, survey_row, choices=()):
    form = read_form(make_form([survey_row], choices))
    (question,) = form.questions
    return question


def _problems(path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_form(path)
    return [str(problem) for problem in caught.value.problems]


def test_it_takes_answerable_rows_as_questions_named_without_group_path(kobo_form):
    form = read_form(kobo_form)

    assert form.title == "Member survey"
    assert [q.name for q in form.questions] == [
        "member", "topics", "s1", "s2", "age_years", "hours", "code", "prio", "remarks",
    ]  # fmt: skip
    types = {q.name: q.type for q in form.questions}
    assert types["topics"] == "select_multiple"
    assert types["prio"] == "rank"
    assert types["age_years"] == "integer"
    assert types["hours"] == "decimal"


def test_metadata_notes_and_calculates_are_known_fields_not_questions(kobo_form):
    form = read_form(kobo_form)

    assert {"start", "end", "intro", "score"} <= form.other_fields
    assert not {"start", "end", "intro", "score"} & {q.name for q in form.questions}


def test_labels_come_from_the_default_language_column_else_another(kobo_form):
    form = read_form(kobo_form)

    member = form.question("member")
    assert member.label == "Bent u lid?"
    assert [c.label for c in member.choices] == ["Ja", "Nee"]
    # No Dutch label on this row: the English one stands in.
    assert form.question("s1").label == "Statement one"


def test_without_default_language_the_first_label_column_is_used(make_form):
    question = _one(
        make_form,
        {"type": "text", "name": "q", "label::English (en)": "Why?", "label::Frysk (fy)": "Wêrom?"},
    )

    assert question.label == "Why?"


def test_grid_rows_are_each_a_question_on_the_shared_scale(kobo_form):
    form = read_form(kobo_form)

    s1, s2 = form.question("s1"), form.question("s2")
    assert s1.scale == s2.scale == Scale.AGREE
    assert [c.name for c in s1.opinion_choices] == ["sd", "d", "n", "a", "sa"]
    assert s1.choice("dk").dont_know


def test_numeric_choice_names_stay_text_and_99_is_dont_know(kobo_form):
    code = read_form(kobo_form).question("code")

    assert [c.name for c in code.choices] == ["1", "2", "3", "99"]
    assert code.choice("99").dont_know
    # Numbers as codes for words are not a rating.
    assert code.scale == Scale.NOMINAL


def test_an_agree_first_scale_is_put_in_disagree_first_order(make_form):
    question = _one(make_form, {"type": "select_one ag", "name": "q"}, AGREE_CHOICES)

    assert question.scale == Scale.AGREE
    assert [c.label for c in question.choices] == [
        "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree", "No opinion",
    ]  # fmt: skip
    assert [c.dont_know for c in question.choices] == [False] * 5 + [True]


@pytest.mark.parametrize(
    "labels",
    [
        ["Helemaal oneens", "Oneens", "Eens", "Helemaal eens"],
        ["Helemaal niet mee eens", "Niet mee eens", "Neutraal", "Mee eens", "Helemaal mee eens"],
    ],
)
def test_dutch_agree_labels_make_an_agree_scale(make_form, labels):
    choices = [
        {"list_name": "l", "name": f"o{i}", "label": label} for i, label in enumerate(labels)
    ]

    question = _one(make_form, {"type": "select_one l", "name": "q"}, choices)

    assert question.scale == Scale.AGREE
    assert [c.label for c in question.choices] == labels


def test_a_frequency_scale_saying_eens_is_no_agree_scale(make_form):
    labels = ["Nooit", "Eens per jaar", "Eens per maand", "Eens per week"]
    choices = [
        {"list_name": "l", "name": f"o{i}", "label": label} for i, label in enumerate(labels)
    ]

    assert _one(make_form, {"type": "select_one l", "name": "q"}, choices).scale == Scale.NOMINAL


def test_a_run_of_numbers_labelled_by_number_is_a_rating(make_form):
    choices = [{"list_name": "r", "name": str(i), "label": str(i)} for i in range(1, 6)]
    choices[0]["label"] = "1 - very bad"
    choices[-1]["label"] = "Very good"
    choices.append({"list_name": "r", "name": "dk", "label": "Weet niet"})

    question = _one(make_form, {"type": "select_one r", "name": "q"}, choices)

    assert question.scale == Scale.RATING
    assert question.choice("dk").dont_know


def test_likert_appearance_makes_ordered_words_ordinal(make_form):
    choices = [
        {"list_name": "f", "name": name, "label": name} for name in ("never", "sometimes", "often")
    ]
    row = {"type": "select_one f", "name": "q", "appearance": "likert"}

    assert _one(make_form, row, choices).scale == Scale.ORDINAL
    del row["appearance"]
    assert _one(make_form, row, choices).scale == Scale.NOMINAL


def test_missing_column_decides_dont_know_over_name_and_label(make_form):
    choices = [
        {"list_name": "l", "name": "a", "label": "A", "missing": "no"},
        {"list_name": "l", "name": "dk", "label": "Weet niet", "missing": "no"},
        {"list_name": "l", "name": "x", "label": "Pass", "missing": "yes"},
    ]

    question = _one(make_form, {"type": "select_one l", "name": "q"}, choices)

    assert [c.dont_know for c in question.choices] == [False, False, True]


def test_or_other_adds_the_other_choice_and_its_text_field(make_form):
    form = read_form(
        make_form(
            [{"type": "select_one l or_other", "name": "q"}],
            [{"list_name": "l", "name": "a"}, {"list_name": "l", "name": "b"}],
        )
    )

    assert [c.name for c in form.question("q").choices] == ["a", "b", "other"]
    assert "q_other" in form.other_fields


def test_select_from_file_is_a_select_one_without_choices(make_form):
    question = _one(make_form, {"type": "select_one_from_file towns.csv", "name": "town"})

    assert (question.type, question.choices) == ("select_one", ())


def test_range_0_to_10_is_a_rating_and_other_ranges_numbers(make_form):
    rating = _one(make_form, {"type": "range", "name": "r", "parameters": "start=0 end=10 step=1"})
    other = _one(make_form, {"type": "range", "name": "r", "parameters": "start=0 end=1 step=0.1"})

    assert rating.type == "select_one"
    assert rating.scale == Scale.RATING
    assert [c.name for c in rating.choices] == [str(i) for i in range(11)]
    assert other.type == "decimal"


def test_questions_inside_a_repeat_are_left_out_with_a_warning(make_form):
    warnings = []
    form = read_form(
        make_form(
            [
                {"type": "text", "name": "kept"},
                {"type": "begin repeat", "name": "children"},
                {"type": "integer", "name": "child_age"},
                {"type": "end repeat"},
            ]
        ),
        warnings=warnings,
    )

    assert [q.name for q in form.questions] == ["kept"]
    assert "1 questions inside repeats" in str(warnings[0])


def test_kobo_autoname_stands_in_for_an_empty_name(make_form):
    question = _one(make_form, {"type": "text", "name": None, "$autoname": "why"})

    assert question.name == "why"


# -- bad forms ------------------------------------------------------------------


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_text("type,name\ntext,q\n")

    assert _problems(path) == [f"{path}: is not an .xlsx file (an XLSForm is an Excel workbook)"]


def test_a_broken_zip_is_refused(tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")

    (problem,) = _problems(path)
    assert problem.startswith(f"{path}: is not a readable .xlsx workbook")


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_bytes(b"")

    assert _problems(path) == [f"{path}: is empty"]


def test_a_workbook_without_survey_sheet_is_refused(tmp_path):
    from tests.support.workbooks import write_workbook

    path = write_workbook(tmp_path / "f.xlsx", {"Sheet1": [{"a": 1}]})

    assert _problems(path) == [f'{path}: has no "survey" sheet: is it an XLSForm?']


def test_a_survey_without_type_column_is_refused(make_form):
    path = make_form([{"name": "q", "label": "Q"}])

    assert _problems(path) == [
        f'{path}, sheet "survey", row 1: the survey sheet has no type column'
    ]


def test_unknown_list_unknown_type_and_duplicate_names_are_reported_together(make_form):
    path = make_form(
        [
            {"type": "select_one nolist", "name": "q1"},
            {"type": "selct_one l", "name": "q2"},
            {"type": "begin group", "name": "g"},
            {"type": "text", "name": "q3"},
            {"type": "end group"},
            {"type": "integer", "name": "q3"},
        ],
        [{"list_name": "l", "name": "a"}],
    )

    assert _problems(path) == [
        f'{path}, sheet "survey", row 2, column "type": list "nolist" is not on the choices sheet',
        f'{path}, sheet "survey", row 3, column "type": unknown type "selct_one l"',
        f'{path}, sheet "survey", row 7, column "name": duplicate question name q3 (also on row 5)',
    ]


def test_unmatched_groups_are_refused(make_form):
    path = make_form(
        [
            {"type": "begin group", "name": "open"},
            {"type": "text", "name": "q"},
            {"type": "end repeat"},
        ]
    )

    assert _problems(path) == [
        f'{path}, sheet "survey", row 4, column "type": \'end repeat\' matches no '
        "'begin repeat' ('end group')",
        f"{path}, sheet \"survey\", row 2, column \"type\": 'begin group' open has no 'end'",
    ]


def test_duplicate_choice_names_are_refused(make_form):
    path = make_form(
        [{"type": "select_one l", "name": "q"}],
        [{"list_name": "l", "name": "a"}, {"list_name": "l", "name": "a"}],
    )

    assert _problems(path) == [
        f'{path}, sheet "choices", row 3, column "name": duplicate choice name "a" in list l'
    ]
