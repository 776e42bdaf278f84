"""The engine's result → what the template shows: one plain dict per report section.

Every figure is read with ``.get`` (the result may be partial or from an older
engine) and left unformatted; the template formats it with the filters of
``formats`` and decides what is shown. Only look-ups (labels for names), the
blanking of suppressed figures and texts built from several parts (the interval
method, a scale's ends, a discussion point's evidence) are made here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from .charts import chart_svg
from .formats import fmt_count, fmt_number, fmt_p, fmt_percent, fmt_percent_range
from .group_charts import difference_svg
from .i18n import N_, Translator
from .input_notices import input_note_texts
from .labels import UNKNOWN_GROUP, Labels
from .lenient import as_dict, as_list, as_number, dicts
from .notices import kind_meanings, point_title, weighting_notices
from .outcomes import summary_view

KINDS = {
    "majority": N_("Duidelijke meerderheid"),
    "open_door": N_("Open deur"),
    "divided": N_("Verdeeld"),
    "consensus": N_("Gedeeld door alle meningsgroepen"),
    "group_difference": N_("Verschil tussen groepen"),
    "theme": N_("Niet gevraagd, wel genoemd"),
}


# A label that is numbered already: "6. Hoe …", "6) …", "Q6. …", "V 6: …", "6.2 …".
OWN_NUMBER = re.compile(
    r"\s*(?:[A-Za-z]{1,2}\s?)?"  # "Q", "V "
    r"(?:\d{1,3}[.):]|\d{1,3}(?:\.\d{1,2})+[.):]?)"  # "6." "6)" "6:" or "6.2"
    r"\s+\S"
)


def _weighted(entries: Iterable[Mapping[str, Any]], key: str = "weighted_share") -> bool:
    return any(key in entry for entry in entries)


def _question_view(question: Mapping[str, Any], number: int, t: Translator) -> dict[str, Any]:
    """The question with what its table needs to know about itself."""
    view = dict(question)
    view["number"] = number
    options = [dict(option) for option in dicts(question.get("options"))]
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
        view.update(_scale_view(question, options, t))
    _clamp_intervals(view)
    view["own_number"] = bool(OWN_NUMBER.match(str(question.get("label") or "")))
    # A question nobody answered gets one line, not a table of empty "onbetrouwbaar" rows.
    view["no_answers"] = as_number(question.get("n_valid")) == 0
    view["chart_svg"] = None if view["no_answers"] else chart_svg(view, t)
    return view


def _clamp(entry: dict[str, Any], stem: str, low: float | None, high: float | None) -> None:
    """Keeps an interval of ``entry`` (``<stem>ci_low``…, weighted too) within [low, high]."""
    for prefix in ("", "weighted_"):
        for end in ("ci_low", "ci_high"):
            key = f"{prefix}{stem}{end}"
            value = as_number(entry.get(key))
            if value is None:
                continue
            if low is not None:
                value = max(value, low)
            if high is not None:
                value = min(value, high)
            entry[key] = value


def _clamp_intervals(view: dict[str, Any]) -> None:
    """No interval is shown outside what the quantity can be: a share in [0, 1], points
    in [0, total], a place in a ranking in [1, parts], an amount or count not below 0.

    A number question counts as non-negative when the result says so
    (``nonnegative``) or, when it does not, when its lower quartile is not below 0
    (amounts of money, counts, years): an interval through 0 then only reflects
    skewed answers.
    """
    kind = view.get("type")
    options = view.get("options") or []
    if kind in ("select_one", "select_multiple"):
        for option in options:
            _clamp(option, "", 0.0, 1.0)
        if isinstance(view.get("top2"), dict):
            view["top2"] = dict(view["top2"])
            _clamp(view["top2"], "", 0.0, 1.0)
    elif kind == "rank":
        for option in options:
            _clamp(option, "mean_rank_", 1.0, float(len(options)) or None)
            _clamp(option, "share_first_", 0.0, 1.0)
    elif kind == "points":
        total = as_number(view.get("total"))
        for option in options:
            _clamp(option, "", 0.0, total)
    elif kind in ("integer", "decimal"):
        stated = view.get("nonnegative")
        q1 = as_number(view.get("q1"))
        if stated is True or (stated is None and q1 is not None and q1 >= 0):
            _clamp(view, "", 0.0, None)


def _scale_view(
    question: Mapping[str, Any], options: list[dict[str, Any]], t: Translator
) -> dict[str, Any]:
    opinion = [option for option in options if not option.get("dont_know")]
    top2 = as_dict(question.get("top2"))
    chosen = {str(name) for name in as_list(top2.get("options"))}
    mean = as_dict(question.get("mean"))
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
            view["scale_text"] = t.gettext(
                "schaal van %(first)s tot %(last)s", first=first.get("name"), last=last.get("name")
            )
        else:
            view["scale_text"] = t.gettext(
                "schaal van 1 (%(first)s) tot %(count)s (%(last)s)",
                first=first.get("label"),
                count=len(opinion),
                last=last.get("label"),
            )
    return view


def _crosstab_views(result: Mapping[str, Any], labels: Labels) -> list[dict[str, Any]]:
    """Per background variable, its tables in form order, option labels attached."""
    groups = as_dict(result.get("groups"))
    tables = [as_dict(table) for table in dicts(groups.get("tables"))]
    notable = {(item.get("question"), item.get("by")) for item in dicts(groups.get("notable"))}
    order = list(
        dict.fromkeys(
            [str(v.get("name")) for v in dicts(groups.get("variables"))]
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
    rows = [as_dict(row) for row in dicts(table.get("groups"))]
    names: list[str] = list(labels.options.get(str(question), {}))
    for row in rows:
        if not row.get("suppressed"):
            for option in dicts(row.get("options")):
                if str(option.get("name")) not in names:
                    names.append(str(option.get("name")))
    shown_rows = []
    for row in rows:
        suppressed = bool(row.get("suppressed"))
        by_name = {
            str(option.get("name")): option
            for option in ([] if suppressed else dicts(row.get("options")))
        }
        shown_rows.append(
            {
                "label": labels.group(table.get("by"), row.get("group"))
                if row.get("group") == UNKNOWN_GROUP
                or row.get("label") in (None, "", row.get("group"))
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
        "test": as_dict(table.get("test")),
        "notable": (question, table.get("by")) in notable,
        "any_suppressed": any(row["suppressed"] for row in shown_rows),
    }


def _notable_views(result: Mapping[str, Any], labels: Labels, t: Translator) -> list[dict]:
    views = []
    for item in dicts(as_dict(result.get("groups")).get("notable")):
        difference = as_dict(item.get("largest_difference"))
        variable = item.get("by")
        group_labels = {
            str(dot.get("group")): labels.group(variable, dot.get("group"))
            for dot in dicts(item.get("dots"))
        }
        views.append(
            {
                "question": item.get("question"),
                "question_label": labels.question(item.get("question")),
                "variable_label": labels.variable(item.get("by")),
                "group_label": labels.group(item.get("by"), difference.get("group")),
                "option_label": labels.option(item.get("question"), difference.get("option")),
                "group_share": difference.get("group_share"),
                # The weighted figure of the whole panel; older results had only
                # the share over the groups shown.
                "overall_share": difference.get("panel_share", difference.get("overall_share")),
                "cramers_v": item.get("cramers_v"),
                "p_adjusted": item.get("p_adjusted"),
                "chart_svg": difference_svg(item, group_labels, t),
            }
        )
    return views


def _representativeness_view(result: Mapping[str, Any], labels: Labels) -> dict | None:
    found = result.get("representativeness")
    if not isinstance(found, Mapping):
        return None
    against_nonrespondents = found.get("compared_with") == "nonrespondents"
    variables = []
    for variable in dicts(found.get("variables")):
        other_total = as_number(variable.get("other_total"))
        categories = []
        for category in dicts(variable.get("categories")):
            row = dict(category)
            row["label"] = labels.group(variable.get("name"), category.get("name"))
            if row.get("suppressed"):
                row.update(respondents=None, respondent_share=None, response_rate=None)
            row["other_share"] = None
            population = as_number(category.get("population"))
            respondents = as_number(row.get("respondents"))
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
                # Beside V: how much more often the most responsive group took part.
                "response_ratio": _response_ratio_view(variable, labels),
                "categories": categories,
                "any_suppressed": any(row.get("suppressed") for row in categories),
            }
        )
    indicator = as_dict(found.get("r_indicator"))
    partials = [
        {
            "label": labels.variable(name),
            "unconditional": as_dict(partial).get("unconditional"),
            "categories": [
                {"label": labels.group(name, category), "value": value}
                for category, value in as_dict(as_dict(partial).get("categories")).items()
            ],
        }
        for name, partial in as_dict(indicator.get("partials")).items()
    ]
    return {
        "against_nonrespondents": against_nonrespondents,
        "variables": variables,
        "r": indicator.get("r") if indicator else None,
        "partials": partials,
    }


def _response_ratio_view(variable: Mapping[str, Any], labels: Labels) -> dict | None:
    found = as_dict(variable.get("response_ratio"))
    lowest, highest = as_dict(found.get("lowest")), as_dict(found.get("highest"))
    if as_number(found.get("ratio")) is None or not lowest or not highest:
        return None
    name = variable.get("name")
    return {
        "ratio": found.get("ratio"),
        "lowest": labels.group(name, lowest.get("name")),
        "highest": labels.group(name, highest.get("name")),
        "low_rate": lowest.get("response_rate"),
        "high_rate": highest.get("response_rate"),
        "rates_known": as_number(lowest.get("response_rate")) is not None
        and as_number(highest.get("response_rate")) is not None,
    }


def _other_share(population: float, respondents: float | None, other_total: float) -> float | None:
    return None if respondents is None else max(population - respondents, 0) / other_total


def _method_text(found: Mapping[str, Any], labels: Labels, t: Translator) -> str:
    """The interval method in the report's language (``ci_method`` itself is English)."""
    variables = ", ".join(labels.variable(name) for name in as_list(found.get("variables")))
    method = str(found.get("ci_method"))
    svy = re.search(r"\(svy ([0-9.]+)\)", method)
    text = t.gettext("Taylor-linearisatie")
    if variables:
        text += " " + t.gettext("na weging op %(variables)s", variables=variables)
    if svy:
        text += f" (svy {svy.group(1)})"
    size = found.get("population_size")
    if size:
        text += t.gettext(
            ", eindige-populatiecorrectie met N = %(size)s", size=fmt_count(size, t.lang)
        )
    return text + t.gettext(
        "; 95 %%-intervallen: Wilson op de effectieve steekproefomvang voor aandelen "
        "(Korn–Graubard bij 0 of 100 %%), t voor gemiddelden"
    )


