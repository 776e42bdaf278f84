"""Drafted discussion points (gesprekspunten), each with its evidence.

Read from a finished analysis, in this order:

1. **clear majorities** — a statement where at least 60 % of those with an
   opinion agree, or disagree; a single-choice question where one option has
   at least 60 %;
2. **open doors** — statements that (nearly) everyone agrees with: at least
   90 %, flagged so the question guideline can learn from them (they are
   majorities too, but listed once, as open doors);
3. **divided opinions** — statements where both agree and disagree have at
   least 35 %;
4. **consensus across opinion groups** — statements every opinion group
   shares, when they are not already a majority or open door above (those
   say so in their evidence, ``"all_groups": true``, so no statement is
   drafted twice under two names);
5. **notable group differences** — crosstabs that pass the false-discovery
   control, by effect size, quoting the group's share against the (weighted)
   figure of the whole panel;
6. **open-answer themes** — the largest themes (at least 15 % of the
   answers) whose key terms appear in no question of the form: what members
   raised without being asked.

**Honesty rules.** A point about a statement or a choice is drafted only when
the figure rests on an effective n (Kish, after weighting) of at least 30. A
majority needs its 95 % interval wholly above 50 %; an open door its interval
wholly at or above 90 % (otherwise it can still be a majority). Shares and
intervals are the weighted ones where the panel was weighted.

**Languages.** Every point has a stable ``code`` and the ``params`` its
sentence needs (names, labels, figures), so a report renders it in its own
language; ``title`` is the Dutch sentence, for readers that know no codes.
A person who rewrites a title should drop ``code``: the report then prints
the title as written.
"""

from __future__ import annotations

import re
from typing import Any

from ledenpanel.analysis.intervals import wilson

MAJORITY = 0.60
MAJORITY_FLOOR = 0.50  # a majority's interval lies wholly above this
OPEN_DOOR = 0.90  # and an open door's wholly at or above this
DIVIDED = 0.35
MIN_EFFECTIVE_N = 30
THEME_SHARE = 0.15
MAX_GROUP_DIFFERENCES = 5

# The Dutch sentence of each code; report/locale holds the other languages.
TITLES = {
    "majority_agree": "Duidelijke meerderheid ({share}) eens met “{question_label}”",
    "majority_disagree": "Duidelijke meerderheid ({share}) oneens met “{question_label}”",
    "majority_choice": (
        "Duidelijke meerderheid ({share}) kiest “{option_label}” bij “{question_label}”"
    ),
    "open_door": "Open deur: {share} is het eens met “{question_label}”",
    "divided": "Verdeeld: {agree} eens en {disagree} oneens over “{question_label}”",
    "consensus_agree": "Alle meningsgroepen zijn het eens met “{question_label}”",
    "consensus_disagree": "Alle meningsgroepen zijn het oneens met “{question_label}”",
    "group_difference": (
        "Verschil naar {variable_label} bij “{question_label}”: groep {group_label} kiest "
        "“{option_label}” {group_share} tegen {panel_share} in het hele panel"
    ),
    # The whole panel's figure is not in the result (an option nobody chose there).
    "group_difference_alone": (
        "Verschil naar {variable_label} bij “{question_label}”: groep {group_label} kiest "
        "“{option_label}” {group_share}"
    ),
    "theme": (
        "Niet gevraagd, wel genoemd: “{theme}” ({share} van de antwoorden op “{question_label}”)"
    ),
}
ALL_GROUPS = " — ook in elke meningsgroep"
PERCENT_PARAMS = ("share", "agree", "disagree", "group_share", "panel_share")


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def dutch_title(code: str, params: dict[str, Any]) -> str:
    """The Dutch sentence of a point (its ``title``)."""
    values = {
        key: _percent(value) if key in PERCENT_PARAMS and value is not None else value
        for key, value in params.items()
    }
    title = TITLES[code].format(**{key: values.get(key, "") for key in _fields(TITLES[code])})
    return title + (ALL_GROUPS if params.get("all_groups") else "")


def _fields(template: str) -> list[str]:
    return re.findall(r"\{(\w+)\}", template)


def _share(entry: dict[str, Any]) -> float | None:
    value = entry.get("weighted_share")
    return entry.get("share") if value is None else value


def _interval(entry: dict[str, Any]) -> tuple[float | None, float | None]:
    """The interval of the figure ``_share`` quotes: weighted where that is weighted."""
    if entry.get("weighted_share") is not None:
        return entry.get("weighted_ci_low"), entry.get("weighted_ci_high")
    return entry.get("ci_low"), entry.get("ci_high")


