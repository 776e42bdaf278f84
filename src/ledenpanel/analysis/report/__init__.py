"""The analysis report: one self-contained HTML page (and its PDF) from a result dict.

``render_html(result, lang="nl")`` turns the analysis result (``analysis.json``,
see ``docs/analysis.schema.json``) into a single HTML document, as the board
reads it: semantic tables with captions and ``scope`` headers, the CSS
inlined, no script, font, image or link to anything outside the page (the
report is opened offline, mailed around and printed). ``render_pdf(result, lang="nl")``
prints the same page on A4 with WeasyPrint, which is refused every URL.

Dutch is the report's own language and English its translation: the Dutch
text stays in the template and this module, marked for ``gettext``, and
``locale/en/LC_MESSAGES/report.po`` (compiled to ``report.mo`` with
``msgfmt --check``) translates it. Every msgid is a Python format string
(``%%`` for a percent sign), as Jinja's new-style gettext requires. Text from
the result itself (question and option labels, discussion point titles,
weighting notes) is the party's and is printed as it is. An unknown language
falls back to Dutch. A new or changed Dutch text needs its entry in
``report.po`` (``tests/analysis/test_report.py`` names any that is missing or
no longer used); then run ``msgfmt --check -o report.mo report.po``.

The result may be partial or from an older engine: every figure is read with
``.get`` and a missing or hidden (``null``) figure prints "—". Only the
formatting (Dutch numbers "62 %", "3,4", "1.234"; English "62%", "3.4",
"1,234") and look-ups (labels for names) happen here; the template decides
what is shown.
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, Environment, FileSystemLoader, Undefined

HERE = Path(__file__).resolve().parent
LOCALE_DIR = HERE / "locale"
DOMAIN = "report"
DEFAULT_LANGUAGE = "nl"
LANGUAGES = ("nl", "en")  # Dutch is the source; the others have a catalog in LOCALE_DIR
DASH = "—"  # what a hidden or missing figure prints
MINUS = "\u2212"  # a real minus sign: a hyphen reads as a dash in a range


def N_(message: str) -> str:
    """Marks a msgid for the catalog where it is defined; translated where it is used.

    ``N_`` is gettext's conventional name for "translate later".
    """
    return message


KINDS = {
    "majority": N_("Duidelijke meerderheid"),
    "open_door": N_("Open deur"),
    "divided": N_("Verdeeld"),
    "consensus": N_("Gedeeld door alle meningsgroepen"),
    "group_difference": N_("Verschil tussen groepen"),
    "theme": N_("Niet gevraagd, wel genoemd"),
}

UNKNOWN_GROUP = "_onbekend"


# -- the language -------------------------------------------------------------------


def language(lang: Any) -> str:
    """A supported language code; anything else (None, "fr", "EN-gb") falls back sensibly."""
    code = str(lang or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of a language; Dutch, the source language, needs none.

    Cached per language: a catalog is read-only once loaded, so one language's
    rendering cannot change another's.
    """
    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])


@dataclass(frozen=True)
class Translator:
    """One report language: its catalog, handed to every function that writes text."""

    lang: str
    catalog: gettext.NullTranslations

    def gettext(self, message: str, **values: Any) -> str:
        """The translated ``message``, formatted with ``values`` (always: ``%%`` is "%")."""
        return self.catalog.gettext(message) % values

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        return self.catalog.ngettext(singular, plural, n) % values


def translator(lang: Any = DEFAULT_LANGUAGE) -> Translator:
    code = language(lang)
    return Translator(code, _catalog(code))


# -- number formatting: Dutch "1.234,5" and "62 %", English "1,234.5" and "62%" ---------