def _weighting_view(result: Mapping[str, Any], labels: Labels, t: Translator) -> dict | None:
    found = result.get("weighting")
    if not isinstance(found, Mapping):
        return None
    method = found.get("ci_method")
    trim = as_list(found.get("trim"))
    return {
        "variables": [labels.variable(name) for name in as_list(found.get("variables"))],
        "weighting_effect": found.get("weighting_effect"),
        "effective_n": found.get("effective_n"),
        "ci_method": _method_text(found, labels, t) if method else None,
        "trim": trim if len(trim) == 2 else None,
        # notes and warnings (shown apart, visibly) in the report's language
        **weighting_notices(found, labels, t),
    }


def _opinion_view(result: Mapping[str, Any], labels: Labels) -> dict | None:
    found = result.get("opinion_groups")
    if not isinstance(found, Mapping):
        return None
    groups = [as_dict(group) for group in dicts(found.get("groups"))]
    ids = [str(group.get("id")) for group in groups]
    for item in [*dicts(found.get("consensus")), *dicts(found.get("divisive"))]:
        for key in (
            *as_dict(item.get("agree_by_group")),
            *as_dict(item.get("disagree_by_group")),
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
                "characteristic": [statement(s) for s in dicts(group.get("characteristic"))],
            }
            for group in groups
        ],
        "consensus": [statement(as_dict(item)) for item in dicts(found.get("consensus"))],
        "divisive": [statement(as_dict(item)) for item in dicts(found.get("divisive"))],
    }


