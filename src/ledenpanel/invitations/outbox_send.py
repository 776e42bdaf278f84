"""Sending the outbox: claim a batch, send it over one SMTP connection, record.

**At least once, never lost.** A message is *claimed* (``queued`` →
``sending``, ``claimed_at`` = now) in its own short transaction, sent, and
marked ``sent`` in one transaction per batch. A worker killed in between
leaves its batch in ``sending``; once the lease (``MAIL_LEASE_SECONDS``) has
passed, any run claims those rows again and sends them once more, with the
same ``Message-ID`` and the same bytes (:mod:`.mailmessage`).

**The duplicate bound.** Only claimed-but-not-yet-marked messages can be sent
twice, and each of a worker's ``MAIL_CONNECTIONS`` lanes holds at most one
batch: so a kill causes at most ``MAIL_BATCH_SIZE × MAIL_CONNECTIONS``
duplicates per killed worker (default 50 × 2), each a copy of a message the
member already has, under the same ``Message-ID``.

**Concurrency.** A run sends over ``MAIL_CONNECTIONS`` SMTP connections at
once, one thread (a *lane*) each. Claims use ``SELECT … FOR UPDATE SKIP LOCKED`` on
PostgreSQL and the database-wide write lock on SQLite (``IMMEDIATE``
transactions), so two lanes or workers never claim the same row while its lease runs.

**Rate.** ``MAIL_RATE`` messages per second per worker process (0: no limit).

**Errors.** A 5xx answer fails the message and the invitation at once; a 4xx
answer puts the message back with a growing delay, up to
``MAIL_MAX_ATTEMPTS`` attempts. A lost or refused connection pauses the run
(``SERVER_PAUSE``); only the message in flight counts an attempt, so a relay
outage delays the run but fails no one. Errors are stored on the message; only
the *invitation* mail's outcome is also written on the invitation (the board
sees it per member). Reminders go only to members who have not answered, so
a reminder's failure, retry or success must never show per member: it stays
on its outbox row, which the close deletes. No token or body is ever logged.
"""

from __future__ import annotations

import logging
import smtplib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from ledenpanel.invitations import crypto
from ledenpanel.invitations.mailmessage import MailBuilder
from ledenpanel.invitations.models import (
    ANNOUNCED_KINDS,
    DeliveryStatus,
    Invitation,
    MessageKind,
    OutboxMessage,
    OutboxState,
)
from ledenpanel.panels.models import PanelState

logger = logging.getLogger(__name__)

SENT, FAILED, RETRY, SKIP = "sent", "failed", "retry", "skip"
# How long a run waits before trying a server that went away again.
SERVER_PAUSE = timedelta(seconds=60)
ERROR_LENGTH = 300
ADDRESS_CHANGED = "address changed after the panel opened: mail goes only to the address of then"


@dataclass
class RunSummary:
    sent: int = 0
    failed: int = 0
    retried: int = 0
    skipped: int = 0
    stopped: str = ""

    def as_dict(self) -> dict[str, int | str]:
        return {
            "sent": self.sent,
            "failed": self.failed,
            "retried": self.retried,
            "skipped": self.skipped,
            "stopped": self.stopped,
        }


@dataclass
class Outcome:
    message: OutboxMessage
    result: str
    error: str = ""
    at: datetime = field(default_factory=timezone.now)
    untried: bool = False  # never handed to the server: the attempt does not count


class Pacer:
    """Spaces sends ``1/rate`` seconds apart; a pause never earns a burst.

    Shared by the lanes of a run: a lane waits for its turn under the lock,
    so the rate holds for the worker process as a whole.
    """

    def __init__(self, rate: float, sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next = time.monotonic()
        self.sleep = sleep
        self.lock = threading.Lock()

    def wait(self) -> None:
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            if now < self.next:
                self.sleep(self.next - now)
                now = self.next
            self.next = now + self.interval


def _claimable(now: datetime) -> Q:
    expired = now - timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    waiting = Q(state=OutboxState.QUEUED) & (Q(not_before__isnull=True) | Q(not_before__lte=now))
    return waiting | Q(state=OutboxState.SENDING, claimed_at__lt=expired)


def outbox_claim(*, size: int, after: int = 0) -> list[int]:
    """Claim up to ``size`` messages for this worker; return their ids.

    ``after`` skips ids below a run's cursor, so a long run does not rescan
    the rows it has already sent; the run rescans from 0 when that finds none.
    """
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.filter(_claimable(now), id__gt=after)
            .select_for_update(skip_locked=True)
            .order_by("id")
            .values_list("id", flat=True)[:size]
        )
        if ids:
            OutboxMessage.objects.filter(id__in=ids).update(
                state=OutboxState.SENDING, claimed_at=now, attempts=F("attempts") + 1
            )
    return ids


