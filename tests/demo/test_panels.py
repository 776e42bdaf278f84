"""The demo panels: one in every state, a closed national panel with realistic answers."""

from __future__ import annotations

import io
import json
import random
import re
from collections import Counter

import pytest
from django.urls import reverse

from ledenpanel.closing.models import CloseStage
from ledenpanel.demo import answers as sim
from ledenpanel.demo import ensure_demo_party, texts
from ledenpanel.demo import panels as demo_panels
from ledenpanel.demo.questionnaires import national_course
from ledenpanel.demo.specs import PANELS, PanelSizes
from ledenpanel.followup.selectors import answer_published, responsiveness
from ledenpanel.invitations.models import DeliveryStatus, Invitation, MessageKind, OutboxMessage
from ledenpanel.organisations.models import RoleKind
from ledenpanel.panels.models import Panel, PanelEvent, PanelState, QuestionComment
from ledenpanel.responses.answering import check_complete
from ledenpanel.responses.models import Draft, Envelope, Receipt, Response
from tests.builders import staff_with_role, verified_client
from tests.support.pdf_pages import blank_pages, keep_pages, off_the_page, page_text, png_pages
from tests.support.poppler import needs_poppler

MEMBERS = 1_000
SMALL = PanelSizes(
    national_sample=300,
    national_responses=150,
    small_sample=40,
    small_responses=20,
    open_sample=30,
    open_submitted=8,
    open_drafts=3,
)
PERSONAL = re.compile(r"06[- ]?\d{4}|\+31 6|0\d{2}-\d{7}|@example\.|lidnummer|Groet|aan de ", re.I)


def counts() -> dict[str, int]:
    return {
        "panels": Panel.objects.count(),
        "events": PanelEvent.objects.count(),
        "invitations": Invitation.objects.count(),
        "responses": Response.objects.count(),
        "envelopes": Envelope.objects.count(),
        "drafts": Draft.objects.count(),
        "comments": QuestionComment.objects.count(),
    }


@pytest.mark.django_db
def test_it_loads_a_panel_in_every_state_once() -> None:
    sizes = SMALL
    out = io.StringIO()
    ensure_demo_party(members=MEMBERS, out=out, panels=False)

    demo_panels.ensure_demo_panels(sizes=sizes, out=out)

    states = Counter(Panel.objects.values_list("state", flat=True))
    assert set(states) == set(PanelState.values)
    national = Panel.objects.get(unit__code="NL", title="Koers van de partij")
    assert national.state == PanelState.CLOSED
    assert national.opening.sampled == sizes.national_sample
    assert national.responses.count() == sizes.national_responses
    assert national.closing.stage == CloseStage.DONE
    assert national.closing.respondents == sizes.national_responses
    k = national.closing.min_group
    for panel in Panel.objects.filter(state__in=["closed", "reported", "responded", "archived"]):
        assert panel.closing.stage == CloseStage.DONE
        assert panel.analysis.result is not None  # the report is there when the demo serves
        bands = Counter(json.dumps(r.bands, sort_keys=True) for r in panel.responses.all())
        if panel.responses.count() >= k:
            assert min(bands.values()) >= k, panel.title
        # Nothing of fieldwork survives the close.
        assert not Envelope.objects.filter(panel=panel).exists()
        assert not Receipt.objects.filter(panel=panel).exists()
        assert not Draft.objects.filter(panel=panel).exists()
        assert not panel.invitations.filter(responded=True).exists()
    assert national.invitations.filter(delivery=DeliveryStatus.BOUNCED).exists()

    open_panel = Panel.objects.get(state=PanelState.OPEN)
    assert Envelope.objects.filter(panel=open_panel).count() == sizes.open_submitted
    # The unfinished drafts, and each submitter's browser's note that it is done.
    drafts = Draft.objects.filter(panel=open_panel).count()
    assert drafts == sizes.open_drafts + sizes.open_submitted
    assert OutboxMessage.objects.filter(panel=open_panel).exists()
    in_review = Panel.objects.get(state=PanelState.IN_REVIEW)
    assert in_review.comments.filter(author__email="begeleider@demo.example").count() == 2
    cancelled = Panel.objects.get(state=PanelState.CANCELLED)
    assert cancelled.events.filter(to_state=PanelState.CANCELLED).exclude(note="").exists()
    assert "Koers van de partij" in out.getvalue()
    # Results back to the members: one panel answered per point, one answer late.
    answered = Panel.objects.get(state=PanelState.RESPONDED)
    answer = answer_published(panel=answered)
    assert answer is not None
    assert len(answer.points) == len(answered.publication.report_version.points)
    assert all(point["position"] and point["reasoning"] for point in answer.points)
    late = Panel.objects.get(state=PanelState.REPORTED)
    assert late.publication.public
    assert responsiveness(panel=late).answer.status == "overdue"
    for published in (answered, late):
        mailed = OutboxMessage.objects.filter(panel=published, kind=MessageKind.RESULTS)
        assert mailed.count() == published.invitations.filter(channel="email").count()

    before = counts()
    again = io.StringIO()
    ensure_demo_party(members=MEMBERS, out=again)

    assert counts() == before
    assert "Reusing the existing demo party" in again.getvalue()
    assert "panel:" not in again.getvalue()


