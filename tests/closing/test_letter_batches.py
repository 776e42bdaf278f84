"""The close forgets which member was in which letter run (issue 10, finding 7).

A reminder letter run once listed only the members who had not answered, so
the letter invitations minus that list were exactly who answered. Reminder
runs now include everyone (``invitations.letters``); as a second line of
defence the close's transaction B empties every batch's list of invitations
and the board's pages no longer show anything per member about the runs.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.invitations.letters import panel_letters_dir
from ledenpanel.invitations.models import LetterBatch, MessageKind
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.services import panel_transition
from tests.builders import verified_client

pytestmark = pytest.mark.usefixtures("letters_dir")  # letter files under tmp_path


def test_transaction_b_empties_every_letter_batch(
    panel_with_letter_runs, django_capture_on_commit_callbacks, board_a1
):
    panel, letters = panel_with_letter_runs
    [reminder] = LetterBatch.objects.filter(panel=panel, kind=MessageKind.REMINDER)
    assert sorted(reminder.invitation_ids) == [i.pk for i in letters]  # the responder too

    with django_capture_on_commit_callbacks(execute=True):
        panel_transition(panel=panel, action=Action.CLOSE, actor=None)

    assert PanelClosing.objects.get(panel=panel).stage == CloseStage.DONE
    batches = list(LetterBatch.objects.filter(panel=panel))
    assert len(batches) == 2
    assert [(b.invitation_ids, b.path) for b in batches] == [([], ""), ([], "")]
    assert not panel_letters_dir(panel).exists()
    # The board's pages after close: no counts per run, nothing per member.
    client = verified_client(board_a1)
    page = client.get(reverse("invitations:letters", args=[panel.public_id])).content.decode()
    assert "lijsten van wie welke brief kreeg, zijn gewist" in page
    assert "opnieuw maken" not in page
    monitor = client.get(reverse("fieldwork:monitor", args=[panel.public_id])).content.decode()
    rows = re.findall(r"<tr>.*?</tr>", monitor.split('id="deliveries"')[1], re.S)
    letter_rows = {
        row.replace(escape(i.member.display_name), "N").replace(i.member.member_number, "#")
        for row in rows
        for i in letters
        if i.member.member_number in row
    }
    assert len(letter_rows) == 1
    assert "bestand gewist" in letter_rows.pop()


def test_cancelling_an_open_panel_empties_the_batches_too(
    panel_with_letter_runs, django_capture_on_commit_callbacks, board_a1
):
    panel, _letters = panel_with_letter_runs

    with django_capture_on_commit_callbacks(execute=True):
        panel_transition(panel=panel, action=Action.CANCEL, actor=board_a1, note="Gaat niet door.")

    assert list(
        LetterBatch.objects.filter(panel=panel).values_list("invitation_ids", flat=True)
    ) == [
        [],
        [],
    ]
