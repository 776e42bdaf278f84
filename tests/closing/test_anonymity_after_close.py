"""After close, nothing in the database pairs an answer with a member (PostgreSQL).

docs/anonymity.md promises that after a panel closes nobody with the database
can pair a stored answer with a member: not through transaction ids, row
order, columns, keys, small groups or leftovers. This test closes a real
panel through the real worker (the database task queue) with real commits,
then looks at what PostgreSQL keeps: ``xmin`` of every row, the physical
order (``ctid``), the schema, and the text of every row of every table.

The panel goes through real fieldwork first (the ``closed`` fixture in
conftest.py: invitation mails to a real SMTP server, some refused or
bounced, opt-outs, printed letters, an e-mail and a letter reminder, some of
whose mails fail or bounce), so that every table the close leaves behind is
scanned for anything per member that differs between those who answered and
those who did not (issue 10, findings 2, 7).
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from django.apps import apps
from django.db import connection
from scipy.stats import spearmanr

from ledenpanel.closing.models import PanelClosing
from ledenpanel.invitations.models import Invitation, LetterBatch
from ledenpanel.organisations.models import Member
from ledenpanel.organisations.roster.members import MEMBER_FIELDS
from ledenpanel.responses.models import Response
from tests.support.fieldwork_story import DRAFT_MARKER, INVITATION_IDS, MEMBER_IDS, SUBMITTERS

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="xmin and ctid are PostgreSQL's: run with DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]


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
