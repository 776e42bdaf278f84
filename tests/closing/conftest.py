"""Fixtures for the closing tests: panels closed in three ways (after real
fieldwork on PostgreSQL, with letter runs made, before the procedure ran)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.invitations import crypto
from ledenpanel.invitations.bounces import bounce_parse, bounce_record
from ledenpanel.invitations.keyring import key_store
from ledenpanel.invitations.letters import letter_batch_render_now, letter_run_enqueue
from ledenpanel.invitations.models import (
    Channel,
    Invitation,
    LetterBatch,
    LetterState,
    MessageKind,
    OutboxMessage,
)
from ledenpanel.invitations.outbox import invitation_opt_out, outbox_invite, reminders_send
from ledenpanel.invitations.outbox_send import outbox_send_pending
from ledenpanel.organisations.models import Member
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.services import panel_transition
from ledenpanel.responses import services
from tests.builders import (
    Party,
    invited_panel_for,
    member_session,
    national_panel,
    submit_for,
    submit_many,
    varied_answers,
)
from tests.factories import MemberFactory
from tests.support.fieldwork_story import (
    DRAFT_MARKER,
    INVITATION_IDS,
    LETTERS,
    MARKER,
    MEMBER_IDS,
    SUBMITTERS,
)
from tests.support.smtp import SmtpServer

BOUNCES = Path(__file__).parents[1] / "invitations" / "bounce_mail"

# -- after real fieldwork (test_anonymity_after_close.py, PostgreSQL only) ----------


def _secrets(panel) -> dict[int, list[str]]:
    """Every invitation's link token or letter code, in each written form."""
    keys = key_store().read(str(panel.public_id))
    found = {}
    for invitation in Invitation.objects.filter(panel=panel):
        if invitation.channel == Channel.EMAIL:
            found[invitation.pk] = [crypto.link_token(keys.link_key, invitation.ref)]
        else:
            code = crypto.letter_code(
                keys.link_key, invitation.ref, attempt=invitation.code_attempt
            )
            found[invitation.pk] = [code, crypto.format_code(code)]
    return found


@pytest.fixture
def distinct_ids(transactional_db):
    """Member and invitation ids from their own far ranges; the old sequences after."""
    sequences = {}
    with connection.cursor() as cursor:
        for table, start in (
            ("organisations_member", MEMBER_IDS),
            ("invitations_invitation", INVITATION_IDS),
        ):
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            [sequence] = cursor.fetchone()
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608
            sequences[sequence] = cursor.fetchone()
            cursor.execute("SELECT setval(%s, %s, false)", [sequence, start + 1])
    yield
    with connection.cursor() as cursor:
        for sequence, (value, called) in sequences.items():
            cursor.execute("SELECT setval(%s, %s, %s)", [sequence, value, called])


@pytest.fixture
def answered() -> dict[str, set[int]]:
    """Filled by ``closed``: the invitation ids of members who answered and who did not.

    Only members made for the panel count; the party fixture's members have
    a history of their own (a panel request, a board role).
    """
    return {"yes": set(), "no": set()}


def _bounce(smtp_server: SmtpServer, invitation: Invitation, name: str, *, reminder=False):
    """Let the relay return the invitation's (or reminder's) mail; process the report."""
    deliveries = [
        d
        for d in smtp_server.to(invitation.member.email)
        if d.message["Subject"].startswith("Herinnering") == reminder
    ]
    delivery = deliveries[-1]
    text = (BOUNCES / name).read_text()
    if reminder:  # another text than the invitations' bounces: the scan must tell them apart
        text = text.replace("User unknown", "Mailbox full").replace("4.7.1", "4.2.2")
    for placeholder, value in {
        "@@VERP@@": delivery.mail_from.split("+", 1)[1].split("@", 1)[0],
        "@@RCPT@@": invitation.member.email,
        "@@MESSAGE_ID@@": delivery.message["Message-ID"],
        "@@TOKEN@@": "Zm9vYmFy",
    }.items():
        text = text.replace(placeholder, value)
    assert bounce_record(bounce_parse(text.encode()))


def _render_letters(panel, **run) -> None:
    for batch in letter_run_enqueue(panel=panel, **run):
        assert letter_batch_render_now(batch_id=batch.pk) == "done"


