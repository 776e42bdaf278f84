"""Earlier results of the same library question stand beside a panel's own."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ledenpanel.analysis.report.rendering import render_html
from ledenpanel.organisations.models import Unit
from ledenpanel.panels.library import branch_evaluation
from ledenpanel.panels.models import Panel, PanelState, UnitPanelSettings
from ledenpanel.results.earlier import Earlier, earlier_results
from ledenpanel.results.member_page import member_pages
from ledenpanel.results.models import Publication, ReportVersion
from tests.builders import Party, engine_result, use_questionnaire

GRADE = "cijfer"  # a 0-10 rating: no options
HEARD = "gehoord"  # an agree scale


def _published(unit: Unit, title: str, *, figures: str, days_ago: int) -> Panel:
    """A panel of ``unit`` on the library's branch evaluation, its results published."""
    panel = Panel.objects.create(
        unit=unit, title=title, topic=title, purpose="", coach_review_required=False
    )
    use_questionnaire(panel, branch_evaluation())
    panel.state = PanelState.REPORTED
    panel.save(update_fields=["state"])
    version = ReportVersion.objects.create(panel=panel, number=1, change="final_as_drafted")
    Publication.objects.create(
        panel=panel,
        report_version=version,
        figures={
            "nl": {GRADE: figures, HEARD: "eens: 50 %"},
            "en": {GRADE: f"EN {figures}", HEARD: "agree: 50%"},
        },
        published_at=timezone.now() - timedelta(days=days_ago),
    )
    return panel


def _new_panel(unit: Unit) -> Panel:
    panel = Panel.objects.create(
        unit=unit, title="Evaluatie 2027", topic="x", purpose="", coach_review_required=False
    )
    use_questionnaire(panel, branch_evaluation())
    return panel


def test_library_questions_carry_their_origin_through_storage():
    question = branch_evaluation().question(GRADE)

    assert question is not None
    assert question.origin == f"evaluatie_afdeling/{GRADE}"
    stored = branch_evaluation().to_dict()
    assert stored["sections"][0]["questions"][0]["origin"].startswith("evaluatie_afdeling/")


def test_the_newest_earlier_result_of_the_same_unit_is_found(party: Party):
    _published(party.branch_a1, "Evaluatie 2025", figures="gemiddeld 6,1", days_ago=400)
    _published(party.branch_a1, "Evaluatie 2026", figures="gemiddeld 6,8", days_ago=30)

    found = earlier_results(panel=_new_panel(party.branch_a1))

    assert found[GRADE].panel_title == "Evaluatie 2026"
    assert found[GRADE].figures["nl"] == "gemiddeld 6,8"


def test_a_sibling_units_result_needs_its_consent(party: Party):
    # A2 is A1's sibling (both under region G1); B1 is not.
    _published(party.branch_a2, "Evaluatie A2", figures="gemiddeld 7,0", days_ago=10)
    _published(party.branch_b1, "Evaluatie B1", figures="gemiddeld 5,0", days_ago=5)
    new = _new_panel(party.branch_a1)

    assert earlier_results(panel=new) == {}

    UnitPanelSettings.objects.create(unit=party.branch_a2, share_results_with_siblings=True)
    UnitPanelSettings.objects.create(unit=party.branch_b1, share_results_with_siblings=True)

    assert earlier_results(panel=new)[GRADE].unit_name == party.branch_a2.name


def test_a_question_whose_options_changed_is_not_compared(party: Party):
    _published(party.branch_a1, "Evaluatie 2026", figures="gemiddeld 6,8", days_ago=30)
    new = _new_panel(party.branch_a1)
    questionnaire = branch_evaluation()
    for question in questionnaire.questions():
        if question.options:
            question.options = question.options[:-1]
    use_questionnaire(new, questionnaire)

    found = earlier_results(panel=new)

    assert set(found) == {GRADE}  # the agree scale lost an option; the rating has none


def test_the_members_page_shows_the_earlier_result_beside_the_new_one():
    result = engine_result(30)
    name = next(q["name"] for q in result["questions"] if q["type"] == "select_one")
    earlier = Earlier(
        panel_title="Koers 2025",
        unit_name="Afdeling Aa",
        published_on="2025-11-01",
        label="Hoe reisde u toen?",
        figures={"nl": "Bus: 40 %; Trein: 60 %", "en": "Bus: 40%; Train: 60%"},
    )

    pages = member_pages(report=result, earlier={name: earlier})

    dutch = pages.pages["nl"]["questions"]
    assert "Eerder gevraagd in “Koers 2025” (Afdeling Aa, november 2025):" in dutch
    assert "Bus: 40 %; Trein: 60 %" in dutch
    assert "Toen gevraagd als: “Hoe reisde u toen?”" in dutch
    assert "Bus: 40%; Train: 60%" in pages.pages["en"]["questions"]
    assert pages.figures["nl"][name]


def test_the_boards_report_prints_the_earlier_result_beside_the_new_one():
    result = engine_result(30)
    name = next(q["name"] for q in result["questions"] if q["type"] == "select_one")
    earlier = {
        name: {
            "panel_title": "Koers 2025",
            "unit_name": "Afdeling Aa",
            "published_on": "2025-11-01",
            "label": "Hoe reisde u toen?",
            "figures": {"nl": "Bus: 40 %", "en": "Bus: 40%"},
        }
    }

    dutch = render_html({**result, "earlier": earlier}, lang="nl")
    english = render_html({**result, "earlier": earlier}, lang="en")

    assert "Eerder gevraagd in “Koers 2025” (Afdeling Aa, 1 november 2025): Bus: 40 %" in dutch
    assert "Asked before in “Koers 2025” (Afdeling Aa, 1 November 2025): Bus: 40%" in english
