"""The board's letters page: progress, downloads, trying again, and who may see it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from ledenpanel.invitations.letters import letter_files_delete
from ledenpanel.invitations.models import LetterBatch, LetterState, MessageKind
from ledenpanel.panels.models import Panel
from tests.builders import (
    Party,
    finished_batch,
    invited_panel_for,
    open_panel_for,
)

pytestmark = pytest.mark.usefixtures("letters_dir")  # letter files under tmp_path


def _list_url(panel: Panel) -> str:
    return reverse("invitations:letters", kwargs={"panel_id": panel.public_id})


def _download_url(batch: LetterBatch) -> str:
    return reverse(
        "invitations:letter_download",
        kwargs={
            "panel_id": batch.panel.public_id,
            "sequence": batch.sequence,
            "kind": batch.kind,
            "number": batch.number,
        },
    )


def test_the_board_downloads_a_finished_file(party: Party, board):
    batch = finished_batch(party.panel_a1)

    page = board.get(_list_url(party.panel_a1)).content.decode()
    response = board.get(_download_url(batch))

    assert _download_url(batch) in page
    assert "1 van 1 bestanden klaar (2 van 2 brieven)" in page
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_the_page_polls_only_while_files_are_being_made(party: Party, board):
    batch = finished_batch(party.panel_a1)
    assert "hx-trigger" not in board.get(_list_url(party.panel_a1)).content.decode()

    LetterBatch.objects.filter(pk=batch.pk).update(state=LetterState.RENDERING)
    partial = board.get(_list_url(party.panel_a1), headers={"HX-Request": "true"})

    html = partial.content.decode()
    assert 'hx-trigger="every 3s"' in html
    assert "<html" not in html
    assert "0 van 1 bestanden klaar" in html


def test_deleted_files_can_no_longer_be_downloaded(party: Party, board):
    batch = finished_batch(party.panel_a1)

    letter_files_delete(panel=party.panel_a1)

    assert board.get(_download_url(batch)).status_code == 404
    assert "gewist" in board.get(_list_url(party.panel_a1)).content.decode()


def test_a_failed_file_is_made_again_on_request(
    party: Party, board, django_capture_on_commit_callbacks
):
    panel = invited_panel_for(party)
    batch = LetterBatch.objects.create(
        panel=panel,
        kind=MessageKind.INVITATION,
        sequence=1,
        invitation_ids=list(
            panel.invitations.filter(channel="letter").values_list("id", flat=True)
        ),
        state=LetterState.FAILED,
        error="OSError",
    )
    assert "opnieuw maken" in board.get(_list_url(panel)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = board.post(reverse("invitations:letters_resume", args=[panel.public_id]))

    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.state == LetterState.DONE
    assert Path(batch.path).is_file()


def test_a_file_of_another_panel_is_not_served(party: Party, board):
    batch = finished_batch(party.panel_a1)
    other = Panel.objects.create(
        unit=party.branch_a1, title="Ander", topic="t", purpose="p", coach_review_required=False
    )

    url = reverse(
        "invitations:letter_download",
        kwargs={"panel_id": other.public_id, "sequence": 1, "kind": batch.kind, "number": 0},
    )

    assert board.get(url).status_code == 404


def test_the_panel_page_links_to_the_letters_when_open(party: Party, board):
    panel = open_panel_for(party)

    page = board.get(reverse("panels:detail", kwargs={"panel_id": panel.public_id}))

    assert _list_url(panel) in page.content.decode()


def test_the_postage_estimate_counts_one_round_per_reminder_day_before_closing():
    """Each reminder day makes one letter run to every letter member (answered or not)."""
    from datetime import date, datetime, timedelta

    from django.utils import timezone as tz

    from ledenpanel.fieldwork.opening import reminder_letter_rounds

    opened = tz.make_aware(datetime(2026, 3, 2, 12, 0))
    panel = Panel(reminder_letters=True, reminder_days=[5, 10, 5, 0, "x"], closes_on=None)
    assert reminder_letter_rounds(panel, opened_at=opened) == 2  # the scheduler's own days

    panel.closes_on = date(2026, 3, 2) + timedelta(days=7)
    assert reminder_letter_rounds(panel, opened_at=opened) == 1  # day 10 is after closing
    panel.reminder_letters = False
    assert reminder_letter_rounds(panel, opened_at=opened) == 0
