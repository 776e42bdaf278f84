"""What a reader of PostgreSQL's write-ahead log sees of answering: never how much.

The attack (issue 10, finding 3): drafts were not padded and envelopes grew in
4 KiB steps, so the WAL (and a replica, and point-in-time backups) held each
member's draft history with its lengths, which paired members with their
responses after close. Now every draft and envelope of a panel has one size.
This test reads the WAL records themselves (``pg_walinspect``) while one
member answers briefly and another writes the most the page allows, and finds
the two histories the same length, record by record.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from ledenpanel.kernel.questionnaire.capacity import TEXT_LIMITS
from ledenpanel.kernel.questionnaire.schema import QuestionType
from ledenpanel.organisations.models import Member
from ledenpanel.responses.models import Draft, Envelope
from tests.builders import Party, open_panel_for, secret_for
from tests.factories import MemberFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="reads PostgreSQL's write-ahead log"
    ),
    pytest.mark.django_db(transaction=True),
]

LONGEST = "\U0001f600" * TEXT_LIMITS[QuestionType.LONG_TEXT]  # 4 bytes a character


def _lsn() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_flush_lsn()::text")
        return cursor.fetchone()[0]


def _relations() -> dict[str, str]:
    """block_ref's "rel spc/db/filenode" for the draft and envelope tables and their TOAST."""
    found = {}
    with connection.cursor() as cursor:
        for model in (Draft, Envelope):
            table = model._meta.db_table
            cursor.execute(
                "SELECT c.relfilenode, t.relfilenode, d.oid, c.reltablespace"
                " FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid,"
                " pg_database d WHERE c.relname = %s AND d.datname = current_database()",
                [table],
            )
            relation, toast, database, _space = cursor.fetchone()
            found[f"/{database}/{relation} "] = table
            found[f"/{database}/{toast} "] = f"{table} (TOAST)"
    return found


def _ciphertext_records(start: str, end: str, relations: dict[str, str]) -> list[tuple]:
    """The TOAST inserts on those tables: (table, record type, length, with a page image).

    Every draft and envelope is longer than PostgreSQL keeps in a row, so its
    ciphertext reaches the WAL as TOAST chunks. A record that carries a full
    page image leaves the chunk out (``wal_level=replica``): its length is
    the page's, not the answer's, so it is marked.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT record_type, record_length, fpi_length, block_ref"
            " FROM pg_get_wal_records_info(%s, %s)"
            " WHERE resource_manager = 'Heap' AND record_type LIKE 'INSERT%%'"
            " ORDER BY start_lsn",
            [start, end],
        )
        rows = cursor.fetchall()
    records = []
    for record_type, length, fpi_length, block_ref in rows:
        table = next((name for key, name in relations.items() if key in block_ref + " "), None)
        if table is not None and table.endswith("(TOAST)"):
            records.append((table, record_type, length, fpi_length > 0))
    return records


def _without_page_images(records: list[tuple]) -> set[tuple]:
    # "INSERT+INIT" is an insert that starts a new page: where a page ends, not how much.
    return {(table, length) for table, _kind, length, image in records if not image}


def _answer(secret: str, text: str) -> None:
    """Save both pages, come back later, then submit: four writes of ciphertext."""
    url = reverse("responses:answer", kwargs={"secret": secret})
    member = Client()
    member.post(url, {"page": "0", "q_meedoen": "eens", "next": "1"})
    member.post(url, {"page": "1", "q_waarom": text, "later": "1"})
    member.post(url, {"page": "1", "q_waarom": text, "next": "1"})
    assert "Dank u wel" in member.post(url, {"page": "1", "submit": "1"}).content.decode()


def test_a_short_and_the_longest_answer_leave_the_same_wal_history(party: Party):
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect")
    warm_up = MemberFactory(branch=party.branch_a1, last_name="Eerst")
    panel = open_panel_for(party)
    relations = _relations()
    _answer(secret_for(panel, warm_up), "Ja.")  # the first writes set up pages; not compared

    histories = []
    for member, text in (
        (party.member_a1, "Ja."),
        (Member.objects.get(last_name="Briefmans"), LONGEST),
    ):
        start = _lsn()
        _answer(secret_for(panel, member), text)
        histories.append(_ciphertext_records(start, _lsn(), relations))

    short, longest = histories
    # Three draft saves, the done note and the envelope: the same number of
    # chunks, and every chunk written without a page image the same length.
    assert len(short) == len(longest) > 5
    assert _without_page_images(short) == _without_page_images(longest)
    assert {table for table, *_rest in short} == {
        "responses_draft (TOAST)",
        "responses_envelope (TOAST)",
    }
    sizes = {len(bytes(row.ciphertext)) for row in Envelope.objects.all()}
    assert len(sizes) == 1
