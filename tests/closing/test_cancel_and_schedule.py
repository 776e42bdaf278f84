"""Cancelling an open panel discards its answers; panels close on their closing date."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.closing.selectors import close_moment
from ledenpanel.closing.tasks import panel_close_due_enqueue, panel_close_due_task
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.models import Invitation
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.models import Panel, PanelState
from ledenpanel.panels.services import panel_transition
from ledenpanel.responses import services
from ledenpanel.responses.models import Draft, Envelope, Receipt, Response
from tests.builders import (
    Party,
    member_session,
    open_panel_for,
    secret_for,
    submit_for,
    verified_client,
)


def test_cancelling_an_open_panel_discards_every_answer_unread(
    party: Party, board_a1, django_capture_on_commit_callbacks
):
    panel = open_panel_for(party)
    first, second = Invitation.objects.filter(panel=panel).order_by("id")[:2]
    answers = {"meedoen": "eens", "waarom": "Omdat het moet."}
    submit_for(panel, first, answers)
    session = member_session(secret_for(panel, second.member))
    services.draft_save(session=session, answers={"meedoen": "oneens"}, page=1)

    with django_capture_on_commit_callbacks(execute=True):
        panel_transition(panel=panel, action=Action.CANCEL, actor=board_a1, note="Gaat niet door.")

    closing = PanelClosing.objects.get(panel=panel)
    assert closing.stage == CloseStage.DONE
    assert closing.aggregates == {"discarded": True, "submitted": 1}
    assert Response.objects.filter(panel=panel).count() == 0
    for model in (Envelope, Receipt, Draft):
        assert model.objects.filter(panel=panel).count() == 0
    assert Invitation.objects.filter(panel=panel).exclude(responded=None).count() == 0
    assert key_store().is_destroyed(str(panel.public_id))


def test_cancelling_a_panel_that_never_opened_touches_no_keys(
    party: Party, board_a1, django_capture_on_commit_callbacks
):
    panel = party.panel_a1

    with django_capture_on_commit_callbacks(execute=True):
        panel_transition(panel=panel, action=Action.CANCEL, actor=board_a1, note="Toch niet.")

    assert not PanelClosing.objects.filter(panel=panel).exists()
    assert not key_store().is_destroyed(str(panel.public_id))


def test_a_panel_is_not_closed_before_the_end_of_its_closing_date(party: Party):
    panel = open_panel_for(party)
    panel.closes_on = timezone.localdate()
    panel.save()

    result = panel_close_due_task.enqueue(panel.pk)

    assert result.return_value == "not due"
    panel.refresh_from_db()
    assert panel.state == PanelState.OPEN


def test_a_panel_past_its_closing_date_closes_and_runs_the_close_procedure(
    party: Party, django_capture_on_commit_callbacks
):
    panel = open_panel_for(party)
    submit_for(panel, Invitation.objects.filter(panel=panel).first(), {"meedoen": "eens"})
    Panel.objects.filter(pk=panel.pk).update(closes_on=timezone.localdate() - timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        result = panel_close_due_task.enqueue(panel.pk)

    assert result.return_value == "closed"
    panel.refresh_from_db()
    assert panel.state == PanelState.CLOSED
    assert PanelClosing.objects.get(panel=panel).stage == CloseStage.DONE
    assert Response.objects.filter(panel=panel).count() == 1
    assert panel.events.filter(to_state=PanelState.CLOSED, actor=None).exists()


def test_the_close_is_queued_for_midnight_after_the_closing_date(party: Party, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    panel = open_panel_for(party)

    panel_close_due_enqueue(panel=panel)

    [queued] = DBTaskResult.objects.all()
    assert queued.args_kwargs == {"args": [panel.pk], "kwargs": {}}
    assert queued.run_after == close_moment(panel=panel)
    local = timezone.localtime(queued.run_after)
    assert (local.date(), local.hour, local.minute) == (panel.closes_on + timedelta(days=1), 0, 0)


def test_a_moved_closing_date_queues_the_close_again_for_the_new_date(party: Party, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    panel = open_panel_for(party)

    assert panel_close_due_task.call(panel.pk) == "not due"

    [queued] = DBTaskResult.objects.all()
    assert queued.run_after == close_moment(panel=panel)


def test_the_command_closes_every_open_panel_past_its_date(
    party: Party, django_capture_on_commit_callbacks
):
    panel = open_panel_for(party)
    Panel.objects.filter(pk=panel.pk).update(closes_on=timezone.localdate() - timedelta(days=2))
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("close_due_panels", "--now", stdout=out)

    panel.refresh_from_db()
    assert panel.state == PanelState.CLOSED
    assert PanelClosing.objects.get(panel=panel).stage == CloseStage.DONE
    assert "1 panel(s) closed" in out.getvalue()


def test_the_panel_page_says_the_close_is_running_and_then_what_it_wrote(
    party: Party, board_a1, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    panel = open_panel_for(party)
    submit_for(panel, Invitation.objects.filter(panel=panel).first(), {"meedoen": "eens"})
    panel_transition(panel=panel, action=Action.CLOSE, actor=board_a1)  # worker not run yet
    client = verified_client(board_a1)
    url = reverse("panels:detail", kwargs={"panel_id": panel.public_id})

    assert "wordt afgesloten" in client.get(url).content.decode()

    from ledenpanel.closing.services import panel_close

    panel_close(panel=panel)
    page = client.get(url).content.decode()
    assert "1 lid heeft geantwoord" in page
    assert "geen uitkomsten getoond" in page  # fewer than k
