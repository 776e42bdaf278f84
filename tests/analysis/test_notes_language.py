"""The engine's notes, warnings and drafted points carry a code and its figures,
so a Dutch report says them in Dutch and an English one in English."""

from __future__ import annotations

import re
from html import unescape

from ledenpanel.analysis.data import Options
from ledenpanel.analysis.engine import analyse
from ledenpanel.analysis.report import render_html
from tests.support.report_result import build_result
from tests.support.synthetic_panel import panel


def _text(html: str) -> str:
    body = re.sub(r"<style>.*?</style>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


def _weighting_section(html: str) -> str:
    return _text(html.split('id="weging"', 1)[1].split("<section", 1)[0])


def _engine_result() -> dict:
    """The synthetic panel weighted by age, with 20 respondents of unknown age."""
    form, responses, population = panel(respondents=400)
    responses.background["age"][:20] = [None] * 20
    return analyse(form, responses, population=population, options=Options(weight_by=("age",)))


def test_a_weighting_note_is_english_in_an_english_report_and_dutch_in_a_dutch_one() -> None:
    result = _engine_result()
    [notice] = [n for n in result["weighting"]["notices"] if n["code"] == "unknown_values"]
    assert notice["params"] == {"variable": "age", "respondents": 20, "share": 0.05}
    assert notice["text"] in result["weighting"]["notes"]  # the Dutch text, for older readers

    english = _weighting_section(render_html(result, lang="en"))
    dutch = _weighting_section(render_html(result))

    assert "age: respondents without a usable value (20, 5%) keep their share" in english
    assert "zonder bruikbare waarde" not in english
    assert "age: deelnemers zonder bruikbare waarde (20, 5 %) houden hun aandeel" in dutch
    assert "without a usable value" not in dutch


def test_drafted_points_are_english_in_an_english_report() -> None:
    result = build_result()
    result["discussion_points"] = [
        {
            "kind": "majority",
            "code": "majority_agree",
            "params": {"question": "woningbouw", "question_label": "x", "share": 0.7912},
            "title": "Duidelijke meerderheid (79 %) eens met “Er moeten meer sociale …”",
            "evidence": {"questions": ["woningbouw"], "agree": 0.7912, "n": 790},
        },
        {
            "kind": "divided",
            "title": "Door de coach herschreven: hierover praten we in maart verder.",
            "evidence": {"questions": ["kernenergie"]},
        },
    ]
    english = _text(render_html(result, lang="en"))
    dutch = _text(render_html(result))

    assert (
        "Clear majority (79%) agrees with “Er moeten meer sociale huurwoningen komen.”" in english
    )
    assert "Duidelijke meerderheid" not in english
    assert "eens met “Er moeten meer sociale huurwoningen komen.”" in dutch
    # A point a person rewrote (no code) is printed as written, in every language.
    assert "Door de coach herschreven: hierover praten we in maart verder." in english
    # What each kind means is printed with the points.
    assert "the 95% interval lies wholly above 50%" in english


def test_the_engine_points_render_in_english() -> None:
    form, responses, population = panel(respondents=600)
    result = analyse(form, responses, population=population, options=Options(weight_by=("age",)))
    points = result["discussion_points"]
    assert points
    assert all(point.get("code") for point in points)

    english = _text(render_html(result, lang="en"))
    for word in ("Duidelijke meerderheid", "Verdeeld:", "Open deur", "Niet gevraagd"):
        assert word not in english


def test_extreme_weights_are_a_visible_warning_in_either_language() -> None:
    result = build_result()
    result["weighting"]["notices"] = [
        {
            "code": "extreme_weights",
            "level": "warning",
            "params": {"respondents": 40, "share_of_respondents": 0.05, "share_of_weight": 0.22},
            "text": "Extreme gewichten: …",
        }
    ]
    for lang, expected in (
        ("nl", "Waarschuwing bij de weging: Extreme gewichten: de 5 % van de deelnemers"),
        ("en", "Warning about the weighting: Extreme weights: the 5% of respondents"),
    ):
        html = render_html(result, lang=lang)
        assert 'class="assumption warning"' in html
        assert expected in _weighting_section(html), lang
        assert ("22 %" if lang == "nl" else "22%") in _weighting_section(html)
