"""Follow-up choices keep no time (issue 10, finding 11).

``FollowUpConsent.changed_at`` (auto_now) was set when a member chose on the
thank-you page, right after submitting: a time per member, kept after close,
that said roughly when each member answered. The table now has no column of
any date or time type, in the model or in the database.
"""

from __future__ import annotations

import pytest
from django.db import connection, models

from ledenpanel.followup.models import FollowUpConsent

TIME_FIELDS = (models.DateField, models.DateTimeField, models.TimeField, models.DurationField)


def test_the_model_has_no_time_field() -> None:
    fields = FollowUpConsent._meta.concrete_fields

    assert [f.name for f in fields if isinstance(f, TIME_FIELDS)] == []
    assert {f.name for f in fields} == {"id", "invitation", "keep_informed", "join_network"}


@pytest.mark.django_db
def test_the_table_has_no_time_column() -> None:
    """The migrated table itself, as the database describes it (SQLite and PostgreSQL)."""
    table = FollowUpConsent._meta.db_table
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, table)
    types = {
        column.name: connection.introspection.get_field_type(column.type_code, column)
        for column in description
    }

    assert types.keys() == {"id", "invitation_id", "keep_informed", "join_network"}
    assert not [name for name, kind in types.items() if kind in {f.__name__ for f in TIME_FIELDS}]
