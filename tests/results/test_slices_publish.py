"""A branch's board publishes its slice to its members, after the panel's own results."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ledenpanel.organisations.models import RoleKind, Unit
from ledenpanel.panels.models import Panel
from ledenpanel.results.models import Publication, ReportVersion, SlicePublication
from ledenpanel.results.slices import published_slices
from tests.builders import (
    Party,
    closed_national_panel,
    staff_with_role,
    verified_client,
)


def _closed(party: Party, capture) -> Panel:
    """A national panel where 14, 12 and 14 members of A1, A2 and B1 answered (of 18, 16, 18)."""
    return closed_national_panel(party, capture, {"A1": 14, "A2": 12, "B1": 14})


def _board(unit: Unit) -> Client:
    email = f"bestuur-{unit.code}@example.org"
    return verified_client(staff_with_role(unit, RoleKind.BOARD, email))


def _results_published(panel: Panel) -> None:
    """The panel's own board published its results (written as publishing leaves it)."""
    version = ReportVersion.objects.create(
        panel=panel, number=1, points=[], change="final_as_drafted", final_at=timezone.now()
    )
    Publication.objects.create(panel=panel, report_version=version, pages={}, public=True)


def test_it_publishes_a_slice_only_after_the_results_and_only_by_its_own_board(
    party: Party, django_capture_on_commit_callbacks
):
    panel = _closed(party, django_capture_on_commit_callbacks)
    unit = party.branch_b1
    args = [panel.public_id, unit.public_id]
    page, publish = reverse("results:slice", args=args), reverse("results:slice_publish", args=args)
    public = reverse("results:slice_public", args=args)
    board = _board(unit)

    before = board.get(page)
    refused = board.post(publish)

    assert before.status_code == 200
    assert "Publiceer voor de leden" not in before.content.decode()
    assert refused.status_code == 302
    assert not SlicePublication.objects.exists()
    assert Client().get(public).status_code == 404

    _results_published(panel)
    offered = board.get(page)
    assert "Publiceer voor de leden" in offered.content.decode()
    assert _board(party.national).post(publish).status_code == 403  # the panel's board
    assert _board(party.branch_a1).post(publish).status_code == 404  # another branch
    assert not SlicePublication.objects.exists()

    assert board.post(publish).status_code == 302
    shown = Client().get(public)

    assert SlicePublication.objects.get().unit == unit
    assert shown.status_code == 200
    assert shown["Cache-Control"] == "private, no-store"
    content = shown.content.decode()
    assert "de uitslag in Afdeling Ba" in content
    assert "Hoe reist u meestal?" in content
    assert [(link.unit.name, link.url) for link in published_slices(panel=panel)] == [
        ("Afdeling Ba", public)
    ]
    # A slice nobody published stays private.
    other = reverse("results:slice_public", args=[panel.public_id, party.region_1.public_id])
    assert Client().get(other).status_code == 404
