"""After close, nothing in the database pairs an answer with a member (PostgreSQL).

docs/anonymity.md promises that after a panel closes nobody with the database
can pair a stored answer with a member: not through transaction ids, row
order, columns, keys, small groups or leftovers. This test closes a real
panel through the real worker (the database task queue) with real commits,
then looks at what PostgreSQL keeps: ``xmin`` of every row, the physical
order (``ctid``), the schema, and the text of every row of every table.

The panel goes through real fieldwork first (invitation mails to a real SMTP
server, some refused or bounced, opt-outs, printed letters, an e-mail and a
letter reminder, some of whose mails fail or bounce), so that every table
the close leaves behind is scanned for anything per member that differs
between those who answered and those who did not (issue 10, findings 2, 7).
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from scipy.stats import spearmanr

from ledenpanel.closing.models import CloseStage, PanelClosing
from ledenpanel.invitations import crypto
from ledenpanel.invitations.bounces import bounce_parse, bounce_record
from ledenpanel.invitations.letters import letter_batch_render_now, letter_run_enqueue
from ledenpanel.invitations.models import Channel, Invitation, LetterBatch, OutboxMessage
from ledenpanel.invitations.outbox import invitation_opt_out, outbox_invite, reminders_send
from ledenpanel.invitations.outbox_send import outbox_send_pending
from ledenpanel.invitations.services import key_store
from ledenpanel.organisations.models import Member
from ledenpanel.organisations.roster.members import MEMBER_FIELDS
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.services import panel_transition
from ledenpanel.responses import services
from ledenpanel.responses.models import Response
from tests.builders import Party, member_session, national_panel, submit_for, varied_answers
from tests.support.smtp import SmtpServer

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="xmin and ctid are PostgreSQL's: run with DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]

SUBMITTERS = 64
LETTERS = 8  # half of them answer
BOUNCES = Path(__file__).parents[1] / "invitations" / "bounce_mail"
# Member and invitation ids start far from any other number in the database,
# so the scan below can tell a reference to a member from a count or a key.
MEMBER_IDS, INVITATION_IDS = 710_000_000, 720_000_000
MARKER = "ANTWOORD-{:04d}-MARKER"
DRAFT_MARKER = "KLAD-MARKER-1234"


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


def _tables_naming_members() -> list[str]:
    """Member and invitation tables and every table with a key to one of them."""
    targets = {Member, Invitation}
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model in targets:
            tables.add(model._meta.db_table)
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in targets:
                tables.add(model._meta.db_table)
    return sorted(tables)


def _rows_as_text(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT row_to_json(t)::text FROM "{table}" t')  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


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


def test_after_close_nothing_pairs_an_answer_with_a_member(closed, answered, caplog):
    """One closed panel, every property of the promise (setting it up takes ~12 s)."""
    _no_response_shares_a_transaction_id_with_a_row_that_names_a_member(closed)
    _the_order_on_disk_does_not_follow_the_order_of_submitting(closed)
    _no_column_or_key_pairs_a_response_with_a_member(closed)
    _every_band_combination_has_at_least_k_respondents(closed)
    _no_table_holds_a_token_a_code_or_an_answer(closed)
    _the_close_task_stores_no_answer_in_the_queue(closed)
    _the_logs_hold_no_token_code_or_answer(closed, caplog)
    _no_letter_batch_lists_a_member(closed)
    _nothing_left_per_member_tells_who_answered(closed, answered)


def _no_response_shares_a_transaction_id_with_a_row_that_names_a_member(closed):
    panel, _secrets, _markers = closed
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM responses_response WHERE panel_id = %s", [panel.pk]
        )
        xmins = [row[0] for row in cursor.fetchall()]
        assert len(xmins) == 1  # all written in one transaction
        naming = _tables_naming_members()
        assert {"invitations_invitation", "organisations_member"} <= set(naming)
        assert "invitations_followupconsent" in naming
        every_table = connection.introspection.table_names(cursor)
        for table in every_table:
            if table in {"responses_response", "responses_panelclosing"}:
                continue
            cursor.execute(
                f'SELECT count(*) FROM "{table}" WHERE xmin::text = ANY(%s)',  # noqa: S608
                [xmins],
            )
            assert cursor.fetchone()[0] == 0, table


def _the_order_on_disk_does_not_follow_the_order_of_submitting(closed):
    panel, _secrets, _markers = closed
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT answers->>'toelichting' FROM responses_response"
            " WHERE panel_id = %s ORDER BY ctid",
            [panel.pk],
        )
        on_disk = [int(row[0].split("-")[1]) for row in cursor.fetchall()]

    assert sorted(on_disk) == list(range(SUBMITTERS))
    assert on_disk != sorted(on_disk)
    rho = spearmanr(on_disk, range(SUBMITTERS)).statistic
    assert abs(rho) < 0.5


def _no_column_or_key_pairs_a_response_with_a_member(closed):
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, "responses_response"
            )
        }
        constraints = connection.introspection.get_constraints(cursor, "responses_response")

    assert columns == {"id", "panel_id", "answers", "bands", "is_open", "evaluation"}
    foreign = {c["foreign_key"] for c in constraints.values() if c["foreign_key"]}
    assert foreign == {("panels_panel", "id")}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT data_type FROM information_schema.columns"
            " WHERE table_name = 'responses_response' AND column_name = 'id'"
        )
        assert cursor.fetchone()[0] == "uuid"


def _every_band_combination_has_at_least_k_respondents(closed):
    panel, _secrets, _markers = closed
    closing = PanelClosing.objects.get(panel=panel)

    combinations = Counter(
        tuple(sorted(bands.items()))
        for bands in Response.objects.filter(panel=panel, is_open=False).values_list(
            "bands", flat=True
        )
    )

    assert min(combinations.values()) >= closing.min_group
    assert closing.aggregates["has_results"]


def _no_table_holds_a_token_a_code_or_an_answer(closed):
    _panel, secrets, markers = closed
    assert len(secrets) > SUBMITTERS
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult._meta.db_table in tables  # the task queue is searched too
    assert DBTaskResult.objects.exists()
    found = []
    for table in tables:
        for text in _rows_as_text(table):
            for secret in secrets:
                if secret in text:
                    found.append((table, "secret"))
            if table != "responses_response":
                found += [(table, marker) for marker in markers if marker in text]
    assert found == []
    # The answers themselves are where they belong.
    stored = "".join(_rows_as_text("responses_response"))
    assert all(marker in stored for marker in markers[:-1])
    assert DRAFT_MARKER not in stored  # an unsubmitted draft is gone, not kept


def _the_close_task_stores_no_answer_in_the_queue(closed):
    from django_tasks_db.models import DBTaskResult

    panel, _secrets, _markers = closed
    [result] = DBTaskResult.objects.filter(task_path__endswith="panel_close_task")
    assert result.args_kwargs == {"args": [panel.pk], "kwargs": {}}
    assert result.return_value == "done"


def _the_logs_hold_no_token_code_or_answer(closed, caplog):
    _panel, secrets, markers = closed
    records = [r for phase in ("setup", "call") for r in caplog.get_records(phase)]
    text = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in records)
    assert "closed" in text  # the close procedure did log
    assert [s for s in secrets if s in text] == []
    assert [m for m in markers if m in text] == []


def _no_letter_batch_lists_a_member(closed):
    """Transaction B empties every batch (a reminder run once listed the non-responders)."""
    panel, _secrets, _markers = closed
    batches = list(LetterBatch.objects.filter(panel=panel).values_list("kind", "invitation_ids"))
    assert {kind for kind, _ids in batches} == {"invitation", "reminder"}
    assert [ids for _kind, ids in batches] == [[]] * len(batches)


# What may differ per member after close, and why. Everything else in every
# table is compared between members who answered and members who did not.
EXPLAINED_TABLES = {
    # The member's own choices on the thank-you page: kept on purpose, they
    # say that a member took part, never what they answered (docs/anonymity.md).
    "invitations_followupconsent": "follow-up choices",
}
EXPLAINED_COLUMNS = {
    # The roster, as imported: answering never writes a member row. What a
    # member changes (``do_not_contact``) and the row's xmin are compared.
    "organisations_member": (set(MEMBER_FIELDS) - {"do_not_contact"}) | {"in_roster"},
    # The member's background bands at opening (the participation tables'
    # input); set before anyone answered and never written again.
    "invitations_invitation": {"background"},
}


class _References:
    """Finds the panel's invitations a stored value refers to, by any of their ids."""

    def __init__(self, panel) -> None:
        self.numbers: dict[int, int] = {}
        self.strings: dict[str, int] = {}
        for invitation in Invitation.objects.filter(panel=panel).select_related("member"):
            member = invitation.member
            # Far from every other number (``distinct_ids``): a match is no accident.
            assert invitation.pk > INVITATION_IDS
            assert member.pk > MEMBER_IDS
            self.numbers |= {invitation.pk: invitation.pk, member.pk: invitation.pk}
            for value in (
                str(invitation.public_id),
                invitation.public_id.hex,
                invitation.ref,
                invitation.verifier,
                invitation.address_digest,
                str(member.public_id),
                member.public_id.hex,
                member.member_number,
                member.email,
            ):
                if value:
                    self.strings[value.lower()] = invitation.pk
        # Long ids and addresses may sit inside a longer text (a VERP address, an error).
        inside = [value for value in self.strings if len(value) >= 20 or "@" in value]
        self.inside = re.compile(
            "|".join(rf"(?<![\w.+-]){re.escape(v)}(?![\w-])" for v in sorted(inside, key=len)[::-1])
        )

    def shape(self, value: object, found: set[int]) -> object:
        """``value`` with every reference replaced by "<ref>"; references go to ``found``."""
        if isinstance(value, dict):
            return {
                self.shape(str(key), found): self.shape(item, found) for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.shape(item, found) for item in value]
        if isinstance(value, int) and not isinstance(value, bool) and value in self.numbers:
            found.add(self.numbers[value])
            return "<ref>"
        if isinstance(value, str):
            if value.isdigit() and int(value) in self.numbers:
                found.add(self.numbers[int(value)])
                return "<ref>"
            if value.lower() in self.strings:
                found.add(self.strings[value.lower()])
                return "<ref>"

            def replace(match: re.Match) -> str:
                found.add(self.strings[match.group(0).lower()])
                return "<ref>"

            return self.inside.sub(replace, value) if self.inside.search(value) else value
        return value


