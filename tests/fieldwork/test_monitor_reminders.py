"""Reminders leave nothing per member that the board sees (issue 10, finding 2).

Reminder e-mails go only to members who have not answered. Whatever a
reminder does per member — a count, a status, an error, a bounce — would
therefore show the board exactly who answered. These tests run the attack:
snapshot every page the board has, run a reminder whose mails arrive, fail,
are retried and bounce, snapshot again, and compare.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from ledenpanel.fieldwork.monitor import FILTERS
from ledenpanel.invitations.bounces import bounce_parse, bounce_record
from ledenpanel.invitations.mailmessage import bounce_address
from ledenpanel.invitations.models import (
    DeliveryStatus,
    Invitation,
    LetterBatch,
    MessageKind,
    OutboxMessage,
    OutboxState,
)
from ledenpanel.invitations.outbox import outbox_panel_closed, reminders_create, reminders_send
from ledenpanel.invitations.outbox_send import outbox_send_pending
from tests.builders import Party, open_with_mail, verified_client
from tests.factories import MemberFactory
from tests.support.smtp import Delivery, SmtpServer

FIXTURES = Path(__file__).parents[1] / "invitations" / "bounce_mail"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


pytestmark = pytest.mark.usefixtures("letters_dir")  # letter files under tmp_path


def _report(name: str, delivery: Delivery, invitation: Invitation, *, message_id: str) -> bytes:
    """A delivery report for ``delivery`` as the relay would return it (VERP and all)."""
    verp = delivery.mail_from.split("+", 1)[1].split("@", 1)[0]
    text = (FIXTURES / name).read_text()
    text = text.replace("@@VERP@@", verp).replace("@@RCPT@@", invitation.member.email)
    text = text.replace("@@MESSAGE_ID@@", message_id).replace("@@TOKEN@@", "Zm9vYmFy")
    return text.encode()


def _reminder_to(smtp_server: SmtpServer, invitation: Invitation) -> Delivery:
    [delivery] = [
        d
        for d in smtp_server.to(invitation.member.email)
        if d.message["Subject"].startswith("Herinnering")
    ]
    return delivery


def _board_views(client, panel) -> dict[str, str]:
    """Every page of the monitor the board can open: each filter, each page, the fragment."""
    views = {}
    for status in ["", *FILTERS]:
        page = 1
        while True:
            url = reverse("fieldwork:monitor", args=[panel.public_id])
            html = client.get(url, {"status": status, "page": page}).content.decode()
            views[f"{status or 'all'}:{page}"] = CSRF.sub("", html)
            if f"page={page + 1}" not in html:
                break
            page += 1
    progress = reverse("fieldwork:monitor_progress", args=[panel.public_id])
    views["progress"] = client.get(progress).content.decode()
    return views


def _rows(html: str) -> dict[str, str]:
    """The delivery table's rows by member number, names and numbers taken out."""
    table = re.search(r'<table class="table" id="deliveries">.*?</table>', html, re.S).group(0)
    rows = {}
    for row in re.findall(r"<tr>.*?</tr>", table.split("<tbody>")[1], re.S):
        number = re.search(r'<span class="help">\((\d+)\)</span>', row).group(1)
        member = Invitation.objects.get(member__member_number=number).member
        rows[number] = row.replace(escape(member.display_name), "NAME").replace(number, "NUMBER")
    return rows


