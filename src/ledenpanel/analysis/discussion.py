"""Drafted discussion points (gesprekspunten), each with its evidence.

Read from a finished analysis, in this order:

1. **clear majorities** — a statement where at least 60 % of those with an
   opinion agree, or disagree; a single-choice question where one option has
   at least 60 %;
2. **open doors** — statements with at least 90 % agreement, flagged so the
   question guideline can learn from them (they are majorities too, but
   listed once, as open doors);
3. **divided opinions** — statements where both agree and disagree have at
   least 35 %;
4. **consensus across opinion groups** — statements every opinion group
   shares;
5. **notable group differences** — crosstabs that pass the false-discovery
   control, by effect size;
6. **open-answer themes** — the largest themes (at least 15 % of the
   answers) whose key terms appear in no question of the form: what members
   raised without being asked.

Shares are weighted where the panel was weighted. The coach edits and
publishes the draft; texts are Dutch, as the board reads them.
"""

from __future__ import annotations

import re
from typing import Any

MAJORITY = 0.60
OPEN_DOOR = 0.90
DIVIDED = 0.35
THEME_SHARE = 0.15
MAX_GROUP_DIFFERENCES = 5


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def _share(entry: dict[str, Any]) -> float | None:
    value = entry.get("weighted_share")
    return entry.get("share") if value is None else value


def _agree_disagree(question: dict[str, Any]) -> tuple[float, float] | None:
    """Shares agreeing and disagreeing among those with an opinion (no "weet niet")."""
    opinion = [option for option in question["options"] if not option.get("dont_know")]
    if len(opinion) < 3 or not question.get("n_opinion"):
        return None
    shares = [_share(option) or 0.0 for option in opinion]
    total = sum(shares)
    if total <= 0:
        return None
    half = len(opinion) // 2  # the middle option of an odd scale is neutral
    disagree = sum(shares[:half]) / total
    agree = sum(shares[len(opinion) - half :]) / total
    return agree, disagree


def _point(kind: str, title: str, questions: list[str], **evidence: Any) -> dict[str, Any]:
    return {"kind": kind, "title": title, "evidence": {"questions": questions, **evidence}}


def _statement_points(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    points = []
    for question in questions:
        if question["type"] != "select_one" or not question.get("options"):
            continue
        label, name = question["label"], question["name"]
        if question.get("scale") == "agree":
            shares = _agree_disagree(question)
            if shares is None:
                continue
            agree, disagree = shares
            evidence = {"agree": round(agree, 4), "disagree": round(disagree, 4)}
            evidence["n"] = question["n_opinion"]
            if agree >= OPEN_DOOR:
                title = f"Open deur: {_percent(agree)} is het eens met “{label}”"
                points.append(_point("open_door", title, [name], open_door=True, **evidence))
            elif max(agree, disagree) >= MAJORITY:
                side = "eens" if agree > disagree else "oneens"
                title = f"Duidelijke meerderheid ({_percent(max(agree, disagree))}) {side}: "
                points.append(_point("majority", title + f"“{label}”", [name], **evidence))
            elif min(agree, disagree) >= DIVIDED:
                title = (
                    f"Verdeeld: {_percent(agree)} eens en {_percent(disagree)} oneens "
                    f"over “{label}”"
                )
                points.append(_point("divided", title, [name], **evidence))
        elif not question.get("scale"):
            best = max(question["options"], key=lambda option: _share(option) or 0.0)
            share = _share(best) or 0.0
            if share >= MAJORITY and not best.get("dont_know"):
                title = f"Duidelijke meerderheid ({_percent(share)}) kiest “{best['label']}”"
                points.append(
                    _point(
                        "majority",
                        f"{title} bij “{label}”",
                        [name],
                        option=best["name"],
                        share=share,
                        n=question["n_valid"],
                    )
                )
    return points


def _consensus_points(result: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    groups = result.get("opinion_groups") or {}
    if groups.get("outcome") != "groups":
        return []
    points = []
    for item in groups.get("consensus", []):
        name = item["statement"]
        title = f"Alle meningsgroepen delen: “{labels.get(name, name)}”"
        points.append(_point("consensus", title, [name], **{k: v for k, v in item.items()}))
    return points


def _group_points(result: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    groups = result.get("groups") or {}
    variables = {v["name"]: v["label"] for v in groups.get("variables", [])}
    points = []
    for item in groups.get("notable", [])[:MAX_GROUP_DIFFERENCES]:
        difference = item["largest_difference"]
        question = item["question"]
        title = (
            f"Verschil naar {variables.get(item['by'], item['by'])} bij “"
            f"{labels.get(question, question)}”: groep {difference['group']} "
            f"{_percent(difference['group_share'])} tegen {_percent(difference['overall_share'])}"
            " gemiddeld"
        )
        points.append(_point("group_difference", title, [question], **item))
    return points


WORD = re.compile(r"\w+", re.UNICODE)


def _theme_points(result: dict[str, Any]) -> list[dict[str, Any]]:
    asked = {
        word.lower()
        for question in result["questions"]
        for text in [question["label"], *(o.get("label", "") for o in question.get("options", []))]
        for word in WORD.findall(text or "")
    }
    points = []
    for question in result["questions"]:
        themes = (question.get("themes") or {}).get("themes", [])
        for theme in themes:
            terms = {word for term in theme.get("terms", []) for word in WORD.findall(term)}
            if theme.get("share", 0) >= THEME_SHARE and not terms & asked:
                title = (
                    f"Niet gevraagd, wel genoemd: “{theme['label']}” "
                    f"({_percent(theme['share'])} van de antwoorden op “{question['label']}”)"
                )
                points.append(
                    _point(
                        "theme",
                        title,
                        [question["name"]],
                        theme=theme["label"],
                        count=theme["count"],
                        share=theme["share"],
                    )
                )
    return points


def _strength(point: dict[str, Any]) -> float:
    """How telling a statement point is: the larger side, or for a divided
    opinion the smaller one (the closer the split, the more divided)."""
    evidence = point["evidence"]
    if "agree" not in evidence:
        return float(evidence.get("share", 0.0))
    sides = (evidence["agree"], evidence["disagree"])
    return min(sides) if point["kind"] == "divided" else max(sides)


def draft_discussion_points(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The drafted list, most telling first within each kind (see the module docstring)."""
    labels = {question["name"]: question["label"] for question in result["questions"]}
    statements = _statement_points(result["questions"])
    order = {"majority": 0, "open_door": 1, "divided": 2}
    statements.sort(key=lambda point: (order[point["kind"]], -_strength(point)))
    return [
        *statements,
        *_consensus_points(result, labels),
        *_group_points(result, labels),
        *_theme_points(result),
    ]