def _give_up_on_stuck(now: datetime) -> None:
    """A message whose every attempt died with its worker is failed, not retried forever."""
    expired = now - timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    stuck = OutboxMessage.objects.filter(
        state=OutboxState.SENDING,
        claimed_at__lt=expired,
        attempts__gte=settings.MAIL_MAX_ATTEMPTS,
    )
    if not stuck.exists():
        return
    # Only an invitation mail speaks for the invitation (see the module doc).
    invitation_ids = list(
        stuck.filter(kind=MessageKind.INVITATION).values_list("invitation_id", flat=True)
    )
    error = "gave up: the worker stopped during every attempt"
    stuck.update(state=OutboxState.FAILED, error=error)
    Invitation.objects.filter(id__in=invitation_ids).exclude(
        delivery__in=[DeliveryStatus.BOUNCED, DeliveryStatus.SENT]
    ).update(delivery=DeliveryStatus.FAILED, delivery_error=error)


def _address_changed(message: OutboxMessage) -> bool:
    """Whether the roster's address is not the one the invitation was opened for.

    Such mail is not sent (``Invitation.address_digest`` says why). An
    invitation mail fails, so the board sees it beside the member; a reminder
    is dropped without a trace, like every other reminder outcome.
    """
    invitation = message.invitation
    return (
        message.kind in (MessageKind.INVITATION, MessageKind.REMINDER)
        and bool(invitation.member.email)
        and not invitation.is_for_address(invitation.member.email)
    )


def _skip_reason(message: OutboxMessage) -> str:
    """Why a claimed message must not go out any more (empty: send it)."""
    invitation = message.invitation
    if not invitation.member.email:
        return "no address"
    if message.kind == MessageKind.CANCELLATION:
        return ""
    if message.kind in ANNOUNCED_KINDS:
        if invitation.opted_out or invitation.member.do_not_contact:
            return "no mail wanted"
        return ""
    if message.panel.state != PanelState.OPEN:
        return "panel not open"
    if message.kind == MessageKind.REMINDER and (
        invitation.responded
        or invitation.opted_out
        or invitation.member.do_not_contact
        or invitation.delivery == DeliveryStatus.BOUNCED
    ):
        return "no reminder wanted"
    return ""


