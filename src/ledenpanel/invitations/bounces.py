"""Processing bounce messages from the bounce mailbox (maildir or IMAP).

Every member mail is sent with the envelope sender
``bounces+<invitation public id>[-r<n>|-c|-u|-b]@MAIL_DOMAIN`` (VERP; ``-r<n>``
for reminder ``n``, ``-c`` for a cancellation notice, ``-u`` for the results,
``-b`` for the board's answer, ``-v<n>`` for update ``n``). The relay delivers
bounces for those addresses to one mailbox; ``ledenpanel bounces`` reads it:

- it finds the invitation from the VERP address the bounce was delivered to
  (``X-Original-To``, ``Delivered-To``, ``Envelope-To``, ``To``), or else from
  the ``Message-ID`` of the returned message (the outbox row's id);
- it reads the status from the delivery report (RFC 3464,
  ``message/delivery-status``): ``5.x.x`` is a hard bounce, ``4.x.x`` a
  delay, recorded but not a bounce;
- only a bounce of the **invitation** mail is written on the invitation (it
  becomes *bounced* and gets no reminders): the board sees that per member.
  Reminders go only to members who have not answered, so a reminder's bounce
  is kept on the reminder's own outbox row (no further reminders to that
  address; the close deletes the row) and never on the invitation;
- only the status and the diagnostic are stored (truncated, with any link
  removed), never the returned message.

Processed maildir messages move to ``cur/`` with the *seen* flag (or are
deleted with ``--delete``); on IMAP they get ``\\Seen`` (or are expunged).
A message that cannot be read is reported by name and left where it is.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import imaplib
import os
import re
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.db import transaction

from ledenpanel.invitations.models import (
    DeliveryStatus,
    Invitation,
    MessageKind,
    OutboxMessage,
    OutboxState,
)

VERP = re.compile(r"bounces\+([0-9a-f]{32})(?:-(r\d{1,3}|v\d{1,3}|c|u|b))?@", re.IGNORECASE)
STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
LINKS = re.compile(r"\S*/(?:p|afmelden)/\S*")
RECIPIENT_HEADERS = ("X-Original-To", "Delivered-To", "Envelope-To", "X-Envelope-To", "To")
DIAGNOSTIC_LENGTH = 300


class Unreadable(Exception):
    """Not a bounce this command understands."""


@dataclass(frozen=True)
class Bounce:
    invitation_id: uuid.UUID | None
    message_id: str
    status: str
    diagnostic: str
    # From the VERP address: which mail bounced (None: no VERP address found).
    kind: str | None = None
    number: int = 0

    @property
    def hard(self) -> bool:
        return self.status.startswith("5")


@dataclass
class BounceSummary:
    read: int = 0
    hard: int = 0
    soft: int = 0
    unmatched: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"bounces: {self.read} read, {self.hard} hard, {self.soft} soft, "
            f"{self.unmatched} unmatched, {len(self.unreadable)} unreadable"
        )


def _delivery_fields(message: Message) -> list[Message]:
    blocks: list[Message] = []
    for part in message.walk():
        if part.get_content_type() == "message/delivery-status":
            payload = part.get_payload()
            if isinstance(payload, list):
                blocks.extend(payload)
    return blocks


def _returned_message_id(message: Message, blocks: list[Message]) -> str:
    for block in [message, *blocks]:
        for name in ("Original-Message-ID", "X-Original-Message-ID"):
            if block.get(name):
                return str(block[name]).strip()
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            if isinstance(inner, Message) and inner.get("Message-ID"):
                return str(inner["Message-ID"]).strip()
        elif kind == "text/rfc822-headers":
            headers = email.message_from_string(part.get_content(), policy=email.policy.default)
            if headers.get("Message-ID"):
                return str(headers["Message-ID"]).strip()
    return ""


def _clean(text: str) -> str:
    return " ".join(LINKS.sub("[link]", text).split())[:DIAGNOSTIC_LENGTH]


def bounce_parse(raw: bytes) -> Bounce:
    """Read one bounce message; raise :class:`Unreadable` if it is none."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:
        raise Unreadable(f"not a mail message ({type(exc).__name__})") from None
    invitation_id, kind, number = None, None, 0
    for name in RECIPIENT_HEADERS:
        for value in message.get_all(name) or []:
            match = VERP.search(str(value))
            if match and invitation_id is None:
                invitation_id = uuid.UUID(match.group(1))
                kind, number = _verp_kind(match.group(2))
    blocks = _delivery_fields(message)
    status, diagnostic = "", ""
    for block in blocks:
        if block.get("Status"):
            found = STATUS.search(str(block["Status"]))
            if found:
                status = found.group(0)
                diagnostic = str(block.get("Diagnostic-Code", "") or block.get("Action", ""))
                if status.startswith("5"):
                    break
    if not status:
        raise Unreadable("no delivery status report (RFC 3464)")
    if status.startswith("2"):
        raise Unreadable(f"a delivery report, not a bounce ({status})")
    message_id = _returned_message_id(message, blocks)
    if invitation_id is None and not message_id:
        raise Unreadable("names no invitation (no VERP address, no Message-ID)")
    return Bounce(invitation_id, message_id, status, _clean(f"{status} {diagnostic}"), kind, number)


def _verp_kind(suffix: str | None) -> tuple[str, int]:
    """The kind of mail (and reminder number) a VERP suffix names."""
    if not suffix:
        return MessageKind.INVITATION, 0
    fixed = {"c": MessageKind.CANCELLATION, "u": MessageKind.RESULTS, "b": MessageKind.ANSWER}
    if suffix.lower() in fixed:
        return fixed[suffix.lower()], 0
    if suffix[0].lower() == "v":
        return MessageKind.UPDATE, int(suffix[1:])
    return MessageKind.REMINDER, int(suffix[1:])