def _point(
    kind: str, code: str, params: dict[str, Any], questions: list[str], **evidence: Any
) -> dict[str, Any]:
    return {
        "kind": kind,
        "code": code,
        "params": params,
        "title": dutch_title(code, params),
        "evidence": {"questions": questions, **evidence},
    }


def _sides(question: dict[str, Any]) -> dict[str, dict[str, Any]] | None:
    """The agree and disagree sides of a statement among those with an opinion.

    From the engine's ``agree``/``disagree`` blocks; a result without them
    (an older engine) gets them from the options, with an unweighted Wilson
    interval on ``n_opinion``.
    """
    if isinstance(question.get("agree"), dict) and isinstance(question.get("disagree"), dict):
        return {"agree": question["agree"], "disagree": question["disagree"]}
    opinion = [option for option in question["options"] if not option.get("dont_know")]
    n = question.get("n_opinion") or 0
    if len(opinion) < 3 or not n:
        return None
    shares = [_share(option) or 0.0 for option in opinion]
    total = sum(shares)
    if total <= 0:
        return None
    half = len(opinion) // 2  # the middle option of an odd scale is neutral
    sides = {}
    for side, part in (("disagree", shares[:half]), ("agree", shares[len(opinion) - half :])):
        share = sum(part) / total
        interval = wilson(share * n, n)
        sides[side] = {"share": share, "ci_low": interval.low, "ci_high": interval.high}
    return sides


def _effective_n(question: dict[str, Any], *, opinion: bool) -> float:
    key = "effective_n_opinion" if opinion else "effective_n"
    value = question.get(key)
    if value is None and opinion and question.get("effective_n") is not None:
        # An older result: scale the question's effective n to the opinion answers.
        n_valid = question.get("n_valid") or 0
        share = (question.get("n_opinion") or 0) / n_valid if n_valid else 0.0
        value = question["effective_n"] * share
    if value is None:
        value = question.get("n_opinion" if opinion else "n_valid") or 0
    return float(value)


def _majority(share: float, low: float | None) -> bool:
    return share >= MAJORITY and low is not None and low > MAJORITY_FLOOR


def _open_door(share: float, low: float | None) -> bool:
    return share >= OPEN_DOOR and low is not None and low >= OPEN_DOOR


def _evidence(entry: dict[str, Any], effective_n: float) -> dict[str, Any]:
    low, high = _interval(entry)
    return {
        "ci_low": low,
        "ci_high": high,
        "effective_n": round(effective_n, 1),
        "weighted": entry.get("weighted_share") is not None,
    }


def _statement_point(question: dict[str, Any]) -> dict[str, Any] | None:
    sides = _sides(question)
    if sides is None:
        return None
    effective_n = _effective_n(question, opinion=True)
    if effective_n < MIN_EFFECTIVE_N:
        return None
    label, name = question["label"], question["name"]
    agree, disagree = (_share(sides[side]) or 0.0 for side in ("agree", "disagree"))
    evidence: dict[str, Any] = {
        "agree": round(agree, 4),
        "disagree": round(disagree, 4),
        "n": question.get("n_opinion"),
    }
    agree_low = _interval(sides["agree"])[0]
    if _open_door(agree, agree_low):
        params = {"question": name, "question_label": label, "share": round(agree, 4)}
        more = _evidence(sides["agree"], effective_n)
        return _point("open_door", "open_door", params, [name], open_door=True, **evidence, **more)
    for side, share in (("agree", agree), ("disagree", disagree)):
        if _majority(share, _interval(sides[side])[0]):
            params = {
                "question": name,
                "question_label": label,
                "side": side,
                "share": round(share, 4),
            }
            more = _evidence(sides[side], effective_n)
            return _point("majority", f"majority_{side}", params, [name], **evidence, **more)
    if min(agree, disagree) >= DIVIDED:
        params = {
            "question": name,
            "question_label": label,
            "agree": round(agree, 4),
            "disagree": round(disagree, 4),
        }
        return _point(
            "divided", "divided", params, [name], effective_n=round(effective_n, 1), **evidence
        )
    return None