@pytest.fixture
def closed(distinct_ids, party: Party, settings, caplog, smtp_server, tmp_path, answered):
    """A panel answered by 64 members after real fieldwork, closed by the worker."""
    caplog.set_level(logging.DEBUG)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.VAR_DIR = tmp_path / "var"
    earlier_members = set(Member.objects.values_list("id", flat=True))
    panel = national_panel(party, per_branch={"A1": 28, "A2": 20, "B1": 28}, letters=LETTERS)
    panel.reminder_letters, panel.reminder_days = True, [5]
    panel.save(update_fields=["reminder_letters", "reminder_days"])
    secrets = _secrets(panel)
    invitations = list(Invitation.objects.filter(panel=panel).select_related("member"))
    invitations.sort(key=lambda i: i.member_id)
    letters = [i for i in invitations if i.channel == Channel.LETTER]
    emails = [i for i in invitations if i.channel == Channel.EMAIL]
    # Half the letter members answer, so codes are among the submitters too.
    order = letters[: LETTERS // 2] + emails + letters[LETTERS // 2 :]
    submitters, others = order[:SUBMITTERS], order[SUBMITTERS:]
    idle, others = others[0], others[1:]
    # Members with their own story, in pairs: one answers, one does not.
    r_out, r_all, r_refused, r_bounced, r_late = submitters[-5:]
    n_out, n_all, n_refused, n_bounced, n_late = others[:5]
    # Members whose reminder fails, bounces or is deferred: none of them answers.
    rem_refused, rem_deferred, rem_bounced, rem_late = others[5:9]
    assert all(i.channel == Channel.EMAIL for i in [*submitters[-5:], *others[:9]])

    # The invitation mails; two addresses refuse theirs, two bounce, two are delayed.
    for invitation in (r_refused, n_refused):
        smtp_server.refuse[invitation.member.email] = "550 5.1.1 no such user"
    outbox_invite(panel=panel)
    outbox_send_pending()
    for invitation in (r_bounced, n_bounced):
        _bounce(smtp_server, invitation, "postfix_hard.eml")
    for invitation in (r_late, n_late):
        _bounce(smtp_server, invitation, "exim_delay.eml")
    _render_letters(panel)

    for index, invitation in enumerate(submitters):
        submit_for(panel, invitation, varied_answers(index, MARKER.format(index)))
    session = member_session(secrets[idle.pk][0])
    services.draft_save(session=session, answers={"toelichting": DRAFT_MARKER}, page=0)
    for invitation, everything in ((r_out, False), (n_out, False), (r_all, True), (n_all, True)):
        invitation_opt_out(invitation=invitation, everything=everything)

    # Reminder day: e-mails to who has not answered, letters to every letter member.
    smtp_server.refuse[rem_refused.member.email] = "550 5.2.2 mailbox full"
    smtp_server.refuse[rem_deferred.member.email] = "451 4.3.0 try again later"
    reminders_send.call(panel_id=panel.pk, number=1)
    outbox_send_pending()
    _bounce(smtp_server, rem_bounced, "postfix_hard.eml", reminder=True)
    _bounce(smtp_server, rem_late, "exim_delay.eml", reminder=True)
    for batch in LetterBatch.objects.filter(panel=panel, kind="reminder"):
        assert letter_batch_render_now(batch_id=batch.pk) == "done"
    # The story happened (what the reminders' fates may leave is the scan's job).
    fate = dict(
        OutboxMessage.objects.filter(panel=panel, kind="reminder").values_list(
            "invitation_id", "state"
        )
    )
    assert [fate[i.pk] for i in (rem_refused, rem_deferred, rem_late)] == [
        "failed",
        "queued",
        "sent",
    ]
    assert rem_bounced.pk in fate
    assert not {i.pk for i in submitters} & fate.keys()
    delivery = dict(Invitation.objects.filter(panel=panel).values_list("id", "delivery"))
    assert [delivery[i.pk] for i in (r_refused, n_refused, r_bounced, n_bounced)] == [
        "failed",
        "failed",
        "bounced",
        "bounced",
    ]
    new = [i for i in invitations if i.member_id not in earlier_members]
    answered["yes"] = {i.pk for i in new if i in submitters}
    answered["no"] = {i.pk for i in new if i not in submitters}

    panel_transition(panel=panel, action=Action.CLOSE, actor=None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    closing = PanelClosing.objects.get(panel=panel)
    assert closing.stage == CloseStage.DONE
    assert closing.respondents == SUBMITTERS
    markers = [MARKER.format(index) for index in range(SUBMITTERS)] + [DRAFT_MARKER]
    return panel, [s for values in secrets.values() for s in values], markers


# -- with letter runs made (test_letter_batches.py) ---------------------------------


@pytest.fixture
def panel_with_letter_runs(party: Party, django_capture_on_commit_callbacks):
    """Branch A1's open panel: three letter members, invitation and reminder runs made."""
    for number in (3, 4):
        MemberFactory(
            branch=party.branch_a1,
            email="",
            street="Kerkstraat",
            house_number=str(number),
            postcode="1234 AB",
            city="Aa",
        )
    panel = invited_panel_for(party)
    panel.reminder_letters = True
    panel.save(update_fields=["reminder_letters"])
    letters = list(Invitation.objects.filter(panel=panel, channel="letter").order_by("id"))
    submit_for(panel, letters[0], {"meedoen": "eens"})
    with django_capture_on_commit_callbacks(execute=True):
        letter_run_enqueue(panel=panel)
        letter_run_enqueue(panel=panel, kind=MessageKind.REMINDER, number=1)
    assert set(LetterBatch.objects.values_list("state", flat=True)) == {LetterState.DONE}
    return panel, letters


# -- closed, the procedure not run (test_procedure_resume.py) -----------------------


@pytest.fixture
def closed_panel(party: Party):
    """A closed panel whose close procedure has not run (the worker never got to it)."""
    panel = national_panel(party, per_branch={"A1": 12, "B1": 12})
    submit_many(panel, 20)
    panel_transition(panel=panel, action=Action.CLOSE, actor=None)  # on_commit not run
    assert not PanelClosing.objects.filter(panel=panel).exists()
    return panel
