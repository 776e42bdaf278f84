"""The app's own XLSForm export (ledenpanel.kernel.xlsform) read back for analysis."""

from __future__ import annotations

from pathlib import Path

from ledenpanel.analysis.data import Scale
from ledenpanel.analysis.inputs import read_form, read_responses

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_apps_export_reads_back_question_for_question(app_form):
    form = read_form(app_form)

    assert form.title == "Ledenpeiling 2026"
    assert [q.name for q in form.questions] == [
        "kanaal", "stelling", "tevredenheid", "st_1", "st_2", "budget", "volgorde", "jaren",
        "toelichting",
    ]  # fmt: skip
    assert form.question("kanaal").label == "Hoe hoorde u van het panel?"


def test_a_points_group_is_one_points_question_with_its_parts_and_total(app_form):
    form = read_form(app_form)

    budget = form.question("budget")
    assert budget.type == "points"
    assert budget.label == "Verdeel 100 punten"
    assert [(c.name, c.label) for c in budget.choices] == [
        ("wegen", "Wegen"), ("zorg", "Zorg"), ("cultuur", "Cultuur"),
    ]  # fmt: skip
    assert budget.points_total == 100
    assert "budget_total" in form.other_fields
    assert form.question("budget_wegen") is None


def test_grid_statements_are_agree_questions_with_weet_niet(app_form):
    form = read_form(app_form)

    for name in ("stelling", "st_1", "st_2"):
        question = form.question(name)
        assert question.scale == Scale.AGREE
        assert [c.name for c in question.opinion_choices] == [
            "helemaal_oneens", "oneens", "neutraal", "eens", "helemaal_eens",
        ]  # fmt: skip
        assert question.choice("weet_niet").dont_know


def test_a_rating_is_a_0_to_10_rating_with_weet_niet_apart(app_form):
    rating = read_form(app_form).question("tevredenheid")

    assert rating.scale == Scale.RATING
    assert [c.name for c in rating.opinion_choices] == [str(i) for i in range(11)]
    assert rating.choice("weet_niet").dont_know


def test_single_choice_keeps_numeric_names_and_its_marked_dont_know(app_form):
    kanaal = read_form(app_form).question("kanaal")

    assert kanaal.scale == Scale.NOMINAL
    assert [(c.name, c.dont_know) for c in kanaal.choices] == [
        ("1", False), ("2", False), ("3", False), ("99", True),
    ]  # fmt: skip


def test_the_apps_semicolon_export_with_bom_reads_with_open_flags(app_form):
    form = read_form(app_form)

    responses = read_responses(FIXTURES / "app_export.csv", form)

    assert len(responses) == 3
    assert responses.answers["kanaal"] == ["1", "99", "3"]
    assert responses.answers["tevredenheid"] == ["8", "weet_niet", "0"]
    assert responses.answers["st_2"] == ["weet_niet", "eens", "eens"]
    # An empty part of an answered points question counts 0, as the app's total does.
    assert responses.answers["budget"] == [
        {"wegen": 50.0, "zorg": 30.0, "cultuur": 20.0},
        {"wegen": 100.0, "zorg": 0.0, "cultuur": 0.0},
        None,
    ]
    assert responses.answers["volgorde"] == [("b", "a", "c"), ("a", "b", "c"), None]
    assert responses.answers["jaren"] == [12.0, 3.0, None]
    assert responses.answers["toelichting"] == ["Goed; maar duur", None, None]
    assert responses.background == {
        "regio": ["Noord", "Zuid", None],
        "leeftijd": ["35-49", "65+", None],
    }
    assert responses.is_open == [False, False, True]
    assert len(responses.members_only()) == 2


def test_points_parts_are_found_behind_kobo_and_central_group_paths(app_form, tmp_path):
    form = read_form(app_form)
    header = [
        "kanaal", "stelling", "tevredenheid", "stellingen/st_1", "stellingen/st_2",
        "budget/budget_wegen", "budget/budget_zorg", "budget-budget_cultuur", "budget/budget_total",
        "volgorde", "jaren", "toelichting",
    ]  # fmt: skip
    path = tmp_path / "kobo.csv"
    path.write_text(",".join(header) + "\n1,eens,7,eens,eens,10,20,70,100,a b c,4,\n")

    responses = read_responses(path, form)

    assert responses.answers["budget"] == [{"wegen": 10.0, "zorg": 20.0, "cultuur": 70.0}]
    assert responses.background == {}