def _every_row() -> dict[str, list[dict]]:
    """Every row of every table, as JSON, with its ``xmin`` as one more column."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT xmin::text, row_to_json(t)::text FROM "{table}" t')  # noqa: S608
            rows[table] = [{**json.loads(text), "(xmin)": xmin} for xmin, text in cursor]
    return rows


def _identifying(rows: list[dict]) -> set[str]:
    """Columns whose values are all different (keys, times, xmins of rows written one by one).

    Such a value is unique to its row anyway; it is compared only as present
    or absent. Where values repeat, the values themselves are compared.
    """
    columns = set()
    for column in rows[0] if len(rows) > 1 else ():
        values = [
            json.dumps(row[column], sort_keys=True) for row in rows if row[column] is not None
        ]
        if values and len(set(values)) == len(values):
            columns.add(column)
    return columns


def _nothing_left_per_member_tells_who_answered(closed, answered):
    """Every table the close leaves, row by row: nothing per member differs by answering.

    For each invitation, every row in any table that refers to it (by id,
    member id, public id, reference, verifier, member number or e-mail
    address, also inside JSON and text) is reduced to its shape: references
    replaced, unique values (keys, times) reduced to present/absent, the
    explained columns left out, ``xmin`` included. For every shape, the number
    of such rows an invitation has must take the same set of values among
    those who answered as among those who did not. The fixture gives every
    legitimate per-member difference (a refused or bounced invitation, an
    opt-out, no contact at all, letter or e-mail) to one member of each group;
    a reminder's failure, bounce or delay, and a reminder letter run, touch
    members who did not answer only, and must leave no trace.
    """
    panel, _secrets, _markers = closed
    assert len(answered["yes"]) > 50
    assert len(answered["no"]) > 15
    references = _References(panel)
    profiles: dict[int, Counter] = {pk: Counter() for pk in answered["yes"] | answered["no"]}
    for table, rows in _every_row().items():
        if table in EXPLAINED_TABLES or not rows:
            continue
        unique = _identifying(rows)
        for row in rows:
            found: set[int] = set()
            shape = {}
            for column, value in row.items():
                if column in EXPLAINED_COLUMNS.get(table, ()):
                    continue
                shaped = references.shape(value, found)
                shape[column] = (value is not None) if column in unique else shaped
            key = (table, json.dumps(shape, sort_keys=True, default=str))
            for pk in found & profiles.keys():
                profiles[pk][key] += 1

    keys = {key for profile in profiles.values() for key in profile}
    telling = []
    for key in keys:
        yes = {profiles[pk][key] for pk in answered["yes"]}
        no = {profiles[pk][key] for pk in answered["no"]}
        if yes != no:
            telling.append((key[0], key[1][:300], sorted(yes), sorted(no)))
    assert telling == []
    # The scan did look: every member has their invitation and member rows.
    tables = {table for profile in profiles.values() for table, _shape in profile}
    assert {"invitations_invitation", "organisations_member"} <= tables
