"""A run sends over several SMTP connections at once: every message once, none lost."""

from __future__ import annotations

from collections import Counter

import pytest

from ledenpanel.invitations.models import OutboxMessage, OutboxState
from tests.builders import Party, open_with_mail
from tests.support.smtp import SmtpServer


@pytest.mark.django_db(transaction=True)
def test_two_lanes_send_every_invitation_exactly_once_over_two_connections(
    party: Party, smtp_server: SmtpServer, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_CONNECTIONS = 2
    settings.MAIL_BATCH_SIZE = 3  # many small batches, so the lanes interleave

    panel = open_with_mail(party, django_capture_on_commit_callbacks, extra_members=40)

    rows = OutboxMessage.objects.filter(panel=panel)
    expected = rows.count()
    assert expected > 40
    smtp_server.wait_for(expected)
    deliveries = smtp_server.deliveries
    per_message = Counter(d.message["Message-ID"].strip() for d in deliveries)
    assert sorted(per_message) == sorted(rows.values_list("message_id", flat=True))
    assert set(per_message.values()) == {1}
    assert len({delivery.peer for delivery in deliveries}) == 2
    assert set(rows.values_list("state", flat=True)) == {OutboxState.SENT}