def _evidence(point: Mapping[str, Any], t: Translator) -> list[tuple[str, str]]:
    """The figures behind a discussion point, formatted; unknown keys are left out."""
    evidence = as_dict(point.get("evidence"))
    figures: list[tuple[str, str]] = []
    for key, label, formatter in (
        ("agree", t.gettext("eens"), fmt_percent),
        ("disagree", t.gettext("oneens"), fmt_percent),
        ("share", t.gettext("aandeel"), fmt_percent),
        ("count", t.gettext("aantal"), fmt_count),
        ("n", "n =", fmt_count),
        ("effective_n", t.gettext("effectieve n"), fmt_count),
        ("cramers_v", "Cramér’s V", partial(fmt_number, digits=2)),
        ("p_adjusted", t.gettext("p (gecorrigeerd)"), fmt_p),
    ):
        if key in evidence and evidence[key] is not None:
            figures.append((label, formatter(evidence[key], lang=t.lang)))
        if key == "n" and as_number(evidence.get("ci_low")) is not None:
            interval = fmt_percent_range(evidence["ci_low"], evidence.get("ci_high"), lang=t.lang)
            figures.append((t.gettext("95 %%-interval"), interval))
    return figures


def _discussion_views(
    result: Mapping[str, Any], labels: Labels, t: Translator
) -> list[dict[str, Any]]:
    views = []
    for point in dicts(result.get("discussion_points")):
        point = as_dict(point)
        questions = as_list(as_dict(point.get("evidence")).get("questions"))
        known = KINDS.get(str(point.get("kind")))
        kind = t.gettext(known) if known else str(point.get("kind") or "")
        title = point_title(point, labels, t) or str(point.get("title") or "")
        # Most drafted titles already open with their kind ("Open deur: …"); a title in
        # the party's language under an English report still gets the English kind.
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
                "figures": _evidence(point, t),
                "text": str(point.get("text") or ""),
            }
        )
    return views


