"""The analysis report: one self-contained HTML page (and its PDF) from a result dict.

``render_html(result)`` turns the analysis result (``analysis.json``, see
``docs/analysis.schema.json``) into a single HTML document in Dutch, as the
board reads it: semantic tables with captions and ``scope`` headers, the CSS
inlined, no script, font, image or link to anything outside the page (the
report is opened offline, mailed around and printed). ``render_pdf(result)``
prints the same page on A4 with WeasyPrint, which is refused every URL.

The result may be partial or from an older engine: every figure is read with
``.get`` and a missing or hidden (``null``) figure prints "—". Only the
formatting (Dutch numbers: "62 %", "3,4", "1.234") and look-ups (labels for
names) happen here; the template decides what is shown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, Environment, FileSystemLoader, Undefined

HERE = Path(__file__).resolve().parent
DASH = "—"  # what a hidden or missing figure prints
MINUS = "\u2212"  # a real minus sign: a hyphen reads as a dash in a range

KINDS = {
    "majority": "Duidelijke meerderheid",
    "open_door": "Open deur",
    "divided": "Verdeeld",
    "consensus": "Gedeeld door alle meningsgroepen",
    "group_difference": "Verschil tussen groepen",
    "theme": "Niet gevraagd, wel genoemd",
}

UNKNOWN_GROUP = "_onbekend"


# -- Dutch number formatting ------------------------------------------------------


def _number(value: Any) -> float | None:
    """A finite float, or None for null, NaN, infinity and non-numbers."""
    if isinstance(value, bool | Undefined) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _dutch(number: float, digits: int) -> str:
    """``1234.5`` → ``1.234,5``: a comma for decimals, a point between thousands."""
    text = f"{abs(number):,.{digits}f}".replace(",", "\x00").replace(".", ",")
    text = text.replace("\x00", ".")
    return f"{MINUS}{text}" if number < 0 and text.strip("0,.") else text


def fmt_number(value: Any, digits: int = 1) -> str:
    number = _number(value)
    return DASH if number is None else _dutch(number, digits)


def fmt_plain(value: Any) -> str:
    """Whole numbers without decimals (a median of 9 years), others with one."""
    number = _number(value)
    if number is None:
        return DASH
    return _dutch(number, 0 if number == int(number) else 1)


def fmt_count(value: Any) -> str:
    return fmt_number(value, 0)


def fmt_signed(value: Any, digits: int = 3) -> str:
    """With an explicit sign: partial R-indicators say over (+) or under (−)."""
    number = _number(value)
    if number is None:
        return DASH
    text = _dutch(number, digits)
    return text if text.startswith(MINUS) or not text.strip("0,.") else f"+{text}"


def _percent_text(share: float) -> str:
    percent = share * 100
    rounded = round(percent)
    # "0 %" for a share that is not zero would say nobody chose it.
    if 0 < percent < 0.5:
        return "< 1"
    if 99.5 <= percent < 100:
        return "> 99"
    return _dutch(rounded, 0)


def fmt_percent(share: Any) -> str:
    """A share in [0, 1] as a whole Dutch percentage: ``0.62`` → ``62 %``."""
    number = _number(share)
    return DASH if number is None else f"{_percent_text(number)} %"


def fmt_points(share: Any) -> str:
    """A difference of shares in percentage points: ``0.3`` → ``30 procentpunt``."""
    number = _number(share)
    return DASH if number is None else f"{_dutch(round(number * 100), 0)} procentpunt"


def fmt_percent_range(low: Any, high: Any) -> str:
    """An interval of shares: ``55–68 %``; "—" when either end is missing."""
    low_n, high_n = _number(low), _number(high)
    if low_n is None or high_n is None:
        return DASH
    return f"{_dutch(round(low_n * 100), 0)}–{_dutch(round(high_n * 100), 0)} %"


def fmt_range(low: Any, high: Any, digits: int = 1) -> str:
    """An interval of numbers: ``3,2 – 3,6`` (spaced: the ends may be negative)."""
    low_n, high_n = _number(low), _number(high)
    if low_n is None or high_n is None:
        return DASH
    return f"{_dutch(low_n, digits)} – {_dutch(high_n, digits)}"


def fmt_p(value: Any) -> str:
    number = _number(value)
    if number is None:
        return DASH
    if number < 0.001:
        return "< 0,001"
    return _dutch(number, 3)


# -- look-ups for the template ----------------------------------------------------


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, list | tuple) else []


def _dicts(value: Any) -> list[Mapping[str, Any]]:
    """The objects of a list; anything else in it (a stray null) is skipped."""
    return [item for item in _as_list(value) if isinstance(item, Mapping)]


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, Mapping) else {}


class Labels:
    """Names → the labels the board reads: questions, options, variables, groups."""

    def __init__(self, result: Mapping[str, Any]) -> None:
        self.questions: dict[str, str] = {}
        self.options: dict[str, dict[str, str]] = {}
        for question in _dicts(result.get("questions")):
            name = str(question.get("name", ""))
            self.questions[name] = question.get("label") or name
            self.options[name] = {
                str(option.get("name")): option.get("label") or str(option.get("name"))
                for option in _dicts(question.get("options"))
            }
        self.variables: dict[str, str] = {}
        self.groups: dict[str, dict[str, str]] = {}
        for variable in _dicts(_as_dict(result.get("groups")).get("variables")):
            name = str(variable.get("name", ""))
            self.variables[name] = variable.get("label") or name
            self.groups[name] = {
                str(group.get("name")): group.get("label") or str(group.get("name"))
                for group in _dicts(variable.get("groups"))
            }

    def question(self, name: Any) -> str:
        return self.questions.get(str(name), str(name))

    def option(self, question: Any, name: Any) -> str:
        return self.options.get(str(question), {}).get(str(name), str(name))

    def variable(self, name: Any) -> str:
        return self.variables.get(str(name), str(name))

    def group(self, variable: Any, name: Any) -> str:
        if name == UNKNOWN_GROUP:
            return "onbekend"
        return self.groups.get(str(variable), {}).get(str(name), str(name))


def _weighted(entries: Iterable[Mapping[str, Any]], key: str = "weighted_share") -> bool:
    return any(key in entry for entry in entries)


def _question_view(question: Mapping[str, Any], number: int) -> dict[str, Any]:
    """The question with what its table needs to know about itself."""
    view = dict(question)
    view["number"] = number
    options = [dict(option) for option in _dicts(question.get("options"))]
    view["options"] = options
    kind = question.get("type")
    if kind == "rank":
        view["weighted"] = _weighted(options, "weighted_share_first") or _weighted(
            options, "weighted_mean_rank"
        )
    elif kind == "points":
        view["weighted"] = _weighted(options, "weighted_mean")
    elif kind in ("integer", "decimal"):
        view["weighted"] = "weighted_mean" in question
    else:
        view["weighted"] = _weighted(options)
    view["any_unreliable"] = bool(question.get("unreliable")) or any(
        option.get("unreliable") for option in options
    )
    if question.get("scale"):
        view.update(_scale_view(question, options))
    return view


def _scale_view(question: Mapping[str, Any], options: list[dict[str, Any]]) -> dict[str, Any]:
    opinion = [option for option in options if not option.get("dont_know")]
    top2 = _as_dict(question.get("top2"))
    chosen = {str(name) for name in _as_list(top2.get("options"))}
    mean = _as_dict(question.get("mean"))
    view: dict[str, Any] = {
        "top2": top2,
        "mean_block": mean,
        "top2_labels": [o.get("label") for o in opinion if str(o.get("name")) in chosen],
        "mean_weighted": "weighted_mean" in mean,
        "top2_weighted": "weighted_share" in top2,
    }
    if opinion:
        first, last = opinion[0], opinion[-1]
        if question.get("scale") == "rating":
            view["scale_text"] = f"schaal van {first.get('name')} tot {last.get('name')}"
        else:
            view["scale_text"] = (
                f"schaal van 1 ({first.get('label')}) tot {len(opinion)} ({last.get('label')})"
            )
    return view


def _crosstab_views(result: Mapping[str, Any], labels: Labels) -> list[dict[str, Any]]:
    """Per background variable, its tables in form order, option labels attached."""
    groups = _as_dict(result.get("groups"))
    tables = [_as_dict(table) for table in _dicts(groups.get("tables"))]
    notable = {(item.get("question"), item.get("by")) for item in _dicts(groups.get("notable"))}
    order = list(
        dict.fromkeys(
            [str(v.get("name")) for v in _dicts(groups.get("variables"))]
            + [str(t.get("by")) for t in tables]
        )
    )
    views = []
    for variable in order:
        mine = [table for table in tables if str(table.get("by")) == variable]
        if not mine:
            continue
        views.append(
            {
                "name": variable,
                "label": labels.variable(variable),
                "tables": [_crosstab_table(table, labels, notable) for table in mine],
            }
        )
    return views


def _crosstab_table(
    table: Mapping[str, Any], labels: Labels, notable: set[tuple[Any, Any]]
) -> dict[str, Any]:
    question = table.get("question")
    rows = [_as_dict(row) for row in _dicts(table.get("groups"))]
    names: list[str] = list(labels.options.get(str(question), {}))
    for row in rows:
        if not row.get("suppressed"):
            for option in _dicts(row.get("options")):
                if str(option.get("name")) not in names:
                    names.append(str(option.get("name")))
    shown_rows = []
    for row in rows:
        suppressed = bool(row.get("suppressed"))
        by_name = {
            str(option.get("name")): option
            for option in ([] if suppressed else _dicts(row.get("options")))
        }
        shown_rows.append(
            {
                "label": labels.group(table.get("by"), row.get("group"))
                if row.get("group") == UNKNOWN_GROUP or not row.get("label")
                else row.get("label"),
                "suppressed": suppressed,
                "n": None if suppressed else row.get("n"),
                "cells": [by_name.get(name, {}) for name in names],
            }
        )
    return {
        "question": question,
        "question_label": labels.question(question),
        "options": [labels.option(question, name) for name in names],
        "rows": shown_rows,
        "test": _as_dict(table.get("test")),
        "notable": (question, table.get("by")) in notable,
        "any_suppressed": any(row["suppressed"] for row in shown_rows),
    }


def _notable_views(result: Mapping[str, Any], labels: Labels) -> list[dict[str, Any]]:
    views = []
    for item in _dicts(_as_dict(result.get("groups")).get("notable")):
        difference = _as_dict(item.get("largest_difference"))
        views.append(
            {
                "question": item.get("question"),
                "question_label": labels.question(item.get("question")),
                "variable_label": labels.variable(item.get("by")),
                "group_label": labels.group(item.get("by"), difference.get("group")),
                "option_label": labels.option(item.get("question"), difference.get("option")),
                "group_share": difference.get("group_share"),
                "overall_share": difference.get("overall_share"),
                "cramers_v": item.get("cramers_v"),
                "p_adjusted": item.get("p_adjusted"),
            }
        )
    return views


def _representativeness_view(result: Mapping[str, Any], labels: Labels) -> dict | None:
    found = result.get("representativeness")
    if not isinstance(found, Mapping):
        return None
    against_nonrespondents = found.get("compared_with") == "nonrespondents"
    variables = []
    for variable in _dicts(found.get("variables")):
        other_total = _number(variable.get("other_total"))
        categories = []
        for category in _dicts(variable.get("categories")):
            row = dict(category)
            if row.get("suppressed"):
                row.update(respondents=None, respondent_share=None, response_rate=None)
            row["other_share"] = None
            population = _number(category.get("population"))
            respondents = _number(row.get("respondents"))
            # Derivable from the two counts shown beside it: it tells nothing new.
            if against_nonrespondents and other_total and population is not None:
                row["other_share"] = _other_share(population, respondents, other_total)
            categories.append(row)
        variables.append(
            {
                "name": variable.get("name"),
                "label": labels.variable(variable.get("name")),
                "cramers_v": variable.get("cramers_v"),
                "p": variable.get("p"),
                "categories": categories,
                "any_suppressed": any(row.get("suppressed") for row in categories),
            }
        )
    indicator = _as_dict(found.get("r_indicator"))
    partials = [
        {
            "label": labels.variable(name),
            "unconditional": _as_dict(partial).get("unconditional"),
            "categories": [
                {"label": labels.group(name, category), "value": value}
                for category, value in _as_dict(_as_dict(partial).get("categories")).items()
            ],
        }
        for name, partial in _as_dict(indicator.get("partials")).items()
    ]
    return {
        "against_nonrespondents": against_nonrespondents,
        "variables": variables,
        "r": indicator.get("r") if indicator else None,
        "partials": partials,
    }


def _other_share(population: float, respondents: float | None, other_total: float) -> float | None:
    return None if respondents is None else max(population - respondents, 0) / other_total


def _method_in_dutch(found: Mapping[str, Any], labels: Labels) -> str:
    """The interval method in the report's language (``ci_method`` itself is English)."""
    variables = ", ".join(labels.variable(name) for name in _as_list(found.get("variables")))
    method = str(found.get("ci_method"))
    svy = re.search(r"\(svy ([0-9.]+)\)", method)
    text = "Taylor-linearisatie"
    if variables:
        text += f" na weging op {variables}"
    if svy:
        text += f" (svy {svy.group(1)})"
    size = found.get("population_size")
    if size:
        text += f", eindige-populatiecorrectie met N = {fmt_count(size)}"
    return text + (
        "; 95 %-intervallen: Wilson op de effectieve steekproefomvang voor aandelen "
        "(Korn–Graubard bij 0 of 100 %), t voor gemiddelden"
    )


