"""The members' results page, rendered once per language when the board publishes.

It is made from the same report view-model as the board's report
(``analysis.report.viewmodels.template_context``), so every figure it shows
is one the report shows, with the same suppression; it shows less: the
participation, the main outcomes in plain words, the margin of error and a
chart per question with its figures as text. No crosstab, no quote from an
open answer (a member's own words, even scrubbed, can give the writer away
to those who know them; the board's report keeps them), no method appendix.
The discussion points and the board's answer are added when the page is
served, from the published report version and the published answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from ledenpanel.analysis.report.charts import question_chart
from ledenpanel.analysis.report.formats import fmt_count, fmt_percent
from ledenpanel.analysis.report.i18n import LANGUAGES, Translator, translator
from ledenpanel.analysis.report.viewmodels import template_context
from ledenpanel.results.earlier import Earlier


def _question(view: Mapping[str, Any], t: Translator, earlier: Earlier | None) -> dict[str, Any]:
    chart = None if view.get("no_answers") else question_chart(view, t)
    themes = view.get("themes") if isinstance(view.get("themes"), Mapping) else None
    return {
        "name": view.get("name"),
        "number": view.get("number"),
        "label": view.get("label"),
        "own_number": view.get("own_number"),
        "no_answers": view.get("no_answers"),
        "chart_svg": view.get("chart_svg"),
        # The chart's figures as a sentence: the same text its <svg> gives a screen reader.
        "figures": chart.description if chart is not None else "",
        "earlier": None
        if earlier is None
        else {
            "panel_title": earlier.panel_title,
            "unit_name": earlier.unit_name,
            "published_on": date.fromisoformat(earlier.published_on),
            "label": earlier.label,
            "figures": earlier.figures.get(t.lang) or next(iter(earlier.figures.values())),
        },
        "themes": [
            {"label": theme.get("label"), "count": fmt_count(theme.get("count"), lang=t.lang)}
            for theme in (themes or {}).get("themes") or []
            if isinstance(theme, Mapping)
        ],
    }


def _figures(context: Mapping[str, Any], lang: str) -> dict[str, str]:
    result = context["r"]
    response = context["response"]
    rate = response.get("rr1", result.get("response_rate"))
    return {
        "respondents": fmt_count(result.get("n_responses"), lang=lang),
        "members": fmt_count(result.get("population_size"), lang=lang),
        "invited": fmt_count(response.get("invited"), lang=lang)
        if response.get("invited") is not None
        else "",
        "rate": fmt_percent(rate, lang=lang) if rate is not None else "",
    }


@dataclass(frozen=True)
class MemberPages:
    """What a publication keeps: the page per language, and each question's figures."""

    pages: dict[str, dict[str, str]]
    figures: dict[str, dict[str, str]]  # language → question name → sentence


def member_pages(
    *, report: Mapping[str, Any], earlier: Mapping[str, Earlier] | None = None
) -> MemberPages:
    """Per language, the page's summary and its questions as HTML, and the figures.

    ``earlier``: per question name, the result of an earlier panel to show beside it.
    """
    earlier = earlier or {}
    pages: dict[str, dict[str, str]] = {}
    figures: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        t = translator(lang)
        context = template_context(report, t)
        questions = [
            _question(view, t, earlier.get(str(view.get("name")))) for view in context["questions"]
        ]
        values = {
            "withheld": context["withheld"],
            "k": context["k"],
            "figures": _figures(context, lang),
            "summary": context["summary"],
            "transparency": context["transparency"],
            "questions": questions,
        }
        with translation.override(lang):
            pages[lang] = {
                "summary": render_to_string("results/member/_summary.html", values),
                "questions": render_to_string("results/member/_questions.html", values),
            }
        figures[lang] = {
            str(question["name"]): question["figures"]
            for question in questions
            if question["figures"] and not context["withheld"]
        }
    return MemberPages(pages=pages, figures=figures)
