"""Drafted discussion points, each with its evidence."""

from __future__ import annotations

from ledenpanel.analysis.discussion import draft_discussion_points


def _statement(name: str, shares: list[float], n: int = 200) -> dict:
    names = ["helemaal_oneens", "oneens", "neutraal", "eens", "helemaal_eens"]
    options = [
        {"name": option, "label": option, "share": share, "dont_know": False}
        for option, share in zip(names, shares, strict=True)
    ]
    options.append({"name": "weet_niet", "label": "Weet niet", "share": 0.1, "dont_know": True})
    return {
        "name": name,
        "type": "select_one",
        "label": f"Stelling {name}",
        "scale": "agree",
        "n_valid": n,
        "n_opinion": n,
        "options": options,
    }


def _result(**extra) -> dict:
    questions = [
        _statement("deur", [0.01, 0.01, 0.02, 0.3, 0.66]),
        _statement("meerderheid", [0.05, 0.1, 0.15, 0.4, 0.3]),
        _statement("verdeeld", [0.2, 0.2, 0.2, 0.2, 0.2]),
        _statement("niets", [0.1, 0.2, 0.4, 0.2, 0.1]),
        {
            "name": "open",
            "type": "text",
            "label": "Wat wilt u nog kwijt?",
            "n_valid": 300,
            "themes": {
                "themes": [
                    {
                        "label": "parkeren, auto",
                        "terms": ["parkeren", "auto"],
                        "count": 90,
                        "share": 0.3,
                    },
                    {"label": "stelling, deur", "terms": ["stelling"], "count": 80, "share": 0.27},
                ]
            },
        },
    ]
    return {"questions": questions, **extra}


def test_clear_majorities_open_doors_and_divided_opinions_are_drafted_with_evidence() -> None:
    points = draft_discussion_points(_result())
    kinds = {point["evidence"]["questions"][0]: point["kind"] for point in points}
    assert kinds["deur"] == "open_door"
    assert kinds["meerderheid"] == "majority"
    assert kinds["verdeeld"] == "divided"
    assert "niets" not in kinds
    door = next(point for point in points if point["kind"] == "open_door")
    assert door["evidence"]["open_door"] is True
    assert door["evidence"]["agree"] > 0.9


def test_only_themes_nobody_asked_about_are_raised() -> None:
    themes = [p for p in draft_discussion_points(_result()) if p["kind"] == "theme"]
    assert [point["evidence"]["theme"] for point in themes] == ["parkeren, auto"]


def test_consensus_and_group_differences_come_from_their_analyses() -> None:
    result = _result(
        opinion_groups={"outcome": "groups", "consensus": [{"statement": "niets", "score": 0.8}]},
        groups={
            "variables": [{"name": "age", "label": "leeftijd"}],
            "notable": [
                {
                    "question": "meerderheid",
                    "by": "age",
                    "cramers_v": 0.31,
                    "p_adjusted": 0.001,
                    "largest_difference": {
                        "group": "16-34",
                        "option": "eens",
                        "group_share": 0.62,
                        "overall_share": 0.4,
                    },
                }
            ],
        },
    )
    points = draft_discussion_points(result)
    consensus = next(p for p in points if p["kind"] == "consensus")
    assert consensus["evidence"]["questions"] == ["niets"]
    difference = next(p for p in points if p["kind"] == "group_difference")
    assert "16-34" in difference["title"]
    assert "62 %" in difference["title"]
    assert difference["evidence"]["cramers_v"] == 0.31


def test_no_consensus_points_without_opinion_groups() -> None:
    result = _result(opinion_groups={"outcome": "no_groups", "consensus": [{"statement": "x"}]})
    assert not [p for p in draft_discussion_points(result) if p["kind"] == "consensus"]


def test_within_a_kind_the_most_telling_point_comes_first() -> None:
    result = _result()
    result["questions"].insert(0, _statement("nipt", [0.05, 0.1, 0.2, 0.35, 0.3]))
    majorities = [
        point["evidence"]["questions"][0]
        for point in draft_discussion_points(result)
        if point["kind"] == "majority"
    ]
    assert majorities == ["meerderheid", "nipt"]  # 70 % before 65 %
