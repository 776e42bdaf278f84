"""`ledenpanel bounces`: delivery reports in the bounce mailbox, recorded per invitation."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledenpanel.cli import main
from ledenpanel.invitations.bounces import Unreadable, bounce_parse
from ledenpanel.invitations.models import DeliveryStatus, Invitation, OutboxMessage
from tests.builders import Party, open_with_mail
from tests.support.smtp import SmtpServer

FIXTURES = Path(__file__).parent / "bounce_mail"


def _report(name: str, invitation: Invitation) -> bytes:
    message = OutboxMessage.objects.get(invitation=invitation)
    text = (FIXTURES / name).read_text()
    text = text.replace("@@VERP@@", invitation.public_id.hex)
    text = text.replace("@@RCPT@@", invitation.member.email)
    text = text.replace("@@MESSAGE_ID@@", message.message_id)
    text = text.replace("@@TOKEN@@", "Zm9vYmFyYmF6cXV4cXV1eA")
    return text.encode()


def _maildir(tmp_path: Path) -> Path:
    for sub in ("new", "cur", "tmp"):
        (tmp_path / "bounces" / sub).mkdir(parents=True)
    return tmp_path / "bounces"


def test_it_records_hard_and_soft_bounces_and_skips_what_it_cannot_read(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks, tmp_path, capsys
):
    from tests.factories import MemberFactory

    MemberFactory(branch=party.branch_a1, email="vertraagd@example.net")
    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    hard = Invitation.objects.select_related("member").get(panel=panel, member=party.member_a1)
    soft = Invitation.objects.select_related("member").get(member__email="vertraagd@example.net")
    maildir = _maildir(tmp_path)
    (maildir / "new" / "1764187391.V801I2M1.relay").write_bytes(_report("postfix_hard.eml", hard))
    (maildir / "new" / "1764191402.V801I3M2.relay").write_bytes(_report("exim_delay.eml", soft))
    (maildir / "new" / "1764191500.V801I4M3.relay").write_bytes(
        b"Subject: hallo\n\nIk ben op vakantie.\n"
    )

    assert main(["bounces", "--maildir", str(maildir)]) == 0

    out, err = capsys.readouterr()
    assert "3 read, 1 hard, 1 soft, 0 unmatched, 1 unreadable" in out
    assert "1764191500.V801I4M3.relay" in err
    hard.refresh_from_db()
    assert hard.delivery == DeliveryStatus.BOUNCED
    assert hard.delivery_error.startswith("5.1.1 smtp; 550 5.1.1")
    soft.refresh_from_db()
    assert soft.delivery == DeliveryStatus.SENT
    assert "4.7.1" in soft.delivery_error
    assert sorted(path.name for path in (maildir / "cur").iterdir()) == [
        "1764187391.V801I2M1.relay:2,S",
        "1764191402.V801I3M2.relay:2,S",
    ]
    assert [path.name for path in (maildir / "new").iterdir()] == ["1764191500.V801I4M3.relay"]


def test_a_bounced_member_gets_no_reminder_and_the_report_stores_no_link(
    party: Party, smtp_server: SmtpServer, django_capture_on_commit_callbacks, tmp_path
):
    from ledenpanel.invitations.outbox import reminders_create

    panel = open_with_mail(party, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.select_related("member").get(member=party.member_a1)
    maildir = _maildir(tmp_path)
    (maildir / "new" / "a").write_bytes(_report("postfix_hard.eml", invitation))

    assert main(["bounces", "--maildir", str(maildir), "--delete"]) == 0

    assert list((maildir / "new").iterdir()) == []
    assert list((maildir / "cur").iterdir()) == []
    invitation.refresh_from_db()
    assert "afmelden" not in invitation.delivery_error
    assert reminders_create(panel=panel, number=1) == 0


def test_a_bounce_without_a_delivery_report_is_unreadable():
    raw = b"From: MAILER-DAEMON@example.net\nTo: bounces+" + b"0" * 32 + b"@x\n\nfailed\n"
    with pytest.raises(Unreadable, match="delivery status"):
        bounce_parse(raw)