def _smtp_error(exc: Exception) -> tuple[str, str]:
    """(result, error text) for an exception raised while sending one message."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(exc.recipients.values()), (None, b""))
    elif isinstance(exc, smtplib.SMTPResponseException):
        code, reply = exc.smtp_code, exc.smtp_error
    else:
        return RETRY, f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH]
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    error = f"{code} {text}".strip()[:ERROR_LENGTH]
    return (FAILED if code and 500 <= int(code) < 600 else RETRY), error


def _server_gone(exc: Exception) -> bool:
    """421 (closing), or our envelope sender refused: no other message will pass.

    A refused sender is the relay's configuration (the bounce domain), not the
    member's address: pausing keeps the run from failing every invitation.
    """
    return isinstance(exc, smtplib.SMTPSenderRefused) or (
        isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == 421
    )


def _send_batch(
    messages: list[OutboxMessage], connection, builder: MailBuilder, pacer: Pacer
) -> tuple[list[Outcome], bool]:
    """Send one claimed batch; return the outcomes and whether the server is gone."""
    outcomes: list[Outcome] = []
    for index, message in enumerate(messages):
        if _address_changed(message):
            result = FAILED if message.kind == MessageKind.INVITATION else SKIP
            outcomes.append(Outcome(message, result, ADDRESS_CHANGED))
            continue
        reason = _skip_reason(message)
        if reason:
            outcomes.append(Outcome(message, SKIP, reason))
            continue
        try:
            mail = builder.build(message)
        except (crypto.KeysDestroyed, crypto.KeysMissing) as exc:
            # The panel is open but its keys are not readable on this server.
            outcomes.append(Outcome(message, RETRY, f"panel keys: {type(exc).__name__}"))
            continue
        pacer.wait()
        try:
            connection.open()
        except (OSError, smtplib.SMTPException) as exc:  # down, or refuses our login
            _close_quietly(connection)
            error = f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH]
            outcomes.extend(Outcome(rest, RETRY, error, untried=True) for rest in messages[index:])
            return outcomes, True
        try:
            _deliver(connection, mail)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as exc:
            if not _server_gone(exc):
                result, error = _smtp_error(exc)
                outcomes.append(Outcome(message, result, error))
                continue
            server_error: Exception = exc
        except OSError as exc:  # also SMTPServerDisconnected and timeouts
            server_error = exc
        else:
            outcomes.append(Outcome(message, SENT))
            continue
        # The server went away: this message may or may not have arrived (it
        # stays within the bound); the rest of the batch goes back as well.
        _close_quietly(connection)
        error = f"{type(server_error).__name__}: {server_error}"[:ERROR_LENGTH]
        outcomes.append(Outcome(message, RETRY, error))
        outcomes.extend(Outcome(rest, RETRY, error, untried=True) for rest in messages[index + 1 :])
        return outcomes, True
    return outcomes, False


def _deliver(connection, mail) -> None:
    """Send one mail over the open connection.

    A prepared mail (ASCII addresses, finished bytes) goes straight to
    smtplib: Django would parse both addresses again for every message.
    """
    smtp = getattr(connection, "connection", None)
    if mail.raw is not None and isinstance(connection, SmtpBackend) and smtp is not None:
        smtp.sendmail(mail.from_email, mail.to, mail.raw.replace(b"\n", b"\r\n"))
    else:
        connection.send_messages([mail])


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:
        logger.debug("closing the SMTP connection failed", exc_info=True)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


@transaction.atomic
def _record(outcomes: list[Outcome], summary: RunSummary) -> None:
    """Write a batch's outcomes in one transaction (the commit point)."""
    sent = [outcome for outcome in outcomes if outcome.result == SENT]
    if sent:
        # One statement per batch (a batch takes seconds): cheaper than a
        # per-row CASE, and precise enough for the board's progress view.
        OutboxMessage.objects.filter(id__in=[outcome.message.id for outcome in sent]).update(
            state=OutboxState.SENT, sent_at=sent[-1].at, error=""
        )
    # Only the invitation mail writes the invitation's delivery (module doc):
    # a reminder that arrives, is retried or fails leaves the row the board
    # sees as it was, and no per-member reminder count is kept.
    delivered = [o.message.invitation_id for o in sent if _speaks_for_invitation(o.message)]
    Invitation.objects.filter(id__in=delivered).exclude(delivery=DeliveryStatus.BOUNCED).update(
        delivery=DeliveryStatus.SENT, delivery_error=""
    )
    summary.sent += len(sent)

    skipped = [outcome.message.id for outcome in outcomes if outcome.result == SKIP]
    OutboxMessage.objects.filter(id__in=skipped).delete()
    summary.skipped += len(skipped)

    for outcome in outcomes:
        if outcome.result in (SENT, SKIP):
            continue
        message = outcome.message
        final = outcome.result == FAILED or message.attempts >= settings.MAIL_MAX_ATTEMPTS
        # Other kinds keep their error on their own row only (module doc).
        invitation = Invitation.objects.filter(id=message.invitation_id)
        if not _speaks_for_invitation(message):
            invitation = invitation.none()
        if outcome.untried:
            OutboxMessage.objects.filter(id=message.id).update(
                state=OutboxState.QUEUED,
                not_before=outcome.at + SERVER_PAUSE,
                attempts=F("attempts") - 1,
                error=outcome.error,
            )
            invitation.update(delivery_error=outcome.error)
            summary.retried += 1
            continue
        if final:
            OutboxMessage.objects.filter(id=message.id).update(
                state=OutboxState.FAILED, error=outcome.error
            )
            invitation.exclude(delivery=DeliveryStatus.BOUNCED).update(
                delivery=DeliveryStatus.FAILED, delivery_error=outcome.error
            )
            summary.failed += 1
        else:
            OutboxMessage.objects.filter(id=message.id).update(
                state=OutboxState.QUEUED,
                not_before=outcome.at + _backoff(message.attempts),
                error=outcome.error,
            )
            invitation.update(delivery_error=outcome.error)
            summary.retried += 1


def _speaks_for_invitation(message: OutboxMessage) -> bool:
    """Whether this mail's outcome may show on the invitation (the board's view).

    Only the invitation mail: it goes to every invited member with an address,
    whether or not they answer later. A reminder goes only to those who had not
    answered, and a cancellation is no delivery of the panel.
    """
    return message.kind == MessageKind.INVITATION