def _weighting_view(result: Mapping[str, Any], labels: Labels) -> dict | None:
    found = result.get("weighting")
    if not isinstance(found, Mapping):
        return None
    method = found.get("ci_method")
    trim = _as_list(found.get("trim"))
    return {
        "variables": [labels.variable(name) for name in _as_list(found.get("variables"))],
        "weighting_effect": found.get("weighting_effect"),
        "effective_n": found.get("effective_n"),
        "ci_method": _method_in_dutch(found, labels) if method else None,
        "trim": trim if len(trim) == 2 else None,
        "notes": [str(note) for note in _as_list(found.get("notes"))],
    }


def _opinion_view(result: Mapping[str, Any], labels: Labels) -> dict | None:
    found = result.get("opinion_groups")
    if not isinstance(found, Mapping):
        return None
    groups = [_as_dict(group) for group in _dicts(found.get("groups"))]
    ids = [str(group.get("id")) for group in groups]
    for item in [*_dicts(found.get("consensus")), *_dicts(found.get("divisive"))]:
        for key in (
            *_as_dict(item.get("agree_by_group")),
            *_as_dict(item.get("disagree_by_group")),
        ):
            if str(key) not in ids:
                ids.append(str(key))

    def statement(item: Mapping[str, Any]) -> dict[str, Any]:
        view = dict(item)
        view["label"] = labels.question(item.get("statement"))
        return view

    return {
        "outcome": found.get("outcome"),
        "k": found.get("k"),
        "silhouette": found.get("silhouette"),
        "n_respondents": found.get("n_respondents"),
        "ids": ids,
        "groups": [
            {
                **group,
                "characteristic": [statement(s) for s in _dicts(group.get("characteristic"))],
            }
            for group in groups
        ],
        "consensus": [statement(_as_dict(item)) for item in _dicts(found.get("consensus"))],
        "divisive": [statement(_as_dict(item)) for item in _dicts(found.get("divisive"))],
    }