def _choice_point(question: dict[str, Any]) -> dict[str, Any] | None:
    best = max(question["options"], key=lambda option: _share(option) or 0.0)
    share = _share(best) or 0.0
    effective_n = _effective_n(question, opinion=False)
    if best.get("dont_know") or effective_n < MIN_EFFECTIVE_N:
        return None
    if not _majority(share, _interval(best)[0]):
        return None
    params = {
        "question": question["name"],
        "question_label": question["label"],
        "option": best["name"],
        "option_label": best["label"],
        "share": round(share, 4),
    }
    return _point(
        "majority",
        "majority_choice",
        params,
        [question["name"]],
        option=best["name"],
        share=round(share, 4),
        n=question["n_valid"],
        **_evidence(best, effective_n),
    )


def _statement_points(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    points = []
    for question in questions:
        if question["type"] != "select_one" or not question.get("options"):
            continue
        if question.get("scale") == "agree":
            point = _statement_point(question)
        elif not question.get("scale"):
            point = _choice_point(question)
        else:
            point = None  # rating and ordinal scales get no drafted point
        if point is not None:
            points.append(point)
    return points


def _consensus(result: dict[str, Any]) -> list[dict[str, Any]]:
    groups = result.get("opinion_groups") or {}
    return list(groups.get("consensus", [])) if groups.get("outcome") == "groups" else []


def _mark_shared(statements: list[dict[str, Any]], consensus: list[dict[str, Any]]) -> set[str]:
    """Majorities and open doors that every opinion group shares say so; returns their names."""
    marked = set()
    by_name = {item["statement"]: item for item in consensus}
    for point in statements:
        name = point["evidence"]["questions"][0]
        item = by_name.get(name)
        if item is None or point["kind"] not in ("majority", "open_door"):
            continue
        side = point["params"].get("side", "agree")
        if item.get("direction", "agree") != side:
            continue
        point["params"]["all_groups"] = True
        point["title"] = dutch_title(point["code"], point["params"])
        point["evidence"]["all_groups"] = True
        point["evidence"]["by_group"] = item.get(f"{side}_by_group")
        marked.add(name)
    return marked


def _consensus_points(
    consensus: list[dict[str, Any]], labels: dict[str, str], drafted: set[str]
) -> list[dict[str, Any]]:
    points = []
    for item in consensus:
        name = item["statement"]
        if name in drafted:
            continue
        direction = "disagree" if item.get("direction") == "disagree" else "agree"
        params = {"question": name, "question_label": labels.get(name, name)}
        points.append(
            _point("consensus", f"consensus_{direction}", params, [name], **dict(item.items()))
        )
    return points


def _panel_share(result: dict[str, Any], question: str, option: str) -> float | None:
    """The whole panel's share for an option: weighted where the panel was weighted."""
    for summary in result["questions"]:
        if summary["name"] == question:
            for entry in summary.get("options", []):
                if entry.get("name") == option:
                    return _share(entry)
    return None


def _group_label(variable: dict[str, Any], group: str) -> str:
    for entry in variable.get("groups", []):
        if entry.get("name") == group and entry.get("label"):
            return str(entry["label"])
    return group


def _option_label(result: dict[str, Any], question: str, option: str) -> str:
    for summary in result["questions"]:
        if summary["name"] == question:
            for entry in summary.get("options", []):
                if entry.get("name") == option:
                    return str(entry.get("label") or option)
    return option


def _group_points(result: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    groups = result.get("groups") or {}
    variables = {v["name"]: v for v in groups.get("variables", [])}
    points = []
    for item in groups.get("notable", [])[:MAX_GROUP_DIFFERENCES]:
        difference = item["largest_difference"]
        question, by = item["question"], item["by"]
        variable = variables.get(by, {})
        panel = _panel_share(result, question, difference["option"])
        params = {
            "question": question,
            "question_label": labels.get(question, question),
            "variable": by,
            "variable_label": variable.get("label", by),
            "group": difference["group"],
            "group_label": _group_label(variable, difference["group"]),
            "option": difference["option"],
            "option_label": _option_label(result, question, difference["option"]),
            "group_share": difference["group_share"],
            "panel_share": None if panel is None else round(panel, 4),
        }
        points.append(
            _point(
                "group_difference",
                "group_difference" if panel is not None else "group_difference_alone",
                params,
                [question],
                panel_share=params["panel_share"],
                **item,
            )
        )
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
                params = {
                    "question": question["name"],
                    "question_label": question["label"],
                    "theme": theme["label"],
                    "share": theme["share"],
                }
                points.append(
                    _point(
                        "theme",
                        "theme",
                        params,
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
    consensus = _consensus(result)
    drafted = _mark_shared(statements, consensus)
    return [
        *statements,
        *_consensus_points(consensus, labels, drafted),
        *_group_points(result, labels),
        *_theme_points(result),
    ]
