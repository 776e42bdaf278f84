"""Two workers claiming at the same time never get the same message (real connections)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from ledenpanel.invitations.models import Invitation, MessageKind, OutboxMessage
from ledenpanel.invitations.outbox_send import outbox_claim
from ledenpanel.organisations.models import Member
from tests.builders import Party


@pytest.mark.django_db(transaction=True)
def test_concurrent_claims_are_disjoint_and_cover_everything(party: Party):
    members = Member.objects.bulk_create(
        Member(
            member_number=f"C{n:05d}",
            last_name="Claim",
            email=f"c{n}@example.net",
            branch=party.branch_a1,
        )
        for n in range(240)
    )
    invitations = Invitation.objects.bulk_create(
        Invitation(panel=party.panel_a1, member=member, channel="email", verifier=f"{n:064x}")
        for n, member in enumerate(members)
    )
    if connection.vendor == "sqlite":  # bulk_create returns no ids on older paths
        invitations = list(Invitation.objects.filter(panel=party.panel_a1))
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            panel=party.panel_a1,
            invitation=invitation,
            kind=MessageKind.INVITATION,
            message_id=f"<{n}@example.org>",
        )
        for n, invitation in enumerate(invitations)
    )
    claimed: list[list[int]] = [[], [], []]
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def worker(mine: list[int]) -> None:
        from django.db import connection as own

        try:
            start.wait()
            while ids := outbox_claim(size=7):
                mine.extend(ids)
                time.sleep(0.002)  # let the others in, as sending a batch would
        except BaseException as exc:
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=worker, args=(mine,)) for mine in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    every = [message_id for mine in claimed for message_id in mine]
    assert len(every) == len(set(every)) == 240
    assert sum(1 for mine in claimed if mine) >= 2  # they really ran side by side