SUMMARY_POINTS = 5

DATE_LABELS = {
    "opens_on": N_("Open vanaf"),
    "closes_on": N_("Gesloten op"),
    "results_by": N_("Uitslag terug bij de leden uiterlijk"),
    "response_by": N_("Reactie van het bestuur uiterlijk"),
}
MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "en": "January February March April May June July August September October November December",
}


def _date(value: str, lang: str) -> str:
    """An ISO date as "12 januari 2027" / "12 January 2027"; anything else as it is."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return value
    year, month, day = (int(part) for part in match.groups())
    months = MONTHS.get(lang, MONTHS["nl"]).split()
    return f"{day} {months[month - 1]} {year}" if 1 <= month <= 12 else value


def _transparency_view(result: Mapping[str, Any], t: Translator) -> dict[str, Any] | None:
    """Who asked what and why (the app adds it; ``ledenpanel analyse`` has none)."""
    found = result.get("transparency")
    if not isinstance(found, Mapping):
        return None
    dates = as_dict(found.get("dates"))
    return {
        "board": str(found.get("board") or ""),
        "purpose": str(found.get("purpose") or ""),
        "requesters": str(found.get("requesters") or ""),
        "request_reason": str(found.get("request_reason") or ""),
        "coaches": [str(name) for name in as_list(found.get("coaches"))],
        "dates": [
            (t.gettext(label), _date(str(dates[name]), t.lang))
            for name, label in DATE_LABELS.items()
            if dates.get(name)
        ],
        "questions": [as_dict(q) for q in as_list(found.get("questions"))],
    }


def _earlier_view(result: Mapping[str, Any], t: Translator) -> dict[str, dict[str, str]]:
    """Per question, an earlier panel's published figures for the same library question.

    The app adds ``earlier`` (``results.earlier``); ``ledenpanel analyse`` has none.
    The figures are that panel's own published sentence, in this report's
    language where it has one.
    """
    views = {}
    for name, found in as_dict(result.get("earlier")).items():
        found = as_dict(found)
        figures = as_dict(found.get("figures"))
        text = figures.get(t.lang) or next(iter(figures.values()), "")
        if text:
            views[str(name)] = {
                "panel_title": str(found.get("panel_title") or ""),
                "unit_name": str(found.get("unit_name") or ""),
                "date": _date(str(found.get("published_on") or ""), t.lang),
                "label": str(found.get("label") or ""),
                "figures": str(text),
            }
    return views


def _background_notes(result: Mapping[str, Any], labels: Labels, t: Translator) -> list[str]:
    """What happened to the background variables: merged or left out, and why."""
    notes = []
    for variable in dicts(as_dict(result.get("groups")).get("variables")):
        label = labels.variable(variable.get("name"))
        if variable.get("dropped"):
            notes.append(
                t.gettext(
                    "%(variable)s is weggelaten: samen met de andere kenmerken bleven de "
                    "groepen te klein.",
                    variable=label,
                )
            )
        elif as_number(variable.get("merged")):
            notes.append(
                t.gettext(
                    "Bij %(variable)s zijn kleine groepen samengevoegd (tot ‘overig’ of met "
                    "een buurgroep), zodat elke combinatie met de andere kenmerken groot "
                    "genoeg is.",
                    variable=label,
                )
            )
    # Notes of the files' reader (``ledenpanel analyse``): columns it left out.
    notes += input_note_texts(result.get("input_notes"), t)
    return notes


INSTRUCTIONS = {
    "select_one": N_("Kies één antwoord."),
    "select_multiple": N_("Kies één of meer antwoorden."),
    "rank": N_("Zet in volgorde."),
    "integer": N_("Vul een getal in."),
    "decimal": N_("Vul een getal in."),
    "text": N_("Open vraag: in eigen woorden."),
}


def _questionnaire_view(questions: list[dict[str, Any]], t: Translator) -> list[dict[str, Any]]:
    """The questions as members saw them: text, what to do, the answers to choose from."""
    views = []
    for question in questions:
        kind = str(question.get("type") or "")
        if kind == "points":
            instruction = t.gettext(
                "Verdeel %(total)s punten.", total=fmt_count(question.get("total"), t.lang)
            )
        else:
            instruction = t.gettext(INSTRUCTIONS[kind]) if kind in INSTRUCTIONS else ""
        views.append(
            {
                "name": question.get("name"),
                "number": question.get("number"),
                "own_number": question.get("own_number"),
                "label": question.get("label"),
                "instruction": instruction,
                "options": [
                    str(option.get("label") or option.get("name") or "")
                    for option in question.get("options") or []
                ],
            }
        )
    return views


def _paragraphs(text: str) -> list[str]:
    """The editor's commentary, split at blank lines."""
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