def _number(value: Any) -> float | None:
    """A finite float, or None for null, NaN, infinity and non-numbers."""
    if isinstance(value, bool | Undefined) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _decimal(number: float, digits: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """``1234.5`` → Dutch ``1.234,5`` (a comma for decimals), English ``1,234.5``."""
    text = f"{abs(number):,.{digits}f}"
    if language(lang) == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{MINUS}{text}" if number < 0 and text.strip("0,.") else text


def _spaced(lang: str) -> str:
    """Dutch puts a space before "%" and after "<"; English writes "62%" and "<1%"."""
    return " " if language(lang) == "nl" else ""


def fmt_number(value: Any, digits: int = 1, lang: str = DEFAULT_LANGUAGE) -> str:
    number = _number(value)
    return DASH if number is None else _decimal(number, digits, lang)


def fmt_plain(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """Whole numbers without decimals (a median of 9 years), others with one."""
    number = _number(value)
    if number is None:
        return DASH
    return _decimal(number, 0 if number == int(number) else 1, lang)


def fmt_count(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    return fmt_number(value, 0, lang)


def fmt_signed(value: Any, digits: int = 3, lang: str = DEFAULT_LANGUAGE) -> str:
    """With an explicit sign: partial R-indicators say over (+) or under (−)."""
    number = _number(value)
    if number is None:
        return DASH
    text = _decimal(number, digits, lang)
    return text if text.startswith(MINUS) or not text.strip("0,.") else f"+{text}"


def _percent_text(share: float, lang: str) -> str:
    percent = share * 100
    rounded = round(percent)
    space = _spaced(lang)
    # "0 %" for a share that is not zero would say nobody chose it.
    if 0 < percent < 0.5:
        return f"<{space}1"
    if 99.5 <= percent < 100:
        return f">{space}99"
    return _decimal(rounded, 0, lang)


def fmt_percent(share: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """A share in [0, 1] as a whole percentage: ``0.62`` → ``62 %`` (English ``62%``)."""
    number = _number(share)
    return DASH if number is None else f"{_percent_text(number, lang)}{_spaced(lang)}%"


def fmt_points(share: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """A difference of shares in percentage points: ``0.3`` → ``30 procentpunt``."""
    number = _number(share)
    if number is None:
        return DASH
    points = round(number * 100)
    return translator(lang).ngettext(
        "%(points)s procentpunt",
        "%(points)s procentpunt",
        abs(points),
        points=_decimal(points, 0, lang),
    )


def fmt_percent_range(low: Any, high: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    """An interval of shares: ``55–68 %``; "—" when either end is missing."""
    low_n, high_n = _number(low), _number(high)
    if low_n is None or high_n is None:
        return DASH
    low_text = _decimal(round(low_n * 100), 0, lang)
    high_text = _decimal(round(high_n * 100), 0, lang)
    return f"{low_text}–{high_text}{_spaced(lang)}%"


def fmt_range(low: Any, high: Any, digits: int = 1, lang: str = DEFAULT_LANGUAGE) -> str:
    """An interval of numbers: ``3,2 – 3,6`` (spaced: the ends may be negative)."""
    low_n, high_n = _number(low), _number(high)
    if low_n is None or high_n is None:
        return DASH
    return f"{_decimal(low_n, digits, lang)} – {_decimal(high_n, digits, lang)}"


def fmt_p(value: Any, lang: str = DEFAULT_LANGUAGE) -> str:
    number = _number(value)
    if number is None:
        return DASH
    if number < 0.001:
        return f"< {_decimal(0.001, 3, lang)}"  # "p < 0.001" is spaced in English too
    return _decimal(number, 3, lang)


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

    def __init__(self, result: Mapping[str, Any], t: Translator | None = None) -> None:
        self._t = t or translator()
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
            return self._t.gettext("onbekend")
        return self.groups.get(str(variable), {}).get(str(name), str(name))


def _weighted(entries: Iterable[Mapping[str, Any]], key: str = "weighted_share") -> bool:
    return any(key in entry for entry in entries)


def _question_view(question: Mapping[str, Any], number: int, t: Translator) -> dict[str, Any]:
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
        view.update(_scale_view(question, options, t))
    return view


def _scale_view(
    question: Mapping[str, Any], options: list[dict[str, Any]], t: Translator
) -> dict[str, Any]:
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


def _method_text(found: Mapping[str, Any], labels: Labels, t: Translator) -> str:
    """The interval method in the report's language (``ci_method`` itself is English)."""
    variables = ", ".join(labels.variable(name) for name in _as_list(found.get("variables")))
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
    trim = _as_list(found.get("trim"))
    return {
        "variables": [labels.variable(name) for name in _as_list(found.get("variables"))],
        "weighting_effect": found.get("weighting_effect"),
        "effective_n": found.get("effective_n"),
        "ci_method": _method_text(found, labels, t) if method else None,
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


def _evidence(point: Mapping[str, Any], t: Translator) -> list[tuple[str, str]]:
    """The figures behind a discussion point, formatted; unknown keys are left out."""
    evidence = _as_dict(point.get("evidence"))
    figures: list[tuple[str, str]] = []
    for key, label, formatter in (
        ("agree", t.gettext("eens"), fmt_percent),
        ("disagree", t.gettext("oneens"), fmt_percent),
        ("share", t.gettext("aandeel"), fmt_percent),
        ("count", t.gettext("aantal"), fmt_count),
        ("n", "n =", fmt_count),
        ("cramers_v", "Cramér’s V", partial(fmt_number, digits=2)),
        ("p_adjusted", t.gettext("p (gecorrigeerd)"), fmt_p),
    ):
        if key in evidence and evidence[key] is not None:
            figures.append((label, formatter(evidence[key], lang=t.lang)))
    return figures


def _discussion_views(
    result: Mapping[str, Any], labels: Labels, t: Translator
) -> list[dict[str, Any]]:
    views = []
    for point in _dicts(result.get("discussion_points")):
        point = _as_dict(point)
        questions = _as_list(_as_dict(point.get("evidence")).get("questions"))
        known = KINDS.get(str(point.get("kind")))
        kind = t.gettext(known) if known else str(point.get("kind") or "")
        title = str(point.get("title") or "")
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
            }
        )
    return views


def _context(result: Mapping[str, Any], t: Translator) -> dict[str, Any]:
    labels = Labels(result, t)
    questions = [
        _question_view(_as_dict(q), number, t)
        for number, q in enumerate(_dicts(result.get("questions")), 1)
    ]
    withheld = bool(result.get("results_withheld"))
    return {
        "lang": t.lang,
        "r": result,
        "title": result.get("title") or "Ledenpanel",
        "k": result.get("min_group") or 10,
        "withheld": withheld,
        "response": _as_dict(result.get("response")),
        "questions": questions,
        # Every question's table carries an interval, so any question means intervals.
        "has_intervals": not withheld and bool(questions),
        "representativeness": _representativeness_view(result, labels),
        "weighting": _weighting_view(result, labels, t),
        "crosstabs": _crosstab_views(result, labels),
        "notable": _notable_views(result, labels),
        "groups_present": isinstance(result.get("groups"), Mapping),
        "opinions": _opinion_view(result, labels),
        "discussion": _discussion_views(result, labels, t),
        "labels": labels,
    }


# -- rendering --------------------------------------------------------------------

FOOTER_NL = '"pagina " counter(page) " van " counter(pages)'  # in report.css's @page


@cache
def _environment(lang: str) -> Environment:
    """One environment per language, its catalog and number formats built in.

    Separate environments, not one whose gettext is swapped per call: nothing a
    rendering in one language does can reach a rendering in another.
    """
    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # labels, answers and quotes come from members: always escaped
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Whitespace inside {% trans %} collapses, so a wrapped sentence is one msgid line.
    environment.policies["ext.i18n.trimmed"] = True
    environment.install_gettext_translations(_catalog(lang), newstyle=True)  # type: ignore[attr-defined]
    formatters = {
        "number": fmt_number,
        "plain": fmt_plain,
        "count": fmt_count,
        "signed": fmt_signed,
        "pct": fmt_percent,
        "pct_range": fmt_percent_range,
        "range": fmt_range,
        "pvalue": fmt_p,
        "points": fmt_points,
    }
    environment.filters.update(
        {name: partial(formatter, lang=lang) for name, formatter in formatters.items()}
    )
    return environment


@cache
def _css(lang: str) -> str:
    css = (HERE / "report.css").read_text(encoding="utf-8")
    if lang == DEFAULT_LANGUAGE:
        return css
    return css.replace(FOOTER_NL, _page_footer(translator(lang)))


def _page_footer(t: Translator) -> str:
    """The translated "page 3 of 12" as a CSS ``content`` value with page counters."""
    marker = "\x00"
    text = t.gettext(
        "pagina %(page)s van %(pages)s",
        page=marker + "page" + marker,
        pages=marker + "pages" + marker,
    )
    parts = text.split(marker)  # text, counter name, text, counter name, text
    values = [
        f"counter({part})" if index % 2 else '"' + part.replace('"', "") + '"'
        for index, part in enumerate(parts)
    ]
    return " ".join(value for value in values if value != '""')


def render_html(result: dict, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """The report as one self-contained HTML document (CSS inlined, no script).

    ``lang`` is "nl" (the default) or "en"; any other value gives Dutch.
    """
    t = translator(lang)
    template = _environment(t.lang).get_template("report.html.j2")
    return template.render(css=_css(t.lang), **_context(result, t))


def render_pdf(result: dict, *, lang: str = DEFAULT_LANGUAGE) -> bytes:
    """The report printed on A4; WeasyPrint may fetch no URL at all."""
    from weasyprint import HTML  # slow import, and only the PDF needs it
    from weasyprint.urls import URLFetcher

    refuse_all = URLFetcher(allowed_protocols=frozenset())
    return HTML(string=render_html(result, lang=lang), url_fetcher=refuse_all).write_pdf()
