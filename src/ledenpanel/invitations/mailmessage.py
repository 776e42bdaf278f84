"""Building one member mail from an outbox row, the same bytes every time.

The outbox stores no body (docs/anonymity.md §2): the worker renders the mail
when it sends, deriving the link token from the panel's link key. Everything
in the mail follows from the row, so a message sent again after a crash is
byte-for-byte the one sent before: the same ``Message-ID``, a ``Date`` taken
from that id (the moment the row was made), the same text and a MIME boundary
derived from the id instead of a random one.

Rendering templates and building MIME for each of 42,000 members would cost
more than the SMTP conversation, so each (panel, kind, reminder number) is
rendered and encoded once with placeholders; the member's name, links,
address, Message-ID, Date and boundary are put in by replacement
(HTML-escaped in the HTML part). Templates must therefore print
``greeting_name``, ``link`` and ``opt_out_url`` without filters.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from ledenpanel.invitations import crypto
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.models import (
    ANNOUNCED_KINDS,
    Announcement,
    MessageKind,
    OutboxMessage,
)
from ledenpanel.organisations.models import Role, RoleKind, Unit
from ledenpanel.panels.models import Panel, PanelEvent, PanelState

# Placeholders, filled per member: text part (and headers), HTML part.
NAME, LINK, OPT_OUT = "@@lp-name@@", "@@lp-link@@", "@@lp-opt-out@@"
NAME_H, LINK_H, OPT_OUT_H = "@@lp-name-h@@", "@@lp-link-h@@", "@@lp-opt-out-h@@"
_TO = "lp-to@placeholder.invalid"
_ID = "<lp-message-id@placeholder.invalid>"
_DATE = "LP-DATE-PLACEHOLDER"
_BOUNDARY = "lpboundaryplaceholder00000000000"  # as long as a real one
_STAMP = "%Y%m%d%H%M%S"
MAX_REPLY_TO = 5


def new_message_id(now: datetime) -> str:
    """A unique ``Message-ID`` that also records when the message was made."""
    stamp = now.astimezone(UTC).strftime(_STAMP)
    return f"<{stamp}.{uuid.uuid4().hex[:20]}@{settings.MAIL_DOMAIN}>"


def message_date(message_id: str) -> str:
    """The ``Date`` header: the creation time recorded in the id."""
    stamp = message_id.lstrip("<").split(".", 1)[0]
    try:
        made = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:  # an id made elsewhere: fall back to a fixed, valid date
        made = datetime(2000, 1, 1, tzinfo=UTC)
    return format_datetime(made)


def bounce_address(
    invitation_public_id: uuid.UUID, kind: str = MessageKind.INVITATION, number: int = 0
) -> str:
    """The envelope sender (VERP): a bounce names the invitation and the kind of mail.

    Only the invitation mail may change the delivery status the board sees
    (reminders go only to members who have not answered, so a reminder's
    bounce would single them out): a reminder's address carries ``-r<number>``
    and a cancellation's ``-c`` (the results ``-u``, the board's answer ``-b``,
    update ``n`` ``-v<n>``), so ``ledenpanel bounces`` can tell them apart even
    after close, when the outbox rows are gone (``invitations.bounces``).
    """
    suffix = {
        MessageKind.REMINDER: f"-r{number}",
        MessageKind.CANCELLATION: "-c",
        MessageKind.RESULTS: "-u",
        MessageKind.ANSWER: "-b",
        MessageKind.UPDATE: f"-v{number}",
    }.get(kind, "")
    return f"bounces+{invitation_public_id.hex}{suffix}@{settings.MAIL_DOMAIN}"


def from_header(unit: Unit) -> str:
    name = _("Bestuur %(unit)s via Ledenpanel") % {"unit": unit.name}
    return formataddr((name, f"noreply@{settings.MAIL_DOMAIN}"))


def boundary_for(message_id: str) -> str:
    return hashlib.sha256(message_id.encode()).hexdigest()[:32]


class RawMessage:
    """Finished message bytes, for the backends' ``message().as_bytes()``."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        return self.data if linesep == "\n" else self.data.replace(b"\n", linesep.encode())

    def as_string(self, unixfrom: bool = False, linesep: str = "\n") -> str:
        return self.as_bytes(linesep=linesep).decode("utf-8", "replace")

    def get_charset(self) -> None:
        return None


