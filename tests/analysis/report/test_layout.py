"""What the board reads where: the summary page, the notable differences in the body,
every crosstab and the questionnaire in the appendices."""

from __future__ import annotations

import html
import re

from ledenpanel.analysis.report import render_html
from tests.support.report_result import build_result


def _section(page: str, anchor: str) -> str:
    """The text of the ``<section>`` whose heading has ``id=anchor``."""
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def test_the_summary_names_the_main_outcomes_the_margin_and_the_points(page: str) -> None:
    summary = _text(_section(page, "samenvatting"))

    assert "Belangrijkste uitkomsten" in summary
    assert (
        "Bij “Hoe wilt u het liefst bericht krijgen?” werd “E-mail” het vaakst gekozen" in summary
    )
    # 1.96·√(0.25/648.2)·√(3200/3999) = 3.4 percentage points
    assert "binnen 3,4 procentpunt" in summary
    assert "Om over door te praten" in summary
    assert "Duidelijke meerderheid (79 %)" in summary


def test_the_english_summary_has_no_dutch_sentence(english_page: str) -> None:
    summary = _text(_section(english_page, "samenvatting"))

    assert "Main outcomes" in summary
    assert "“E-mail” was chosen most often (74%)" in summary
    assert "within 3.4 percentage points" in summary
    for dutch in ("het vaakst", "procentpunt", "Belangrijkste", "van de leden"):
        assert dutch not in summary


def test_the_body_shows_only_the_notable_difference_with_its_dot_plot(page: str) -> None:
    body = _section(page, "groepen")

    assert body.count("<figure") == 1
    assert 'role="img"' in body
    assert "16-34: 52 %" in body  # the chart's figures, as text for screen readers
    assert "<table" not in body  # the crosstabs are in the appendix


def test_every_crosstab_is_in_the_appendix(page: str, result: dict) -> None:
    appendix = _section(page, "bijlage-groepen")

    assert appendix.count('<table class="figures crosstab') == len(result["groups"]["tables"])


def test_the_questionnaire_appendix_lists_every_question_with_its_answers(
    page: str, result: dict
) -> None:
    appendix = _text(_section(page, "bijlage-vragenlijst"))

    for question in result["questions"]:
        assert question["label"] in appendix
        for option in question.get("options") or []:
            assert option["label"] in appendix
    assert "Kies één antwoord." in appendix
    assert "Kies één of meer antwoorden." in appendix


def test_a_result_without_a_summary_still_renders() -> None:
    # Results stored before the summary existed have no "summary" block.
    older = build_result()
    del older["summary"]

    page = render_html(older)

    assert 'id="samenvatting"' in page
    assert "Belangrijkste uitkomsten" not in page
