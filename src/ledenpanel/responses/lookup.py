"""The invitation behind a verifier, with its panel, unit and approved version.

Every answering request starts with this lookup. Through the ORM
(``select_related`` over four tables) compiling the query and building the
objects cost 2–3 ms of CPU, many times the database's own work; here the SQL
is built once per process from the models' metadata and the rows become model
instances through ``Model.from_db`` and the fields' database converters, the
hooks the ORM itself uses. The JSON blobs the answering pages never read (the
panel's working copy, the version's definition) are not selected: they are
deferred fields, loaded by Django if anything does read them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Field, Model

from ledenpanel.invitations.models import Invitation
from ledenpanel.organisations.models import Unit
from ledenpanel.panels.models import Panel, QuestionnaireVersion

Converter = Callable[[Any, Any, Any], Any]


@dataclass(frozen=True)
class _Part:
    """One model's columns in the joined row."""

    model: type[Model]
    fields: tuple[Field, ...]
    converters: tuple[tuple[tuple[Converter, ...], Any], ...]

    @property
    def attnames(self) -> list[str]:
        return [field.attname for field in self.fields]

    def build(self, values: tuple[Any, ...]) -> Model:
        converted = []
        for value, (converters, column) in zip(values, self.converters, strict=True):
            for converter in converters:
                value = converter(value, column, connection)
            converted.append(value)
        return self.model.from_db(connection.alias, self.attnames, converted)


def _part(model: type[Model], alias: str, *, skip: frozenset[str] = frozenset()) -> _Part:
    # Concrete-field order: from_db fills the fields left out with DEFERRED.
    fields = tuple(f for f in model._meta.concrete_fields if f.name not in skip)
    converters = []
    for field in fields:
        column = field.get_col(alias)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        converters.append((tuple(found), column))
    return _Part(model, fields, tuple(converters))


@functools.cache
def _query(vendor: str) -> tuple[str, tuple[_Part, ...]]:
    """The SQL and its parts, once per process and database kind."""
    parts = (
        _part(Invitation, "i"),
        _part(Panel, "p", skip=frozenset({"questionnaire"})),
        _part(Unit, "u"),
        _part(QuestionnaireVersion, "v", skip=frozenset({"definition"})),
    )
    quote = connection.ops.quote_name
    columns = ", ".join(
        f"{alias}.{quote(field.column)}"
        for alias, part in zip("ipuv", parts, strict=True)
        for field in part.fields
    )
    table = {model: quote(model._meta.db_table) for model in (Invitation, Panel, Unit)}
    versions = quote(QuestionnaireVersion._meta.db_table)
    # Names from the models' metadata only; the verifier is a parameter.
    sql = (
        f"SELECT {columns} FROM {table[Invitation]} i"  # noqa: S608
        f" JOIN {table[Panel]} p ON p.{quote('id')} = i.{quote('panel_id')}"
        f" JOIN {table[Unit]} u ON u.{quote('id')} = p.{quote('unit_id')}"
        f" LEFT JOIN {versions} v ON v.{quote('id')} = p.{quote('approved_version_id')}"
        f" WHERE i.{quote('verifier')} = %s"
    )
    return sql, parts


def invitation_for_verifier(verifier: str) -> Invitation | None:
    """The invitation with ``panel``, ``panel.unit`` and ``panel.approved_version``
    loaded (the version may be None), or None for an unknown verifier."""
    sql, parts = _query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [verifier])
        row = cursor.fetchone()
    if row is None:
        return None
    built: list[Model | None] = []
    start = 0
    for part in parts:
        values = tuple(row[start : start + len(part.fields)])
        start += len(part.fields)
        built.append(None if values[0] is None else part.build(values))
    invitation, panel, unit, version = built
    assert isinstance(invitation, Invitation)
    assert isinstance(panel, Panel)
    panel.unit = unit
    panel.approved_version = version
    invitation.panel = panel
    return invitation
