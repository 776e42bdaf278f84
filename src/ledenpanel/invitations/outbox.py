"""The member mail outbox: what to send, when, and the tasks that send it.

Opening a panel queues one invitation per e-mail invitation
(:func:`outbox_invite`) and schedules one task per reminder day
(:func:`reminders_schedule`); cancelling queues a cancellation notice
(:func:`outbox_cancel`). Every service writes rows and, after the commit,
enqueues :func:`outbox_send`, which sends whatever is claimable
(:mod:`.outbox_send` states the delivery guarantee and the duplicate bound).

The outbox stores no body and no token (docs/anonymity.md §2, §4): the worker
renders each mail when it sends it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import task

from ledenpanel.invitations.letters import letter_reminders_due
from ledenpanel.invitations.mailmessage import new_message_id
from ledenpanel.invitations.models import (
    Channel,
    DeliveryStatus,
    Invitation,
    MessageKind,
    OutboxMessage,
    OutboxState,
)
from ledenpanel.invitations.outbox_send import (
    SERVER_PAUSE,
    outbox_next_due,
    outbox_send_pending,
)
from ledenpanel.panels.models import Panel, PanelState

logger = logging.getLogger(__name__)


# -- tasks -------------------------------------------------------------------


@task()
def outbox_send() -> dict[str, int | str]:
    """Send every claimable message, then leave a follow-up if any wait.

    Before the first message goes out the task leaves a copy of itself in
    the queue, due when this run's lease expires: if the worker is killed,
    that copy (run by the restarted worker) takes the messages up again. It
    never re-enqueues itself to run at once, so it also works when tasks run
    immediately (tests).
    """
    lease = timedelta(seconds=settings.MAIL_LEASE_SECONDS + 1)
    summary = outbox_send_pending(on_claim=lambda: _enqueue_later(timezone.now() + lease))
    due = outbox_next_due()
    if due is not None:
        if summary.stopped:  # the server went away: try again after a pause
            due = max(due, timezone.now() + SERVER_PAUSE)
        _enqueue_later(due)
    if summary.sent or summary.failed or summary.retried:
        logger.info(
            "outbox: %d sent, %d failed, %d to retry, %d skipped",
            summary.sent,
            summary.failed,
            summary.retried,
            summary.skipped,
        )
    return summary.as_dict()


@task()
def reminders_send(*, panel_id: int, number: int) -> int:
    """Reminder ``number`` of a panel, due on its reminder day: e-mails, and
    letters when the board planned reminder letters."""
    panel = Panel.objects.filter(pk=panel_id).first()
    if panel is None:
        return 0
    letter_reminders_due(panel=panel, number=number)
    return reminders_create(panel=panel, number=number)


def _enqueue_now() -> None:
    outbox_send.enqueue()


def _enqueue_later(at: datetime) -> None:
    """Queue a run for later; a backend that cannot defer (tests) needs none."""
    if outbox_send.get_backend().supports_defer:
        outbox_send.using(run_after=at).enqueue()


# -- services ----------------------------------------------------------------


@transaction.atomic
def outbox_enqueue(
    *, panel: Panel, kind: MessageKind, invitation_ids: Iterable[int], number: int = 0
) -> int:
    """Queue one message per invitation; send after the commit.

    Each row gets its ``Message-ID`` now, so every attempt to send it carries
    the same one. A row that already exists (same invitation, kind and
    number) is left alone.
    """
    now = timezone.now()
    rows = [
        OutboxMessage(
            panel=panel,
            invitation_id=invitation_id,
            kind=kind,
            number=number,
            message_id=new_message_id(now),
        )
        for invitation_id in invitation_ids
    ]
    OutboxMessage.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    if rows:
        transaction.on_commit(_enqueue_now)
    return len(rows)


def _mailable(panel: Panel):
    return Invitation.objects.filter(panel=panel, channel=Channel.EMAIL).exclude(member__email="")


@transaction.atomic
def outbox_invite(*, panel: Panel) -> int:
    """Queue the invitation mail of every e-mail invitation of a panel."""
    ids = _mailable(panel).exclude(messages__kind=MessageKind.INVITATION)
    return outbox_enqueue(
        panel=panel,
        kind=MessageKind.INVITATION,
        invitation_ids=list(ids.values_list("id", flat=True)),
    )


def reminders_schedule(*, panel: Panel, opened_at: datetime) -> list[tuple[int, datetime]]:
    """Enqueue, after the commit, one reminder task per reminder day.

    Reminder ``n`` (1, 2, …) is due ``reminder_days[n-1]`` days after
    opening. Whether it still makes sense (panel open, who has not answered)
    is decided when it runs.
    """
    plan = reminder_plan(panel=panel, opened_at=opened_at)
    if not plan:
        return []
    if not reminders_send.get_backend().supports_defer:
        logger.info("task backend cannot defer: reminders are not scheduled")
        return []

    def enqueue() -> None:
        for number, at in plan:
            reminders_send.using(run_after=at).enqueue(panel_id=panel.pk, number=number)

    transaction.on_commit(enqueue)
    return plan


def reminder_plan(*, panel: Panel, opened_at: datetime) -> list[tuple[int, datetime]]:
    """(number, due moment) of each reminder: ``reminder_days`` after opening."""
    days = sorted({day for day in _whole_days(panel.reminder_days) if day > 0})
    return [(number, opened_at + timedelta(days=day)) for number, day in enumerate(days, 1)]


# A reminder task may still be running this long after its moment.
REMINDER_GRACE = timedelta(minutes=30)


def reminders_catch_up(*, now: datetime | None = None) -> list[tuple[Panel, int]]:
    """Make the reminders whose day has passed but whose task never ran.

    django-tasks does not rerun a task that died with its worker, and a
    restored queue has lost its deferred tasks. A reminder counts as lost
    when its moment is past (with a grace period) and not one e-mail of it
    exists; making it is idempotent (``reminders_create``,
    ``letter_run_enqueue``), so a reminder that needed nobody is asked again
    harmlessly.
    """
    now = now or timezone.now()
    caught: list[tuple[Panel, int]] = []
    panels = Panel.objects.filter(state=PanelState.OPEN, opening__isnull=False)
    for panel in panels.select_related("opening"):
        for number, at in reminder_plan(panel=panel, opened_at=panel.opening.opened_at):
            if (
                at + REMINDER_GRACE > now
                or OutboxMessage.objects.filter(
                    panel=panel, kind=MessageKind.REMINDER, number=number
                ).exists()
            ):
                continue
            letter_reminders_due(panel=panel, number=number)
            if reminders_create(panel=panel, number=number):
                transaction.on_commit(_enqueue_now)
                caught.append((panel, number))
    return caught


def _whole_days(values: object) -> list[int]:
    days = []
    for value in values if isinstance(values, list) else []:
        try:
            days.append(int(value))
        except (TypeError, ValueError):
            continue  # the form validates; never let a bad value stop an opening
    return days


@transaction.atomic
def reminders_create(*, panel: Panel, number: int) -> int:
    """Queue reminder ``number`` for the invitations that still need one.

    Only members whose invitation was delivered and who have not answered,
    not opted out of this panel, not asked for no contact at all, and whose
    address has not bounced or failed (resending to a refusing address harms
    the sender's reputation). An earlier reminder that failed or bounced is
    known only from its own outbox row: the invitation, which the board sees,
    never records a reminder's outcome (they go only to non-responders).
    Idempotent: a reminder is made once.
    """
    panel = Panel.objects.get(pk=panel.pk)
    if panel.state != PanelState.OPEN:
        return 0
    ids = (
        _mailable(panel)
        .filter(
            responded=False,
            opted_out=False,
            delivery=DeliveryStatus.SENT,
            member__do_not_contact=False,
        )
        .exclude(
            id__in=OutboxMessage.objects.filter(
                panel=panel, kind=MessageKind.REMINDER, number=number
            ).values("invitation_id")
        )
        .exclude(
            id__in=OutboxMessage.objects.filter(
                panel=panel, kind=MessageKind.REMINDER, state=OutboxState.FAILED
            ).values("invitation_id")
        )
        .values_list("id", flat=True)
    )
    return outbox_enqueue(
        panel=panel, kind=MessageKind.REMINDER, invitation_ids=list(ids), number=number
    )


@transaction.atomic
def outbox_cancel(*, panel: Panel, was_open: bool) -> int:
    """The panel was cancelled: drop unsent invitations, tell those invited.

    The notice goes to members whose invitation went out (or may have: it
    was being sent), except those who opted out of this panel or of all
    contact. It holds the board's note and no link.
    """
    OutboxMessage.objects.filter(
        panel=panel,
        state=OutboxState.QUEUED,
        kind__in=[MessageKind.INVITATION, MessageKind.REMINDER],
    ).delete()
    if not was_open:
        return 0
    ids = (
        _mailable(panel)
        .filter(opted_out=False, member__do_not_contact=False)
        .filter(
            Q(delivery=DeliveryStatus.SENT)
            | Q(messages__kind=MessageKind.INVITATION, messages__state=OutboxState.SENDING)
        )
        .exclude(delivery=DeliveryStatus.BOUNCED)
        .values_list("id", flat=True)
        .distinct()
    )
    return outbox_enqueue(panel=panel, kind=MessageKind.CANCELLATION, invitation_ids=list(ids))


@transaction.atomic
def outbox_panel_closed(*, panel: Panel) -> None:
    """At close: forget who was mailed what, keep each invitation's delivery.

    Reminder rows show who had not answered by each reminder day; after close
    nothing may show who took part. Unsent mail for a closed panel is
    pointless (its links no longer answer).
    """
    OutboxMessage.objects.filter(
        panel=panel, kind__in=[MessageKind.INVITATION, MessageKind.REMINDER]
    ).delete()


# -- selectors ---------------------------------------------------------------


def outbox_progress(*, panel: Panel, kind: MessageKind = MessageKind.INVITATION) -> dict[str, int]:
    """Counts for the board's live progress: sent, failed and still to go."""
    counts = OutboxMessage.objects.filter(panel=panel, kind=kind).aggregate(
        sent=Count("id", filter=Q(state=OutboxState.SENT)),
        failed=Count("id", filter=Q(state=OutboxState.FAILED)),
        to_go=Count("id", filter=Q(state__in=[OutboxState.QUEUED, OutboxState.SENDING])),
    )
    return {key: value or 0 for key, value in counts.items()}


# -- opting out --------------------------------------------------------------


@transaction.atomic
def invitation_opt_out(*, invitation: Invitation, everything: bool = False) -> None:
    """No more reminders for this panel; with ``everything``, no panels at all.

    Queued reminders for the panel are dropped at once; a message already
    being sent cannot be called back.
    """
    Invitation.objects.filter(pk=invitation.pk).update(opted_out=True)
    invitation.opted_out = True
    OutboxMessage.objects.filter(
        invitation=invitation, kind=MessageKind.REMINDER, state=OutboxState.QUEUED
    ).delete()
    if everything:
        # The member's own choice: a later roster import must not undo it.
        invitation.member.do_not_contact = True
        invitation.member.refused_by_member = True
        invitation.member.save(update_fields=["do_not_contact", "refused_by_member", "updated_at"])