@transaction.atomic
def bounce_record(bounce: Bounce) -> bool:
    """Record a bounce; False if no invitation matches.

    Only an invitation mail's bounce is written on the invitation (module
    doc); any other kind only on its own outbox row, if that still exists.
    """
    invitation = None
    row = None
    if bounce.message_id:
        row = OutboxMessage.objects.filter(message_id=bounce.message_id).first()
    if bounce.invitation_id is not None:
        invitation = Invitation.objects.filter(public_id=bounce.invitation_id).first()
    if invitation is None and row is not None:
        invitation = row.invitation
    if invitation is None:
        return False
    # The returned Message-ID names the exact mail; else the VERP suffix does
    # (it outlives the outbox rows, which the close deletes).
    kind = row.kind if row is not None else bounce.kind or MessageKind.INVITATION
    if kind != MessageKind.INVITATION:
        _record_on_outbox_row(bounce, invitation, row, kind)
        return True
    if bounce.hard:
        invitation.delivery = DeliveryStatus.BOUNCED
        invitation.delivery_error = bounce.diagnostic
    else:
        invitation.delivery_error = f"vertraagd: {bounce.diagnostic}"[:DIAGNOSTIC_LENGTH]
    invitation.save(update_fields=["delivery", "delivery_error"])
    return True


def _record_on_outbox_row(
    bounce: Bounce, invitation: Invitation, row: OutboxMessage | None, kind: str
) -> None:
    """A reminder's (or cancellation's) bounce: on that mail's row, never the invitation."""
    rows = OutboxMessage.objects.filter(invitation=invitation, kind=kind)
    if row is not None:
        rows = rows.filter(pk=row.pk)
    elif kind == MessageKind.REMINDER:
        rows = rows.filter(number=bounce.number)
    if bounce.hard:
        # A failed reminder row keeps later reminders from this address (outbox).
        rows.update(state=OutboxState.FAILED, error=bounce.diagnostic)
    else:
        rows.update(error=f"vertraagd: {bounce.diagnostic}"[:DIAGNOSTIC_LENGTH])


def _process(name: str, raw: bytes, summary: BounceSummary) -> bool:
    """True if the message was understood (and may be marked or deleted)."""
    summary.read += 1
    try:
        bounce = bounce_parse(raw)
    except Unreadable as exc:
        summary.unreadable.append((name, str(exc)))
        return False
    if not bounce_record(bounce):
        summary.unmatched += 1
    elif bounce.hard:
        summary.hard += 1
    else:
        summary.soft += 1
    return True


def bounces_from_maildir(path: Path, *, delete: bool = False) -> BounceSummary:
    """Process every message in ``new/``; move it to ``cur/`` as seen."""
    summary = BounceSummary()
    new, cur = path / "new", path / "cur"
    if not new.is_dir() or not cur.is_dir():
        raise FileNotFoundError(f"{path} is not a maildir (no new/ and cur/)")
    for entry in sorted(new.iterdir()):
        if not entry.is_file():
            continue
        if _process(entry.name, entry.read_bytes(), summary):
            if delete:
                entry.unlink()
            else:
                os.rename(entry, cur / f"{entry.name.split(':', 1)[0]}:2,S")
    return summary


def _imap_messages(url: str) -> Iterator[tuple[imaplib.IMAP4, bytes, bytes]]:
    parts = urlsplit(url)
    if parts.scheme not in {"imap", "imaps"} or not parts.hostname:
        raise ValueError("use imaps://user:password@host/INBOX (or imap:// with STARTTLS)")
    if parts.scheme == "imaps":
        client: imaplib.IMAP4 = imaplib.IMAP4_SSL(parts.hostname, parts.port or 993)
    else:
        client = imaplib.IMAP4(parts.hostname, parts.port or 143)
        client.starttls()
    client.login(unquote(parts.username or ""), unquote(parts.password or ""))
    client.select(unquote(parts.path.lstrip("/")) or "INBOX")
    try:
        _, data = client.search(None, "UNSEEN")
        for number in data[0].split():
            _, fetched = client.fetch(number, "(BODY.PEEK[])")
            raw = next((item[1] for item in fetched if isinstance(item, tuple)), b"")
            yield client, number, raw
    finally:
        client.close()
        client.logout()


def bounces_from_imap(url: str, *, delete: bool = False) -> BounceSummary:
    """Process the unseen messages of an IMAP folder (marks them seen or deletes them)."""
    summary = BounceSummary()
    for client, number, raw in _imap_messages(url):
        if _process(f"imap message {number.decode()}", raw, summary):
            client.store(number, "+FLAGS", "\\Deleted" if delete else "\\Seen")
    return summary


def run_bounces(args: argparse.Namespace) -> int:
    """The `ledenpanel bounces` command: 0 even when some messages were unreadable."""
    try:
        if args.maildir is not None:
            summary = bounces_from_maildir(Path(args.maildir), delete=args.delete)
        else:
            summary = bounces_from_imap(args.imap, delete=args.delete)
    except (OSError, ValueError, imaplib.IMAP4.error) as exc:
        print(f"ledenpanel bounces: {exc}", file=sys.stderr)
        return 1
    for name, reason in summary.unreadable:
        print(f"skipped {name}: {reason}", file=sys.stderr)
    print(summary.line())
    return 0
