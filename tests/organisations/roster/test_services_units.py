"""roster_units_import: the tree rules, parents later in the file, re-import."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ledenpanel.organisations.models import Unit
from ledenpanel.organisations.roster import services
from ledenpanel.organisations.roster.services import roster_units_import
from tests.builders import Party
from tests.support.rosters import csv_text

pytestmark = pytest.mark.django_db

TREE = [
    "code,name,kind,parent",
    "A9,Afdeling Negen,afdeling,G9",
    "G9,Gewest Negen,gewest,NL",
    "NL,Landelijk,landelijk,",
    "W9,Werkgroep Water,werkgroep,A9",
]


def run(lines: list[str], dry_run: bool = False):
    return roster_units_import(data=csv_text(lines), filename="eenheden.csv", dry_run=dry_run)


def tree() -> dict[str, tuple[str, str, str | None]]:
    return {
        code: (name, kind, parent)
        for code, name, kind, parent in Unit.objects.values_list(
            "code", "name", "kind", "parent__code"
        )
    }


def test_it_creates_a_tree_whose_parents_come_later_in_the_file(db: None) -> None:
    report = run(TREE)
    assert report.errors == []
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    assert tree() == {
        "NL": ("Landelijk", "landelijk", None),
        "G9": ("Gewest Negen", "gewest", "NL"),
        "A9": ("Afdeling Negen", "afdeling", "G9"),
        "W9": ("Werkgroep Water", "werkgroep", "A9"),
    }


def test_a_re_import_updates_names_and_parents_by_code(db: None) -> None:
    run(TREE)
    report = run(
        [
            *TREE[:3],
            "G8,Gewest Acht,gewest,NL",
            "NL,Landelijke Partij,landelijk,",
            "W9,Werkgroep Water,werkgroep,G8",
        ]
    )
    assert (report.created, report.updated, report.unchanged) == (1, 2, 2)
    assert tree()["NL"][0] == "Landelijke Partij"
    assert tree()["W9"][2] == "G8"
    again = run(TREE)
    assert (again.created, again.updated, again.unchanged) == (0, 2, 2)


def test_a_dry_run_writes_nothing(db: None) -> None:
    report = run(TREE, dry_run=True)
    assert report.created == 4
    assert Unit.objects.count() == 0


def test_it_adds_units_under_existing_ones(party: Party) -> None:
    report = run(["code,naam,soort,bovenliggende eenheid", "A3,Afdeling Ac,afdeling,G1"])
    assert report.errors == []
    assert tree()["A3"] == ("Afdeling Ac", "afdeling", "G1")


@pytest.mark.parametrize(
    ("line", "column", "text"),
    [
        ("A5,Afdeling,afdeling,NL", "parent", "moet onder een gewest vallen"),
        ("G5,Gewest,gewest,G1", "parent", "moet onder een landelijk vallen"),
        ("A5,Afdeling,afdeling,XX", "parent", "onbekende bovenliggende eenheid"),
        ("A5,Afdeling,afdeling,", "parent", "moet onder een andere eenheid vallen"),
        ("N5,Netwerk,netwerk,", "parent", "moet onder een andere eenheid vallen"),
        ("NL2,Tweede,landelijk,", "kind", "maar één landelijke eenheid"),
        ("A5,Afdeling,fanclub,G1", "kind", "onbekende soort"),
        ("A1,Afdeling Aa,gewest,NL", "kind", "kan niet veranderen"),
        ("A1,Afdeling Aa,afdeling,G1\nA1,Dubbel,afdeling,G1", "code", "staat ook op regel 2"),
        (",Zonder code,afdeling,G1", "code", "verplicht"),
        ("A5,,afdeling,G1", "name", "verplicht"),
    ],
)
def test_it_reports_tree_errors_with_line_and_column(
    party: Party, line: str, column: str, text: str
) -> None:
    before = tree()
    report = run(["code,name,kind,parent", *line.split("\n")])
    assert len(report.errors) == 1, report.errors
    error = report.errors[0]
    assert (error.line, error.column) == (1 + len(line.split("\n")), column)
    assert text in error.message
    assert tree() == before


def test_it_refuses_a_cycle_of_groups(party: Party) -> None:
    report = run(["code,name,kind,parent", "W1,Een,werkgroep,W2", "W2,Twee,werkgroep,W1"])
    assert {(e.line, e.column) for e in report.errors} == {(2, "parent"), (3, "parent")}
    assert "kring" in report.errors[0].message


def test_it_needs_a_national_unit(db: None) -> None:
    report = run(["code,name,kind,parent", "G1,Gewest,gewest,"])
    assert [(e.line, e.column) for e in report.errors] == [(1, None), (2, "parent")]
    assert "geen landelijke eenheid" in report.errors[0].message
    report = run(["code,name,kind,parent", "W1,Groep,werkgroep,W2", "W2,Groep 2,werkgroep,W1"])
    assert any("geen landelijke eenheid" in e.message for e in report.errors)


def test_it_reports_a_missing_header(db: None) -> None:
    report = run(["code,name", "NL,Landelijk"])
    assert [(e.line, e.column) for e in report.errors] == [(1, None)]
    assert "kind" in report.errors[0].message


def test_it_validates_again_under_the_lock_when_units_changed_in_between(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_lock = services._lock_imports

    def lock_after_a_concurrent_import() -> None:
        Unit.objects.create(code="NL", name="Oud landelijk", kind="landelijk")
        real_lock()

    monkeypatch.setattr(services, "_lock_imports", lock_after_a_concurrent_import)
    report = run(TREE)
    assert report.errors == []
    assert (report.created, report.updated) == (3, 1)
    assert tree()["NL"] == ("Landelijk", "landelijk", None)


def test_it_validates_a_dry_run_without_opening_a_transaction(db: None) -> None:
    with CaptureQueriesContext(connection) as queries:
        report = run(TREE, dry_run=True)
    assert report.created == 4
    assert not [q["sql"] for q in queries.captured_queries if "SAVEPOINT" in q["sql"]]