class MemberMail(EmailMultiAlternatives):
    """A multipart mail whose MIME boundary follows from its Message-ID.

    ``raw`` holds the finished bytes when the builder could fill a prepared
    template; Django's backends then send those instead of building MIME.
    """

    raw: bytes | None = None
    boundary: str = ""

    def message(self):  # type: ignore[no-untyped-def]
        if self.raw is not None:
            return RawMessage(self.raw)
        msg = super().message()
        if msg.is_multipart():
            msg.set_boundary(
                f"=_lp_{self.boundary or boundary_for(self.extra_headers['Message-ID'])}"
            )
        return msg


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


class MailBuilder:
    """Renders the member mails of one sending run (caches per panel and kind).

    Keys and texts live only as long as the run; a new run reads them again,
    so a panel closed in between is never mailed with stale content.
    """

    def __init__(self) -> None:
        self._rendered: dict[tuple[int, str, int], Rendered] = {}
        self._reply_to: dict[int, list[str]] = {}
        self._link_keys: dict[int, bytes] = {}
        self._templates: dict[tuple[int, str, int], bytes | None] = {}
        self._urls: dict[str, str] = {}

    def build(self, message: OutboxMessage) -> MemberMail:
        with translation.override(settings.LANGUAGE_CODE):
            return self._build(message)

    def _build(self, message: OutboxMessage) -> MemberMail:
        invitation = message.invitation
        panel = message.panel
        member = invitation.member
        rendered = self._render(panel, message.kind, message.number)
        greeting = member.first_name or member.display_name or _("lid")
        values = {NAME: greeting, NAME_H: escape(greeting)}
        if message.kind != MessageKind.CANCELLATION:
            token = crypto.link_token(self._link_key(panel), invitation.ref)
            link = self._url("responses:answer", token)
            opt_out = self._url("invitations:opt_out", token)
            values |= {
                LINK: link,
                OPT_OUT: opt_out,
                LINK_H: escape(link),
                OPT_OUT_H: escape(opt_out),
            }
        text, html = rendered.text, rendered.html
        for placeholder, value in values.items():
            text, html = text.replace(placeholder, value), html.replace(placeholder, value)
        mail = self._mail(
            message,
            rendered,
            text=text,
            html=html,
            to=member.email,
            message_id=message.message_id,
            envelope=bounce_address(invitation.public_id, message.kind, message.number),
            opt_out=values.get(OPT_OUT),
        )
        template = self._template(message, rendered)
        if template is not None and member.email.isascii():
            values |= {
                _TO: member.email,
                _ID: message.message_id,
                _DATE: message_date(message.message_id),
                _BOUNDARY: boundary_for(message.message_id),
            }
            data = template
            for placeholder, value in values.items():
                data = data.replace(placeholder.encode(), value.encode())
            mail.raw = data
        return mail

    def _mail(
        self,
        message: OutboxMessage,
        rendered: Rendered,
        *,
        text: str,
        html: str,
        to: str,
        message_id: str,
        envelope: str,
        opt_out: str | None,
    ) -> MemberMail:
        headers = {
            "From": from_header(message.panel.unit),
            "Message-ID": message_id,
            "Date": _DATE if message_id == _ID else message_date(message_id),
            "Auto-Submitted": "auto-generated",
        }
        if opt_out is not None:
            headers["List-Unsubscribe"] = f"<{opt_out}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        mail = MemberMail(
            subject=rendered.subject,
            body=text,
            from_email=envelope,
            to=[to],
            reply_to=self._board_addresses(message.panel.unit),
            headers=headers,
        )
        mail.attach_alternative(html, "text/html")
        return mail

    def _template(self, message: OutboxMessage, rendered: Rendered) -> bytes | None:
        """The finished message with placeholders, if they survive MIME encoding.

        Building MIME costs more than the SMTP conversation, so it is done once
        per panel and kind. If an encoding would alter a placeholder (a long
        line turns the body quoted-printable), there is no template and each
        mail is built in full.
        """
        key = (message.panel_id, message.kind, message.number)
        if key not in self._templates:
            cancellation = message.kind == MessageKind.CANCELLATION
            mail = self._mail(
                message,
                rendered,
                text=rendered.text,
                html=rendered.html,
                to=_TO,
                message_id=_ID,
                envelope="",
                opt_out=None if cancellation else OPT_OUT,
            )
            mail.boundary = _BOUNDARY
            data = mail.message().as_bytes(linesep="\n")
            expected = [_TO, _ID, _DATE, _BOUNDARY, NAME, NAME_H]
            if not cancellation:
                expected += [LINK, LINK_H, OPT_OUT, OPT_OUT_H]
            intact = all(placeholder.encode() in data for placeholder in expected)
            self._templates[key] = data if intact else None
        return self._templates[key]

    def _url(self, name: str, token: str) -> str:
        """The absolute URL for a token (reversed once per run: tokens are URL-safe)."""
        if name not in self._urls:
            self._urls[name] = settings.SITE_URL + reverse(name, kwargs={"secret": "TOKEN"})
        return self._urls[name].replace("TOKEN", token)

    def _link_key(self, panel: Panel) -> bytes:
        if panel.pk not in self._link_keys:
            # After the close only the link key is left (``KeyStore.read_link_key``):
            # the results mail carries the member's own link, as the invitation did.
            self._link_keys[panel.pk] = key_store().read_link_key(str(panel.public_id))
        return self._link_keys[panel.pk]

    def _board_addresses(self, unit: Unit) -> list[str]:
        """Reply-To: the unit's board (a unit has no address of its own)."""
        if unit.pk not in self._reply_to:
            addresses = list(
                Role.objects.filter(unit=unit, kind=RoleKind.BOARD, user__is_active=True)
                .order_by("user__email")
                .values_list("user__email", flat=True)
                .distinct()[:MAX_REPLY_TO]
            )
            self._reply_to[unit.pk] = addresses or [settings.DEFAULT_FROM_EMAIL]
        return self._reply_to[unit.pk]

    def _render(self, panel: Panel, kind: str, number: int) -> Rendered:
        key = (panel.pk, kind, number)
        if key not in self._rendered:
            self._rendered[key] = _render_templates(panel, kind, number)
        return self._rendered[key]