@pytest.mark.django_db
def test_it_finishes_a_closed_panel_that_a_previous_run_left_open(monkeypatch) -> None:
    ensure_demo_party(members=300, out=io.StringIO(), panels=False)
    spec = next(spec for spec in PANELS if spec.target == PanelState.REPORTED)
    sizes = PanelSizes.for_members(300)
    monkeypatch.setattr(demo_panels, "PANELS", (spec,))
    with monkeypatch.context() as stop:  # the first run stops right after opening
        stop.setattr(demo_panels, "_finish_closed", lambda *args: None)
        demo_panels.ensure_demo_panels(sizes=sizes, out=io.StringIO())
    panel = Panel.objects.get(title=spec.title)
    assert panel.state == PanelState.OPEN

    demo_panels.ensure_demo_panels(sizes=sizes, out=io.StringIO())

    panel.refresh_from_db()
    assert panel.state == PanelState.REPORTED
    assert panel.closing.stage == CloseStage.DONE
    assert panel.responses.count() == sizes.small_responses
    assert Panel.objects.count() == 1


# --- the simulated answers (pure) ----------------------------------------------


def simulated(count: int, background: dict[str, str], seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    questionnaire = national_course()
    return [sim.simulate(questionnaire, sim.traits_for(background, rng), rng) for _ in range(count)]


def share(answers: list[dict], question: str, values: set[str]) -> float:
    return sum(a.get(question) in values for a in answers) / len(answers)


AGREE = {"eens", "helemaal_eens"}
DISAGREE = {"oneens", "helemaal_oneens"}
YOUNG_CITY = {"age": "25-34", "gender": "V", "region": "GW-UT", "tenure": "0-1"}
OLD_LONG = {"age": "65-74", "gender": "M", "region": "GW-DR", "tenure": "20+"}


def test_it_answers_every_required_question_the_way_the_answering_pages_store_it() -> None:
    questionnaire = national_course()
    for answers in simulated(200, YOUNG_CITY) + simulated(200, OLD_LONG):
        assert check_complete(questionnaire, answers) == []
        assert sorted(answers["rangorde"].values()) == [1, 2, 3, 4, 5, 6]
        assert sum(answers["budget"].values()) == 100
        assert min(answers["budget"].values()) >= 0
        assert set(answers["stellingen"]) == {"vermogen", "rekeningrijden", "defensie"}
        assert answers["kanalen"]


@needs_poppler
@pytest.mark.django_db
def test_the_national_demo_panels_report_prints_page_by_page(tmp_path) -> None:
    """The PDF a board downloads for the demo's closed national panel, as PNG pages
    kept under var/screenshots/report-demo/ to look at: a summary on page 1, ink
    on every page, nothing past a page's edge."""
    ensure_demo_party(members=MEMBERS, out=io.StringIO(), panels=False)
    demo_panels.ensure_demo_panels(sizes=SMALL, out=io.StringIO())
    national = Panel.objects.get(unit__code="NL", title="Koers van de partij")
    board = verified_client(staff_with_role(national.unit, RoleKind.BOARD, "landelijk@example.org"))

    response = board.get(reverse("results:analysis_pdf", args=[national.public_id]))

    assert response.status_code == 200
    pdf = tmp_path / "verslag.pdf"
    pdf.write_bytes(response.content)
    pages = png_pages(pdf, tmp_path / "pagina's")
    kept = keep_pages(pages, "report-demo")
    assert len(pages) >= 4
    assert blank_pages(pages) == [], f"blank pages (kept in {kept})"
    assert off_the_page(pdf) == []
    first = page_text(pdf, 1)
    assert "Samenvatting" in first
    assert "Belangrijkste uitkomsten" in first
    assert "procentpunt" in first  # the margin of error, in one sentence


def test_it_gives_realistic_patterns() -> None:
    young, old = simulated(1_500, YOUNG_CITY), simulated(1_500, OLD_LONG, seed=2)
    everyone = young + old

    # One open door, two divided statements, some "weet niet".
    assert share(everyone, "ledeninvloed", AGREE) > 0.85
    for divided in ("samenwerken", "kernenergie"):
        assert 0.25 < share(everyone, divided, AGREE) < 0.6
        assert 0.15 < share(everyone, divided, DISAGREE) < 0.5
    assert 0.05 < share(everyone, "kernenergie", {"weet_niet"}) < 0.2
    # Differences between groups the analysis can find.
    assert share(young, "samenwerken", AGREE) > share(old, "samenwerken", AGREE) + 0.1
    assert share(old, "regeren", AGREE) > share(young, "regeren", AGREE) + 0.1
    assert share(old, "actief", {"vrijwilliger", "kader"}) > share(
        young, "actief", {"vrijwilliger", "kader"}
    )
    young_first = Counter(min(a["rangorde"], key=a["rangorde"].get) for a in young)
    old_first = Counter(min(a["rangorde"], key=a["rangorde"].get) for a in old)
    assert young_first.most_common(1)[0][0] == "wonen"
    assert old_first["zorg"] > young_first["zorg"]


def test_it_writes_varied_dutch_open_answers_with_some_personal_data() -> None:
    answers = simulated(2_000, YOUNG_CITY) + simulated(2_000, OLD_LONG, seed=3)
    open_texts = [
        a[q] for a in answers for q in ("belangrijkste", "betrekken", "boodschap") if q in a
    ]

    assert len(open_texts) > 2_000
    assert len(set(open_texts)) > 0.4 * len(open_texts)
    with_personal = [text for text in open_texts if PERSONAL.search(text)]
    assert 0.01 < len(with_personal) / len(open_texts) < 0.15
    assert any(re.search(r"06[- ]\d{4}", text) for text in with_personal)
    assert any("@example." in text for text in with_personal)
    assert all(len(a["boodschap"]) <= 300 for a in answers if "boodschap" in a)


def test_it_gives_the_same_answers_for_the_same_seed() -> None:
    assert simulated(50, OLD_LONG, seed=9) == simulated(50, OLD_LONG, seed=9)
    assert simulated(50, OLD_LONG, seed=9) != simulated(50, OLD_LONG, seed=10)
    rng = random.Random(4)
    assert texts.personal_detail(rng) != texts.personal_detail(rng)


def test_it_picks_likelier_respondents_more_often() -> None:
    weights = [sim.response_propensity(YOUNG_CITY, "letter")] * 500 + [
        sim.response_propensity(OLD_LONG, "email")
    ] * 500
    picked = sim.weighted_pick(weights, 400, random.Random(1))

    assert len(picked) == len(set(picked)) == 400
    assert sum(index >= 500 for index in picked) > 250


def test_it_scales_the_panel_sizes_with_the_party() -> None:
    assert PanelSizes.for_members(20_000) == PanelSizes()
    assert PanelSizes.for_members(40_000) == PanelSizes()
    small = PanelSizes.for_members(2_000)
    assert small.national_sample == 850
    assert small.national_responses == 500
    assert all(value >= 1 for value in vars(PanelSizes.for_members(10)).values())