def test_after_a_reminder_run_no_board_view_changes_and_responders_look_like_the_rest(
    party: Party, board_a1, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    MemberFactory(  # a second letter member: one answers, one does not
        branch=party.branch_a1,
        email="",
        street="Markt",
        house_number="1",
        postcode="1234 AC",
        city="Aa",
    )
    panel = open_with_mail(party, django_capture_on_commit_callbacks, extra_members=8)
    panel.reminder_letters = True
    panel.save(update_fields=["reminder_letters"])
    emails = list(Invitation.objects.filter(panel=panel, channel="email").select_related("member"))
    letters = list(Invitation.objects.filter(panel=panel, channel="letter"))
    assert len(emails) == 9
    assert len(letters) == 2
    assert {i.delivery for i in emails} == {DeliveryStatus.SENT}
    answered = [*emails[:3], letters[0]]
    refused, deferred, hard, soft = emails[3:7]
    # The state submitting sets; reminders and the monitor read only this flag.
    Invitation.objects.filter(pk__in=[i.pk for i in answered]).update(responded=True)
    client = verified_client(board_a1)
    before = _board_views(client, panel)

    # Reminder 1: one address refuses it, one defers it, two bounce later.
    smtp_server.refuse[refused.member.email] = "550 5.2.2 mailbox full"
    smtp_server.refuse[deferred.member.email] = "451 4.3.0 try again later"
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send.call(panel_id=panel.pk, number=1)
    for invitation, name in ((hard, "postfix_hard.eml"), (soft, "exim_delay.eml")):
        delivery = _reminder_to(smtp_server, invitation)
        report = _report(name, delivery, invitation, message_id=delivery.message["Message-ID"])
        assert bounce_record(bounce_parse(report))
    after = _board_views(client, panel)

    reminded = {d.rcpt_tos[0] for d in smtp_server.deliveries if "Herinnering" in str(d.message)}
    assert reminded == {i.member.email for i in emails[5:]}  # not who answered, refused, deferred
    assert after == before  # nothing the board sees moved
    rows = _rows(after["all:1"])
    by_channel = {
        channel: {rows[i.member.member_number] for i in group}
        for channel, group in (("email", emails), ("letter", letters))
    }
    assert len(by_channel["email"]) == 1  # responders, refused, deferred, bounced: alike
    assert len(by_channel["letter"]) == 1
    assert "Herinnering" not in after["all:1"].split('id="deliveries"')[1]
    # The reminder letters, which the board prints, go to the member who answered too.
    [batch] = LetterBatch.objects.filter(panel=panel, kind=MessageKind.REMINDER)
    assert sorted(batch.invitation_ids) == sorted(i.pk for i in letters)


def test_a_reminder_that_fails_or_bounces_stops_later_reminders_but_not_on_the_invitation(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    panel = open_with_mail(party, django_capture_on_commit_callbacks, extra_members=2)
    refused, bounced, fine = Invitation.objects.filter(panel=panel, channel="email").order_by("id")
    smtp_server.refuse[refused.member.email] = "550 5.1.1 gone"
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_create(panel=panel, number=1) == 3
    delivery = _reminder_to(smtp_server, bounced)
    assert delivery.mail_from == bounce_address(bounced.public_id, MessageKind.REMINDER, 1)
    assert delivery.mail_from.endswith(f"{bounced.public_id.hex}-r1@leden.example.org")
    # A report that names no known Message-ID: the VERP suffix says it was a reminder.
    report = _report("postfix_hard.eml", delivery, bounced, message_id="<unknown@relay>")
    assert bounce_parse(report).kind == MessageKind.REMINDER
    assert bounce_record(bounce_parse(report))

    for invitation in (refused, bounced, fine):
        row = Invitation.objects.get(pk=invitation.pk)
        assert (row.delivery, row.delivery_error) == ("sent", "")
    states = dict(
        OutboxMessage.objects.filter(kind=MessageKind.REMINDER).values_list(
            "invitation_id", "state"
        )
    )
    assert states == {
        refused.pk: OutboxState.FAILED,
        bounced.pk: OutboxState.FAILED,
        fine.pk: OutboxState.SENT,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_create(panel=panel, number=2) == 1  # only the address that works


def test_a_reminder_retried_or_stuck_leaves_the_invitation_alone(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks, settings
):
    panel = open_with_mail(party, django_capture_on_commit_callbacks, extra_members=1)
    deferred, other = Invitation.objects.filter(panel=panel, channel="email").order_by("id")
    smtp_server.refuse[deferred.member.email] = "451 4.3.0 later"
    with django_capture_on_commit_callbacks(execute=False):
        reminders_create(panel=panel, number=1)
    summary = outbox_send_pending()
    assert summary.retried == 1
    # The last attempt dies with its worker: given up, on the reminder's row only.
    settings.MAIL_MAX_ATTEMPTS = 1
    OutboxMessage.objects.filter(invitation=deferred, kind=MessageKind.REMINDER).update(
        state=OutboxState.SENDING, claimed_at="2000-01-01T00:00:00Z", attempts=5
    )
    outbox_send_pending()

    for invitation in (deferred, other):
        row = Invitation.objects.get(pk=invitation.pk)
        assert (row.delivery, row.delivery_error) == ("sent", "")
    assert OutboxMessage.objects.get(invitation=deferred, kind=MessageKind.REMINDER).state == (
        OutboxState.FAILED
    )


def test_a_reminder_bounce_after_close_changes_nothing(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    [invitation] = Invitation.objects.filter(panel=panel, channel="email")
    with django_capture_on_commit_callbacks(execute=True):
        reminders_create(panel=panel, number=1)
    delivery = _reminder_to(smtp_server, invitation)
    outbox_panel_closed(panel=panel)  # the close forgets who was mailed what
    report = _report(
        "postfix_hard.eml", delivery, invitation, message_id=delivery.message["Message-ID"]
    )

    assert bounce_record(bounce_parse(report))  # understood, and moved out of the mailbox

    invitation.refresh_from_db()
    assert (invitation.delivery, invitation.delivery_error) == ("sent", "")


def test_an_invitation_bounce_still_shows_on_the_invitation(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks
):
    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    [invitation] = Invitation.objects.filter(panel=panel, channel="email").select_related("member")
    [delivery] = smtp_server.to(invitation.member.email)
    assert delivery.mail_from == f"bounces+{invitation.public_id.hex}@leden.example.org"
    report = _report("postfix_hard.eml", delivery, invitation, message_id="<unknown@relay>")

    assert bounce_record(bounce_parse(report))

    invitation.refresh_from_db()
    assert invitation.delivery == DeliveryStatus.BOUNCED