def _render_templates(panel: Panel, kind: str, number: int) -> Rendered:
    if kind in ANNOUNCED_KINDS:
        return _render_announcement(panel, kind, number)
    context = {
        "panel": panel,
        "unit": panel.unit,
        "number": number,
        "note": _cancellation_note(panel) if kind == MessageKind.CANCELLATION else "",
        "site_url": settings.SITE_URL,
    }
    text_context = context | {"greeting_name": NAME, "link": LINK, "opt_out_url": OPT_OUT}
    html_context = context | {"greeting_name": NAME_H, "link": LINK_H, "opt_out_url": OPT_OUT_H}
    subjects = {
        MessageKind.INVITATION: _("Uw mening gevraagd: %(title)s"),
        MessageKind.REMINDER: _("Herinnering: %(title)s"),
        MessageKind.CANCELLATION: _("Geannuleerd: %(title)s"),
    }
    base = f"invitations/email/{kind}"
    return Rendered(
        subject=subjects[MessageKind(kind)] % {"title": panel.title},
        text=render_to_string(f"{base}.txt", text_context),
        html=render_to_string(f"{base}.html", html_context),
    )


def _cancellation_note(panel: Panel) -> str:
    """The board's note, as recorded with the cancellation in the panel's history."""
    event = (
        PanelEvent.objects.filter(panel=panel, to_state=PanelState.CANCELLED)
        .order_by("-at", "-id")
        .first()
    )
    return event.note if event else ""


def _render_announcement(panel: Panel, kind: str, number: int) -> Rendered:
    """A later mail (results, the board's answer): the composed text in the member frame."""
    announcement = Announcement.objects.get(panel=panel, kind=kind, number=number)
    context = {"panel": panel, "unit": panel.unit, "announcement": announcement}
    text_context = context | {"greeting_name": NAME, "link": LINK, "opt_out_url": OPT_OUT}
    html_context = context | {"greeting_name": NAME_H, "link": LINK_H, "opt_out_url": OPT_OUT_H}
    return Rendered(
        subject=announcement.subject,
        text=render_to_string("invitations/email/announcement.txt", text_context),
        html=render_to_string("invitations/email/announcement.html", html_context),
    )
