"""Drafted points only where the figures carry them: enough effective answers, an
interval on the same side of the threshold, the weighted panel figure, and one
kind per statement."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from ledenpanel.analysis.data import Choice, Form, Options, Question, Responses, Scale
from ledenpanel.analysis.discussion import draft_discussion_points, dutch_title
from ledenpanel.analysis.engine import analyse

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "analysis.schema.json").read_text("utf-8")
)
AGREE = ["helemaal_oneens", "oneens", "neutraal", "eens", "helemaal_eens"]


def _statement(name: str, counts: list[int], **extra) -> dict:
    """A statement as the engine shapes it from these answer counts (no "weet niet")."""
    n = sum(counts)
    options = [
        {"name": option, "label": option, "share": count / n, "dont_know": False}
        for option, count in zip(AGREE, counts, strict=True)
    ]
    return {
        "name": name,
        "type": "select_one",
        "label": f"Stelling {name}",
        "scale": "agree",
        "n_valid": n,
        "n_opinion": n,
        "effective_n": float(n),
        "options": options,
        **extra,
    }


def _side(share: float, low: float, high: float, *, weighted: bool = False) -> dict:
    side = {"count": 0, "share": share, "ci_low": low, "ci_high": high, "options": []}
    if weighted:
        side.update(weighted_share=share, weighted_ci_low=low, weighted_ci_high=high)
    return side


def _kinds(questions: list[dict], **extra) -> dict[str, str]:
    points = draft_discussion_points({"questions": questions, **extra})
    return {point["evidence"]["questions"][0]: point["kind"] for point in points}


def test_it_drafts_no_majority_on_eight_answers() -> None:
    # 7 of 8 agree: 88 %, which the old rule called a clear majority.
    assert _kinds([_statement("klein", [0, 1, 0, 3, 4])]) == {}


def test_it_drafts_no_majority_whose_interval_reaches_half() -> None:
    # 40 answers, 62 % agree: Wilson 47–75 %, so "a majority" is not established.
    question = _statement("nipt", [5, 5, 5, 12, 13])
    assert _kinds([question]) == {}
    # The same share on 400 answers is a majority.
    assert _kinds([_statement("ruim", [50, 50, 50, 120, 130])]) == {"ruim": "majority"}


def test_the_weighted_interval_and_effective_n_decide_where_the_panel_was_weighted() -> None:
    sides = {"agree": _side(0.7, 0.62, 0.77, weighted=True), "disagree": _side(0.1, 0.06, 0.15)}
    strong = _statement("gewogen", [10, 10, 10, 35, 35], effective_n_opinion=80.0, **sides)
    assert _kinds([strong]) == {"gewogen": "majority"}
    # 100 answers, but the weights leave an effective n of 20.
    assert _kinds([{**strong, "effective_n_opinion": 20.0}]) == {}
    # The weighted interval reaches 50 %: no majority, whatever the unweighted one says.
    wide = {**sides, "agree": _side(0.62, 0.48, 0.74, weighted=True)}
    assert _kinds([{**strong, **wide}]) == {}


def test_an_open_door_needs_its_interval_at_or_above_ninety_percent() -> None:
    # 60 answers, 92 % agree: Wilson 82–96 %, a clear majority but not an open door.
    assert _kinds([_statement("bijna", [1, 1, 3, 25, 30])]) == {"bijna": "majority"}
    # 600 answers, 95 % agree: Wilson 93–96 %.
    assert _kinds([_statement("deur", [5, 5, 20, 270, 300])]) == {"deur": "open_door"}


def test_a_statement_every_opinion_group_shares_is_drafted_once() -> None:
    groups = {
        "outcome": "groups",
        "consensus": [
            {"statement": "deur", "direction": "agree", "agree_by_group": {"A": 0.9, "B": 0.95}},
            {"statement": "stil", "direction": "agree", "agree_by_group": {"A": 0.6, "B": 0.7}},
        ],
    }
    questions = [
        _statement("deur", [5, 5, 20, 270, 300]),
        _statement("stil", [10, 10, 25, 5, 5]),  # too few with an opinion on it overall
    ]
    points = draft_discussion_points({"questions": questions, "opinion_groups": groups})

    door = [point for point in points if point["evidence"]["questions"] == ["deur"]]
    assert [point["kind"] for point in door] == ["open_door"]
    assert door[0]["evidence"]["all_groups"] is True
    assert door[0]["title"].endswith("ook in elke meningsgroep")
    assert [p["kind"] for p in points if p["evidence"]["questions"] == ["stil"]] == ["consensus"]


def test_a_group_difference_quotes_the_weighted_panel_figure() -> None:
    question = _statement("woning", [20, 20, 20, 120, 120])
    question["options"][3].update(weighted_share=0.3)  # "eens" in the whole panel, weighted
    result = {
        "questions": [question],
        "groups": {
            "variables": [
                {"name": "age", "label": "leeftijd", "groups": [{"name": "a1", "label": "16-34"}]}
            ],
            "notable": [
                {
                    "question": "woning",
                    "by": "age",
                    "cramers_v": 0.2,
                    "p_adjusted": 0.01,
                    "largest_difference": {
                        "group": "a1",
                        "option": "eens",
                        "group_share": 0.55,
                        "overall_share": 0.41,  # the shown groups together: not the panel
                    },
                }
            ],
        },
    }
    [point] = [p for p in draft_discussion_points(result) if p["kind"] == "group_difference"]

    assert point["params"]["panel_share"] == 0.3
    assert point["title"] == (
        "Verschil naar leeftijd bij “Stelling woning”: groep 16-34 kiest “eens” 55 % "
        "tegen 30 % in het hele panel"
    )
    assert "gemiddeld" not in point["title"]


def test_every_point_has_a_code_its_params_and_its_dutch_title() -> None:
    questions = [
        _statement("ruim", [50, 50, 50, 120, 130]),
        _statement("tegen", [150, 130, 50, 40, 30]),
        _statement("verdeeld", [100, 100, 20, 100, 100]),
    ]
    points = draft_discussion_points({"questions": questions})

    codes = {point["params"]["question"]: point["code"] for point in points}
    assert codes == {"ruim": "majority_agree", "tegen": "majority_disagree", "verdeeld": "divided"}
    for point in points:
        assert dutch_title(point["code"], point["params"]) == point["title"]
        jsonschema.validate(point, SCHEMA["$defs"]["discussionPoint"])


def _tiny_panel(respondents: int) -> tuple[Form, Responses]:
    choices = tuple(Choice(name, name) for name in AGREE)
    question = Question("stelling", "select_one", "Stelling", choices, Scale.AGREE)
    statements = [Question(f"s{i}", "select_one", f"S{i}", choices, Scale.AGREE) for i in range(3)]
    form = Form("Klein", (question, *statements))
    answers = {"stelling": ["helemaal_eens"] * (respondents - 1) + ["oneens"]}
    for statement in statements:
        answers[statement.name] = [AGREE[i % 5] for i in range(respondents)]
    return form, Responses(answers=answers)


def test_the_engine_drafts_no_majority_for_a_small_panel() -> None:
    form, responses = _tiny_panel(12)
    result = analyse(form, responses, options=Options(min_group=5))

    assert result["discussion_points"] == []
    statement = result["questions"][0]
    assert statement["agree"]["share"] > 0.9
    assert statement["effective_n_opinion"] == 12.0
    jsonschema.validate(result, SCHEMA)
