"""Announcements: the results and the board's answer, to every invited member.

The layer that owns the content (``results`` for the results, ``followup``
for the board's answer) composes the texts; this module stores them as an
:class:`~ledenpanel.invitations.models.Announcement` and delivers them the
way invitations went: a mail through the outbox (same at-least-once rules,
same bounce handling) to every e-mail invitation, and a letter run for every
letter invitation. Everyone invited gets it, whether or not they answered,
so a delivery list (which the board prints, for letters) says nothing about
who took part. Only the member's own choices leave someone out: opting out of
the panel, or no contact at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string

from ledenpanel.invitations.letters import letter_run_enqueue
from ledenpanel.invitations.models import (
    ANNOUNCED_KINDS,
    Announcement,
    Channel,
    Invitation,
    MessageKind,
)
from ledenpanel.invitations.outbox import outbox_enqueue
from ledenpanel.panels.models import Panel


@dataclass(frozen=True)
class AnnouncementText:
    """What a later mail and letter say; the same for every member (no member data)."""

    subject: str
    body_text: str
    body_html: str
    letter_html: str
    link_label: str

    @classmethod
    def rendered(
        cls, *, subject: str, templates: str, context: dict, link_label: str, letter: bool = True
    ) -> AnnouncementText:
        """The text from the templates ``<templates>.txt``, ``.html`` and, for a letter
        too, ``_letter.html``, in the language that is active."""
        return cls(
            subject=subject,
            body_text=render_to_string(f"{templates}.txt", context),
            body_html=render_to_string(f"{templates}.html", context),
            letter_html=render_to_string(f"{templates}_letter.html", context) if letter else "",
            link_label=link_label,
        )


def _wanted() -> Q:
    """The invitations an announcement goes to: all, save the members' own refusals."""
    return Q(opted_out=False, member__do_not_contact=False)


@transaction.atomic
def announcement_deliver(
    *,
    panel: Panel,
    kind: MessageKind,
    text: AnnouncementText,
    number: int = 0,
    only: Iterable[int] | None = None,
) -> Announcement:
    """Store the announcement and queue its mails and letters (idempotent per kind and number).

    A second call for the same kind and number returns the stored
    announcement and queues nothing new: its mails and letters are queued
    already (the outbox and the letter runs are idempotent too).

    ``only`` narrows it to those invitations, by mail alone: the later
    updates go only to the members who asked to be kept informed, and a
    letter run for them would show the board, which prints the letters, who
    took part.
    """
    if kind not in ANNOUNCED_KINDS:
        raise ValueError(f"{kind} is not a kind of announcement")
    announcement, created = Announcement.objects.get_or_create(
        panel=panel,
        kind=kind,
        number=number,
        defaults={
            "subject": text.subject,
            "body_text": text.body_text,
            "body_html": text.body_html,
            "letter_html": text.letter_html,
            "link_label": text.link_label,
        },
    )
    if not created:
        return announcement
    invitations = Invitation.objects.filter(_wanted(), panel=panel)
    if only is not None:
        invitations = invitations.filter(id__in=list(only))
    mailed = invitations.filter(channel=Channel.EMAIL).exclude(member__email="")
    outbox_enqueue(
        panel=panel,
        kind=kind,
        invitation_ids=list(mailed.values_list("id", flat=True)),
        number=number,
    )
    if only is None and invitations.filter(channel=Channel.LETTER).exists():
        letter_run_enqueue(panel=panel, kind=kind, number=number)
    return announcement


def announcement_get(*, panel: Panel, kind: MessageKind, number: int = 0) -> Announcement | None:
    return Announcement.objects.filter(panel=panel, kind=kind, number=number).first()