def outbox_next_due() -> datetime | None:
    """When something still unsent becomes claimable (None: nothing is left)."""
    lease = timedelta(seconds=settings.MAIL_LEASE_SECONDS)
    pending = OutboxMessage.objects.filter(
        state__in=[OutboxState.QUEUED, OutboxState.SENDING]
    ).aggregate(
        queued=Min("id", filter=Q(state=OutboxState.QUEUED, not_before__isnull=True)),
        later=Min("not_before", filter=Q(state=OutboxState.QUEUED)),
        claimed=Min("claimed_at", filter=Q(state=OutboxState.SENDING)),
    )
    now = timezone.now()
    candidates = []
    if pending["queued"] is not None:
        candidates.append(now)
    if pending["later"] is not None:
        candidates.append(pending["later"])
    if pending["claimed"] is not None:
        candidates.append(pending["claimed"] + lease)
    return max(min(candidates), now) if candidates else None


def outbox_send_pending(
    *, on_claim: Callable[[], None] | None = None, batch_size: int | None = None
) -> RunSummary:
    """Send everything claimable, batch after batch, until nothing is left.

    ``MAIL_CONNECTIONS`` lanes send side by side, each over its own SMTP
    connection and database connection; one SMTP conversation is a chain of
    round trips, so a second lane keeps both ends busy. The rate limit is
    shared by the lanes. ``on_claim`` runs once, after the first successful
    claim of any lane: the task uses it to leave a follow-up in the queue
    before anything is sent, so a killed worker's messages are taken up again
    after a restart.
    """
    with transaction.atomic():
        _give_up_on_stuck(timezone.now())
    run = _Run(
        size=batch_size or settings.MAIL_BATCH_SIZE,
        pacer=Pacer(settings.MAIL_RATE),
        on_claim=on_claim,
    )
    lanes = max(int(settings.MAIL_CONNECTIONS), 1)
    if lanes == 1:
        return run.lane()
    summaries: list[RunSummary] = []
    errors: list[BaseException] = []

    def lane_in_thread() -> None:
        try:
            summaries.append(run.lane())
        except BaseException as exc:  # re-raised in the calling thread below
            errors.append(exc)
        finally:
            db_connection.close()  # this thread's own connection

    threads = [threading.Thread(target=lane_in_thread) for _ in range(lanes - 1)]
    for thread in threads:
        thread.start()
    try:
        summaries.append(run.lane())
    finally:
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]
    return _combined(summaries)


class _Run:
    """What the lanes of one run share: batch size, pacer and the claim hook."""

    def __init__(self, *, size: int, pacer: Pacer, on_claim: Callable[[], None] | None) -> None:
        self.size = size
        self.pacer = pacer
        self.on_claim = on_claim
        self.lock = threading.Lock()

    def claimed(self) -> None:
        with self.lock:
            hook, self.on_claim = self.on_claim, None
            if hook is not None:
                hook()

    def lane(self) -> RunSummary:
        """Claim, send and record batches over one SMTP connection until none is left."""
        connection = get_connection()
        builder = MailBuilder()
        summary = RunSummary()
        cursor = 0
        try:
            while True:
                ids = outbox_claim(size=self.size, after=cursor)
                if not ids and cursor:
                    cursor = 0  # retries and expired claims further back
                    ids = outbox_claim(size=self.size)
                if not ids:
                    break
                cursor = max(ids)
                self.claimed()
                messages = list(
                    OutboxMessage.objects.filter(id__in=ids)
                    .select_related("invitation__member", "panel__unit")
                    .defer("panel__questionnaire", "invitation__background")
                    .order_by("id")
                )
                outcomes, server_gone = _send_batch(messages, connection, builder, self.pacer)
                _record(outcomes, summary)
                if server_gone:
                    summary.stopped = outcomes[-1].error
                    logger.warning(
                        "mail server unreachable; outbox run paused (%s)", summary.stopped
                    )
                    break
        finally:
            _close_quietly(connection)
        return summary


def _combined(summaries: list[RunSummary]) -> RunSummary:
    total = RunSummary()
    for summary in summaries:
        total.sent += summary.sent
        total.failed += summary.failed
        total.retried += summary.retried
        total.skipped += summary.skipped
        total.stopped = total.stopped or summary.stopped
    return total
