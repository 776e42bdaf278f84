"""Reminders go to non-responders only, once per reminder day."""

from __future__ import annotations

from datetime import timedelta

from ledenpanel.invitations.models import (
    DeliveryStatus,
    Invitation,
    MessageKind,
    OutboxMessage,
)
from ledenpanel.invitations.outbox import reminders_create, reminders_send
from ledenpanel.invitations.outbox_send import outbox_send_pending
from tests.builders import (
    Party,
    board_closes,
    board_opens,
    open_with_mail,
    ready_panel,
)
from tests.support.smtp import SmtpServer


def _others(panel, party):
    return list(
        Invitation.objects.filter(panel=panel, channel="email")
        .exclude(member=party.member_a1)
        .select_related("member")
        .order_by("id")
    )


def test_reminders_skip_responders_opted_out_bounced_and_no_contact(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    panel = open_with_mail(party, django_capture_on_commit_callbacks, extra_members=4)
    responded, opted_out, bounced, no_contact = _others(panel, party)
    Invitation.objects.filter(pk=responded.pk).update(responded=True)
    Invitation.objects.filter(pk=opted_out.pk).update(opted_out=True)
    Invitation.objects.filter(pk=bounced.pk).update(delivery=DeliveryStatus.BOUNCED)
    no_contact.member.do_not_contact = True
    no_contact.member.save()
    smtp_server.deliveries.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_create(panel=panel, number=1) == 1

    [delivery] = smtp_server.deliveries
    assert delivery.rcpt_tos == [party.member_a1.email]
    message = delivery.message
    assert message["Subject"] == "Herinnering: Wonen"
    assert "/p/" in message.get_body(("plain",)).get_content()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Nothing per member records the reminder: it went only to who had not answered.
    reminded = Invitation.objects.get(panel=panel, member=party.member_a1)
    assert (reminded.delivery, reminded.delivery_error) == ("sent", "")
    assert "reminders_sent" not in {field.name for field in Invitation._meta.get_fields()}


def test_a_reminder_is_made_once(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    smtp_server.deliveries.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send.call(panel_id=panel.pk, number=1)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send.call(panel_id=panel.pk, number=1)
    assert len(smtp_server.deliveries) == 1
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send.call(panel_id=panel.pk, number=2)
    assert len(smtp_server.deliveries) == 2
    assert OutboxMessage.objects.filter(kind=MessageKind.REMINDER).count() == 2


def test_a_member_who_answers_before_the_reminder_goes_out_gets_none(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    smtp_server.deliveries.clear()
    with django_capture_on_commit_callbacks(execute=False):
        reminders_create(panel=panel, number=1)  # queued; the worker is busy
    Invitation.objects.filter(panel=panel).update(responded=True)

    summary = outbox_send_pending()

    assert summary.skipped == 1
    assert summary.sent == 0
    assert smtp_server.deliveries == []
    # The skipped reminder leaves no row saying who answered.
    assert not OutboxMessage.objects.filter(kind=MessageKind.REMINDER).exists()


def test_no_reminder_once_the_panel_is_closed(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    board_closes(panel)
    assert reminders_create(panel=panel, number=1) == 0


def test_opening_schedules_one_reminder_task_per_reminder_day(
    party: Party, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    panel = open_with_mail(party, django_capture_on_commit_callbacks, reminder_days=(10, 5))

    opened_at = panel.opening.opened_at
    scheduled = sorted(
        (row.args_kwargs["kwargs"]["number"], row.run_after)
        for row in DBTaskResult.objects.filter(task_path__endswith="outbox.reminders_send")
    )
    assert scheduled == [(1, opened_at + timedelta(days=5)), (2, opened_at + timedelta(days=10))]
    # The invitation run itself is queued for the worker, not sent.
    assert DBTaskResult.objects.filter(task_path__endswith="outbox.outbox_send").count() == 1


def test_a_reminder_day_also_makes_reminder_letters_when_the_board_planned_them(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    from ledenpanel.invitations.models import LetterBatch

    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    panel.reminder_letters = True
    panel.save(update_fields=["reminder_letters"])

    with django_capture_on_commit_callbacks(execute=True):
        reminders_send.call(panel_id=panel.pk, number=1)

    [batch] = LetterBatch.objects.filter(panel=panel, kind=MessageKind.REMINDER, number=1)
    letter_member = Invitation.objects.get(panel=panel, channel="letter")
    assert batch.invitation_ids == [letter_member.pk]


def test_reminder_letters_include_members_who_answered(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    """The board prints them: a letter only to non-responders would name who answered."""
    from ledenpanel.invitations.models import LetterBatch

    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    panel.reminder_letters = True
    panel.save(update_fields=["reminder_letters"])
    Invitation.objects.filter(panel=panel).update(responded=True)
    smtp_server.deliveries.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reminders_send.call(panel_id=panel.pk, number=1)

    assert smtp_server.deliveries == []  # e-mail: nobody needed one
    [batch] = LetterBatch.objects.filter(panel=panel, kind=MessageKind.REMINDER, number=1)
    assert batch.invitation_ids == [Invitation.objects.get(panel=panel, channel="letter").pk]


def test_no_reminder_letters_unless_the_board_planned_them(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    from ledenpanel.invitations.models import LetterBatch

    panel = open_with_mail(party, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        reminders_send.call(panel_id=panel.pk, number=1)

    assert not LetterBatch.objects.filter(panel=panel, kind=MessageKind.REMINDER).exists()


def test_a_reminder_whose_task_was_lost_is_made_by_the_sweep_once(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from ledenpanel.invitations.models import PanelOpening
    from ledenpanel.invitations.outbox import reminders_catch_up

    panel = open_with_mail(party, django_capture_on_commit_callbacks, reminder_days=(5, 10))
    smtp_server.deliveries.clear()
    # Six days later, and the worker lost the reminder task (as after a kill).
    PanelOpening.objects.filter(panel=panel).update(opened_at=timezone.now() - timedelta(days=6))

    with django_capture_on_commit_callbacks(execute=True):
        caught = reminders_catch_up()
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders_catch_up()

    assert [(found.pk, number) for found, number in caught] == [(panel.pk, 1)]
    assert again == []  # made once; reminder 2 is not due yet
    [delivery] = smtp_server.deliveries
    assert delivery.message["Subject"] == "Herinnering: Wonen"


def test_a_reminder_never_goes_to_an_address_the_roster_got_after_opening(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    """The attack: whoever keeps the roster points a member's address at their
    own mailbox after the invitation went out. A reminder goes only to members
    who have not answered, so its arrival would say so, and carry the link."""
    panel = open_with_mail(party, django_capture_on_commit_callbacks, extra_members=2)
    [kept, redirected] = _others(panel, party)
    redirected.member.email = "curious@example.org"
    redirected.member.save()
    smtp_server.deliveries.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reminders_create(panel=panel, number=1)

    assert sorted(to for d in smtp_server.deliveries for to in d.rcpt_tos) == sorted(
        [party.member_a1.email, kept.member.email]
    )
    # No trace of the dropped reminder beside the member: it would say they had not answered.
    assert not OutboxMessage.objects.filter(invitation=redirected, kind=MessageKind.REMINDER)
    invitation = Invitation.objects.get(pk=redirected.pk)
    assert (invitation.delivery, invitation.delivery_error) == ("sent", "")


def test_an_invitation_fails_visibly_when_the_address_changed_before_it_went_out(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    from ledenpanel.invitations.outbox_send import ADDRESS_CHANGED

    panel = ready_panel(party)
    with django_capture_on_commit_callbacks(execute=False):
        board_opens(panel)  # queued; the worker has not run yet
    party.member_a1.email = "Curious@Example.org"
    party.member_a1.save()

    summary = outbox_send_pending()

    assert smtp_server.deliveries == []
    assert summary.failed == 1
    invitation = Invitation.objects.get(panel=panel, member=party.member_a1)
    assert (invitation.delivery, invitation.delivery_error) == ("failed", ADDRESS_CHANGED)


def test_the_same_address_in_other_capitals_still_gets_its_mail(party: Party):
    invitation = Invitation(ref="r1", address_digest=Invitation.digest_address("r1", "a@b.nl"))
    assert invitation.is_for_address(" A@B.nl ")
    assert not invitation.is_for_address("a@c.nl")
    assert not Invitation(ref="r1").is_for_address("a@b.nl")  # a letter has no address
