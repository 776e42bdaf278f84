"""After close, nothing in the database pairs an answer with a member (PostgreSQL).

docs/anonymity.md promises that after a panel closes nobody with the database
can pair a stored answer with a member: not through transaction ids, row
order, columns, keys, small groups or leftovers. This test closes a real
panel through the real worker (the database task queue) with real commits,
then looks at what PostgreSQL keeps: ``xmin`` of every row, the physical
order (``ctid``), the schema, and the text of every row of every table.
"""

from __future__ import annotations

import logging
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from scipy.stats import spearmanr

from ledenpanel.invitations import crypto
from ledenpanel.invitations.models import Channel, Invitation
from ledenpanel.invitations.services import key_store
from ledenpanel.organisations.models import Member
from ledenpanel.panels.lifecycle import Action
from ledenpanel.panels.services import panel_transition
from ledenpanel.responses import services
from ledenpanel.responses.models import CloseStage, PanelClosing, Response
from tests.conftest import Party
from tests.responses.closing_support import answers_for, national_panel, submit_for

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="xmin and ctid are PostgreSQL's: run with DATABASE_URL=postgres://…",
    ),
    pytest.mark.django_db(transaction=True),
]

SUBMITTERS = 64
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
def closed(party: Party, settings, caplog):
    """A panel answered by 64 members, closed by the worker from the database queue."""
    caplog.set_level(logging.DEBUG)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    panel = national_panel(party, per_branch={"A1": 28, "A2": 20, "B1": 28}, letters=4)
    secrets = _secrets(panel)
    invitations = list(Invitation.objects.filter(panel=panel).select_related("member"))
    # Letters first, so codes are among the submitters too.
    invitations.sort(key=lambda i: (i.channel != Channel.LETTER, i.member_id))
    for index, invitation in enumerate(invitations[:SUBMITTERS]):
        submit_for(panel, invitation, answers_for(index, MARKER.format(index)))
    idle = invitations[SUBMITTERS]
    session = services.session_for_secret(secrets[idle.pk][0])
    services.draft_save(session, answers={"toelichting": DRAFT_MARKER}, page=0)

    panel_transition(panel=panel, action=Action.CLOSE, actor=None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    closing = PanelClosing.objects.get(panel=panel)
    assert closing.stage == CloseStage.DONE
    assert closing.respondents == SUBMITTERS
    markers = [MARKER.format(index) for index in range(SUBMITTERS)] + [DRAFT_MARKER]
    return panel, [s for values in secrets.values() for s in values], markers


def test_after_close_nothing_pairs_an_answer_with_a_member(closed, caplog):
    """One closed panel, every property of the promise (setting it up takes ~9 s)."""
    _no_response_shares_a_transaction_id_with_a_row_that_names_a_member(closed)
    _the_order_on_disk_does_not_follow_the_order_of_submitting(closed)
    _no_column_or_key_pairs_a_response_with_a_member(closed)
    _every_band_combination_has_at_least_k_respondents(closed)
    _no_table_holds_a_token_a_code_or_an_answer(closed)
    _the_close_task_stores_no_answer_in_the_queue(closed)
    _the_logs_hold_no_token_code_or_answer(closed, caplog)


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