def template_context(result: Mapping[str, Any], t: Translator) -> dict[str, Any]:
    """Everything ``report.html.j2`` reads, in the language of ``t``."""
    labels = Labels(result, t)
    questions = [
        _question_view(as_dict(q), number, t)
        for number, q in enumerate(dicts(result.get("questions")), 1)
    ]
    withheld = bool(result.get("results_withheld"))
    return {
        "lang": t.lang,
        "r": result,
        "title": result.get("title") or "Ledenpanel",
        "k": result.get("min_group") or 10,
        "withheld": withheld,
        "response": as_dict(result.get("response")),
        "questions": questions,
        # Every question's table carries an interval, so any question means intervals.
        "has_intervals": not withheld and bool(questions),
        "representativeness": _representativeness_view(result, labels),
        "weighting": _weighting_view(result, labels, t),
        "crosstabs": _crosstab_views(result, labels),
        "notable": _notable_views(result, labels, t),
        "questionnaire": _questionnaire_view(questions, t),
        "groups_present": isinstance(result.get("groups"), Mapping),
        "opinions": _opinion_view(result, labels),
        "discussion": _discussion_views(result, labels, t),
        "discussion_kinds": kind_meanings(
            [str(p.get("kind")) for p in dicts(result.get("discussion_points"))], KINDS, t
        ),
        "commentary": _paragraphs(str(result.get("commentary") or "")),
        "transparency": _transparency_view(result, t),
        "earlier": _earlier_view(result, t),
        "summary": summary_view(result, labels, t),
        # The summary names the first points only, so that it stays one page.
        "summary_points": SUMMARY_POINTS,
        "background_notes": _background_notes(result, labels, t),
        "labels": labels,
    }