def _evidence(point: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The figures behind a discussion point, formatted; unknown keys are left out."""
    evidence = _as_dict(point.get("evidence"))
    figures: list[tuple[str, str]] = []
    for key, label, formatter in (
        ("agree", "eens", fmt_percent),
        ("disagree", "oneens", fmt_percent),
        ("share", "aandeel", fmt_percent),
        ("count", "aantal", fmt_count),
        ("n", "n =", fmt_count),
        ("cramers_v", "Cramér’s V", lambda v: fmt_number(v, 2)),
        ("p_adjusted", "p (gecorrigeerd)", fmt_p),
    ):
        if key in evidence and evidence[key] is not None:
            figures.append((label, formatter(evidence[key])))
    return figures


def _discussion_views(result: Mapping[str, Any], labels: Labels) -> list[dict[str, Any]]:
    views = []
    for point in _dicts(result.get("discussion_points")):
        point = _as_dict(point)
        questions = _as_list(_as_dict(point.get("evidence")).get("questions"))
        kind = KINDS.get(str(point.get("kind")), str(point.get("kind") or ""))
        title = str(point.get("title") or "")
        # Most drafted titles already open with their kind ("Open deur: …").
        said = kind and title.lower().startswith(kind.split()[0].lower())
        views.append(
            {
                "kind": "" if said else kind,
                "title": title,
                "questions": [
                    {"name": name, "label": labels.question(name)}
                    for name in questions
                    if str(name) in labels.questions
                ],
                "figures": _evidence(point),
            }
        )
    return views


def _context(result: Mapping[str, Any]) -> dict[str, Any]:
    labels = Labels(result)
    questions = [
        _question_view(_as_dict(q), number)
        for number, q in enumerate(_dicts(result.get("questions")), 1)
    ]
    withheld = bool(result.get("results_withheld"))
    return {
        "r": result,
        "title": result.get("title") or "Ledenpanel",
        "k": result.get("min_group") or 10,
        "withheld": withheld,
        "response": _as_dict(result.get("response")),
        "questions": questions,
        # Every question's table carries an interval, so any question means intervals.
        "has_intervals": not withheld and bool(questions),
        "representativeness": _representativeness_view(result, labels),
        "weighting": _weighting_view(result, labels),
        "crosstabs": _crosstab_views(result, labels),
        "notable": _notable_views(result, labels),
        "groups_present": isinstance(result.get("groups"), Mapping),
        "opinions": _opinion_view(result, labels),
        "discussion": _discussion_views(result, labels),
        "labels": labels,
    }


# -- rendering --------------------------------------------------------------------


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # labels, answers and quotes come from members: always escaped
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        number=fmt_number,
        plain=fmt_plain,
        count=fmt_count,
        signed=fmt_signed,
        pct=fmt_percent,
        pct_range=fmt_percent_range,
        range=fmt_range,
        pvalue=fmt_p,
        points=fmt_points,
    )
    return environment


@cache
def _css() -> str:
    return (HERE / "report.css").read_text(encoding="utf-8")


def render_html(result: dict) -> str:
    """The report as one self-contained HTML document (CSS inlined, no script)."""
    template = _environment().get_template("report.html.j2")
    return template.render(css=_css(), **_context(result))


def render_pdf(result: dict) -> bytes:
    """The report printed on A4; WeasyPrint may fetch no URL at all."""
    from weasyprint import HTML  # slow import, and only the PDF needs it
    from weasyprint.urls import URLFetcher

    refuse_all = URLFetcher(allowed_protocols=frozenset())
    return HTML(string=render_html(result), url_fetcher=refuse_all).write_pdf()
