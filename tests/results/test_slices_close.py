"""Slices after a real close: who sees which, and nothing subtracts to a hidden group.

A national panel is opened, answered and closed through the services; the
slices come from the close's stored aggregates (``analysis.slices``).
"""

from __future__ import annotations

from collections import Counter

from django.test import Client
from django.urls import reverse

from ledenpanel.analysis.disclosure import distribution_is_disclosive
from ledenpanel.closing.aggregates import closed_items
from ledenpanel.closing.models import PanelClosing
from ledenpanel.organisations.models import RoleKind, Unit, UnitKind
from ledenpanel.panels.models import Panel
from ledenpanel.responses.models import Response
from ledenpanel.results.analysis_input import panel_questionnaire
from tests.builders import (
    Party,
    closed_national_panel,
    staff_with_role,
    verified_client,
)
from tests.factories import MemberFactory, UnitFactory


def _closed(party: Party, capture, answering: dict[str, int]) -> Panel:
    return closed_national_panel(party, capture, answering)


def _board(unit: Unit) -> Client:
    return verified_client(
        staff_with_role(unit, RoleKind.BOARD, f"bestuur-{unit.code}@example.org")
    )


def _slice_url(panel: Panel, unit: Unit) -> str:
    return reverse("results:slice", args=[panel.public_id, unit.public_id])


def test_it_shows_branch_boards_their_slice_and_refuses_a_branch_under_k(
    party: Party, django_capture_on_commit_callbacks
):
    panel = _closed(party, django_capture_on_commit_callbacks, {"A1": 14, "A2": 3, "B1": 14})
    subunits = PanelClosing.objects.get(panel=panel).aggregates["subunits"]

    b1 = _board(party.branch_b1).get(_slice_url(panel, party.branch_b1))
    region = _board(party.region_1).get(_slice_url(panel, party.region_1))
    a2 = _board(party.branch_a2).get(_slice_url(panel, party.branch_a2))
    a1 = _board(party.branch_a1).get(_slice_url(panel, party.branch_a1))

    assert b1.status_code == 200
    assert b1["Cache-Control"] == "private, no-store"
    assert f"<dd>{subunits['branch']['B1']['respondents']}</dd>" in b1.content.decode()
    assert "Hoe reist u meestal?" in b1.content.decode()
    assert region.status_code == 200
    assert subunits["branch"]["A2"]["suppressed"]
    assert a2.status_code == 404  # 3 respondents: under k
    # Region G1 is shown, so A1 would give A2 away by subtraction: hidden too.
    assert subunits["branch"]["A1"]["suppressed"]
    assert a1.status_code == 404


def test_a_board_cannot_see_another_branchs_slice(party: Party, django_capture_on_commit_callbacks):
    panel = _closed(party, django_capture_on_commit_callbacks, {"A1": 14, "A2": 12, "B1": 14})
    assert not PanelClosing.objects.get(panel=panel).aggregates["subunits"]["branch"]["B1"][
        "suppressed"
    ]
    url = _slice_url(panel, party.branch_b1)

    assert _board(party.branch_b1).get(url).status_code == 200
    assert _board(party.branch_a1).get(url).status_code == 404
    assert _board(party.region_1).get(url).status_code == 404
    coach = verified_client(staff_with_role(party.region_2, RoleKind.COACH, "coach@example.org"))
    assert coach.get(url).status_code == 404
    # The panel's own board sees every shown slice, listed on the overview.
    national = _board(party.national)
    assert national.get(url).status_code == 200
    overview = national.get(reverse("results:slices_overview", args=[panel.public_id]))
    assert overview.status_code == 200
    assert url in overview.content.decode()


def _fine_place(party: Party) -> dict[str, str]:
    """The fine region of each branch code (the tree)."""
    return {
        unit.code: unit.parent.code
        for unit in Unit.objects.filter(kind=UnitKind.AFDELING).select_related("parent")
        if unit.parent
    }


def _remainder_ok(counts: Counter, *, k: int, distribution: bool) -> bool:
    total = sum(counts.values())
    if total == 0:
        return True
    return total >= k and not (distribution and distribution_is_disclosive(counts))


