"""A worker that dies anywhere in the close procedure: running it again finishes the job.

The crash is simulated by making one step raise; everything else is real.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from ledenpanel.closing import services
from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.closing.services import CloseError, panel_close
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.models import Invitation
from ledenpanel.panels.models import PanelState
from ledenpanel.responses.models import Envelope, Receipt, Response
from tests.builders import Party, national_panel


class WorkerDied(Exception):
    pass


def _die(*args, **kwargs):
    raise WorkerDied


def test_a_crash_inside_transaction_a_writes_nothing_and_keeps_the_keys(closed_panel, monkeypatch):
    monkeypatch.setattr(services.Response.objects, "bulk_create", _die)

    with pytest.raises(WorkerDied):
        panel_close(panel=closed_panel)

    assert PanelClosing.objects.get(panel=closed_panel).stage == CloseStage.STARTED
    assert Response.objects.filter(panel=closed_panel).count() == 0
    assert Envelope.objects.filter(panel=closed_panel).count() == 20
    assert key_store().exists(str(closed_panel.public_id))

    monkeypatch.undo()
    assert panel_close(panel=closed_panel).stage == CloseStage.DONE
    assert Response.objects.filter(panel=closed_panel).count() == 20


def test_a_crash_after_writing_before_destroying_the_keys_resumes_without_writing_twice(
    closed_panel, monkeypatch
):
    monkeypatch.setattr(type(key_store()), "destroy", _die)

    with pytest.raises(WorkerDied):
        panel_close(panel=closed_panel)

    assert PanelClosing.objects.get(panel=closed_panel).stage == CloseStage.RESPONSES_WRITTEN
    assert Response.objects.filter(panel=closed_panel).count() == 20
    assert Envelope.objects.filter(panel=closed_panel).count() == 0  # consumed by A
    assert key_store().exists(str(closed_panel.public_id))

    monkeypatch.undo()
    closing = panel_close(panel=closed_panel)

    assert closing.stage == CloseStage.DONE
    assert Response.objects.filter(panel=closed_panel).count() == 20
    assert key_store().is_destroyed(str(closed_panel.public_id))


def test_keys_destroyed_but_clean_up_not_run_repeats_the_clean_up(closed_panel, monkeypatch):
    monkeypatch.setattr(services, "leftovers_delete", _die)

    with pytest.raises(WorkerDied):
        panel_close(panel=closed_panel)

    assert PanelClosing.objects.get(panel=closed_panel).stage == CloseStage.KEYS_DESTROYED
    assert Receipt.objects.filter(panel=closed_panel).count() == 20
    assert Invitation.objects.filter(panel=closed_panel, responded=True).count() == 20

    monkeypatch.undo()
    closing = panel_close(panel=closed_panel)

    assert closing.stage == CloseStage.DONE
    assert Receipt.objects.filter(panel=closed_panel).count() == 0
    assert Invitation.objects.filter(panel=closed_panel).exclude(responded=None).count() == 0
    assert Response.objects.filter(panel=closed_panel).count() == 20
    assert closing.aggregates["late_envelopes"] == 0


def test_keys_gone_before_the_responses_were_written_stops_with_a_clear_error(closed_panel):
    key_store().destroy(str(closed_panel.public_id))

    with pytest.raises(CloseError, match="never written"):
        panel_close(panel=closed_panel)

    assert PanelClosing.objects.get(panel=closed_panel).stage == CloseStage.STARTED


def test_an_open_panel_is_never_closed_by_the_procedure(party: Party):
    panel = national_panel(party, per_branch={"A1": 3})

    with pytest.raises(CloseError):
        panel_close(panel=panel)

    assert panel.state == PanelState.OPEN
    assert key_store().exists(str(panel.public_id))


def test_the_command_resumes_a_close_a_killed_worker_left_unfinished(closed_panel, monkeypatch):
    monkeypatch.setattr(type(key_store()), "destroy", _die)
    with pytest.raises(WorkerDied):
        panel_close(panel=closed_panel)
    monkeypatch.undo()
    out = StringIO()

    call_command("close_due_panels", "--now", stdout=out)

    assert PanelClosing.objects.get(panel=closed_panel).stage == CloseStage.DONE
    assert f"close procedure of {closed_panel.public_id}: done" in out.getvalue()
    assert Response.objects.filter(panel=closed_panel).count() == 20