def test_the_shown_slices_the_whole_and_the_coded_crosstabs_never_give_a_hidden_group(
    party: Party, django_capture_on_commit_callbacks
):
    # A third region with one small branch: the coding pools it with another
    # region into "overig", and a slice of that other region would give it away.
    region_3 = UnitFactory(
        code="G3", name="Gewest West", kind=UnitKind.GEWEST, parent=party.national
    )
    branch_c1 = UnitFactory(code="C1", name="Afdeling Ca", kind=UnitKind.AFDELING, parent=region_3)
    MemberFactory.create_batch(10, branch=branch_c1)
    panel = _closed(
        party, django_capture_on_commit_callbacks, {"A1": 18, "A2": 14, "B1": 14, "C1": 6}
    )
    closing = PanelClosing.objects.get(panel=panel)
    k, subunits = closing.min_group, closing.aggregates["subunits"]
    region_of = _fine_place(party)
    responses = list(Response.objects.filter(panel=panel, is_open=False))
    coded_regions = {r.bands.get("region") for r in responses}
    coding = closing.coding["variables"].get("region", {})
    items = closed_items(panel_questionnaire(panel))

    for item in [None, *items]:
        # Per coded region band the whole figures (from the stored responses),
        # minus the shown fine slices that lie inside it.
        for band in coded_regions:
            total: Counter = Counter()
            for response in responses:
                if response.bands.get("region") != band:
                    continue
                if item is None:
                    total["n"] += 1
                else:
                    value = _item_value(response.answers, item)
                    if value is not None:
                        total[value] += 1
            inside_regions = (
                {fine for fine, coded in coding.items() if coded == band}
                if coding
                else set(region_of.values())
            )
            shown = _shown_inside(subunits, item, inside_regions, region_of)
            if not shown:
                continue  # the band's own figures: the report's to show or hide
            remainder = total - shown
            assert _remainder_ok(remainder, k=k, distribution=item is not None), (band, item)
        # A shown region minus its shown branches.
        for region in subunits["region"]:
            figures = _figures(subunits, item, "region", region)
            if figures is None:
                continue
            branches = Counter()
            for branch, parent in region_of.items():
                if parent == region and _figures(subunits, item, "branch", branch) is not None:
                    branches += _figures(subunits, item, "branch", branch)
            if branches:
                assert _remainder_ok(figures - branches, k=k, distribution=item is not None)
    # The participation table shows respondents exactly where the slices do.
    by = closing.aggregates["participation"]["by"]
    for kind in ("branch", "region"):
        for code, cell in subunits[kind].items():
            assert by[kind][code]["suppressed"] == cell["suppressed"], (kind, code)


def _item_value(answers: dict, item: str) -> str | None:
    name, _dot, part = item.partition(".")
    value = answers.get(name)
    if value is None or value in ("", [], {}):
        return None
    if isinstance(value, list):
        return "ja" if part in value else "nee"
    if isinstance(value, dict):
        return None if value.get(part) is None else str(value.get(part))
    return str(value)


def _figures(subunits: dict, item: str | None, kind: str, code: str) -> Counter | None:
    if item is None:
        cell = subunits[kind].get(code)
        return None if not cell or cell["suppressed"] else Counter({"n": cell["respondents"]})
    counts = subunits["items"][item][kind].get(code)
    return None if counts is None else Counter({v: c for v, c in counts.items() if c})


def _shown_inside(
    subunits: dict, item: str | None, regions: set[str], region_of: dict[str, str]
) -> Counter:
    """The shown fine figures inside these regions: a shown region, else its shown branches."""
    shown: Counter = Counter()
    for region in regions:
        figures = _figures(subunits, item, "region", region)
        if figures is not None:
            shown += figures
            continue
        for branch, parent in region_of.items():
            if parent == region:
                shown += _figures(subunits, item, "branch", branch) or Counter()
    return shown


def test_a_branch_board_finds_its_own_slice_on_its_home_page(
    party: Party, django_capture_on_commit_callbacks
):
    panel = _closed(party, django_capture_on_commit_callbacks, {"A1": 14, "A2": 3, "B1": 14})

    shown = _board(party.branch_b1).get("/").content.decode()
    hidden = _board(party.branch_a2).get("/").content.decode()

    assert _slice_url(panel, party.branch_b1) in shown
    assert "Uitkomsten voor uw eenheid" not in hidden  # A2's slice is under k
