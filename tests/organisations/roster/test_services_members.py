"""roster_members_import: writes, all-or-nothing, dry run, re-import, --full."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ledenpanel.organisations.models import Member, MemberStatus
from ledenpanel.organisations.roster import services
from ledenpanel.organisations.roster.services import roster_members_import
from tests.builders import Party, open_panel_for, secret_for
from tests.factories import MemberFactory
from tests.support.rosters import member, members_csv, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(*rows: dict[str, str], full: bool = False, dry_run: bool = False, **kwargs: object):
    data = members_csv(list(rows), **kwargs)  # type: ignore[arg-type]
    return roster_members_import(data=data, filename="leden.csv", full=full, dry_run=dry_run)


def snapshot() -> list[tuple[object, ...]]:
    return list(
        Member.objects.order_by("member_number").values_list(
            "member_number", "last_name", "email", "in_roster", "status", "updated_at"
        )
    )


def test_it_creates_members_with_every_field(party: Party) -> None:
    report = run(
        member(Voornaam="Çağla", Achternaam="Yılmaz", Netwerken="N1"),
        member(Lidnummer="0000007", Afdeling="Afdeling Ba", **{"E-mailadres": "b@example.nl"}),
    )
    assert report.errors == []
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    anna = Member.objects.get(member_number="0012345")
    assert (anna.first_name, anna.infix, anna.last_name) == ("Çağla", "de", "Yılmaz")
    assert anna.birth_date == dt.date(1970, 3, 15)
    assert anna.member_since == dt.date(2015, 2, 1)
    assert (anna.gender, anna.postcode, anna.house_number) == ("V", "1234 AB", "12a")
    assert (anna.branch, anna.status, anna.in_roster) == (party.branch_a1, "active", True)
    assert anna.do_not_contact is False
    assert list(anna.groups.all()) == [party.network]
    assert anna.public_id
    assert anna.created_at == anna.updated_at
    assert Member.objects.get(member_number="0000007").branch == party.branch_b1


def test_it_imports_a_workbook_keeping_leading_zeros(party: Party) -> None:
    data = xlsx_bytes(
        [
            ["Lidnummer", "Achternaam", "Afdeling", "Geboortedatum", "Postcode"],
            ["000123", "Jansen", "A1", dt.date(1960, 5, 4), "1234ab"],
            [],
            [4567, "Şahin", "B1", "04-05-1961", ""],
        ]
    )
    report = roster_members_import(data=data, filename="leden.xlsx")
    assert report.errors == []
    assert report.created == 2
    jansen = Member.objects.get(member_number="000123")
    assert (jansen.birth_date, jansen.postcode) == (dt.date(1960, 5, 4), "1234 AB")
    assert Member.objects.get(member_number="4567").last_name == "Şahin"


def test_it_reports_errors_at_excel_row_numbers(party: Party) -> None:
    data = xlsx_bytes([["Lidnummer", "Achternaam", "Afdeling"], [1, "A", "A1"], [], [2, "B", "ZZ"]])
    report = roster_members_import(data=data, filename="leden.xlsx")
    assert [(e.line, e.column) for e in report.errors] == [(4, "Afdeling")]


def test_it_imports_nothing_when_one_row_is_wrong(party: Party) -> None:
    before = snapshot()
    report = run(member(), member(Lidnummer="2", Postcode="nope"))
    assert [(e.line, e.column) for e in report.errors] == [(3, "Postcode")]
    assert (report.created, report.updated) == (0, 0)
    assert snapshot() == before


def test_a_dry_run_reports_counts_but_writes_nothing(party: Party) -> None:
    before = snapshot()
    report = run(member(), member(Lidnummer=party.member_b1.member_number), dry_run=True, full=True)
    assert (report.created, report.updated, report.marked_former) == (1, 1, 1)
    assert report.dry_run
    assert snapshot() == before


def test_a_second_import_of_the_same_file_changes_nothing(party: Party) -> None:
    rows = [member(Netwerken="N1"), member(Lidnummer="2", **{"E-mailadres": "x@example.nl"})]
    first = run(*rows)
    assert first.created == 2
    before = snapshot()
    second = run(*rows, full=True)
    assert (second.created, second.updated, second.unchanged, second.reactivated) == (0, 0, 2, 0)
    assert second.marked_former == 2  # the fixture's own members are not in the file
    assert [row[:5] for row in snapshot() if row[0] in {"0012345", "2"}] == [
        row[:5] for row in before if row[0] in {"0012345", "2"}
    ]


def test_it_updates_changed_fields_and_keeps_absent_columns(party: Party) -> None:
    existing = party.member_a1
    existing.municipality = "Zeist"
    existing.do_not_contact = True
    existing.save()
    row = {
        "Lidnummer": existing.member_number,
        "Achternaam": "Nieuw",
        "Afdeling": "A2",
        "Woonplaats": "Amersfoort",
    }
    report = run(row)
    assert (report.updated, report.unchanged) == (1, 0)
    existing.refresh_from_db()
    assert (existing.last_name, existing.branch, existing.city) == (
        "Nieuw",
        party.branch_a2,
        "Amersfoort",
    )
    assert existing.municipality == "Zeist"
    assert existing.do_not_contact is True  # no column: an opt-out is never lost
    assert list(existing.groups.all()) == [party.network]  # no groups column: kept


def test_it_replaces_groups_when_the_column_is_present(party: Party) -> None:
    existing = party.member_a1
    row = {"Lidnummer": existing.member_number, "Achternaam": existing.last_name, "Afdeling": "A1"}
    report = run({**row, "Netwerken": ""})
    assert report.updated == 1
    assert list(existing.groups.all()) == []
    report = run({**row, "Netwerken": "N1"})
    assert report.updated == 1
    assert list(existing.groups.all()) == [party.network]


def test_it_reactivates_returning_members(party: Party) -> None:
    gone, ended = party.member_a1, party.member_b1
    gone.in_roster = False
    gone.save()
    ended.status = MemberStatus.ENDED
    ended.save()
    rows = [
        {"Lidnummer": gone.member_number, "Achternaam": gone.last_name, "Afdeling": "A1"},
        {
            "Lidnummer": ended.member_number,
            "Achternaam": ended.last_name,
            "Afdeling": "B1",
            "Status": "actief",
        },
    ]
    report = run(*rows, headers=["Lidnummer", "Achternaam", "Afdeling", "Status"])
    assert (report.reactivated, report.updated, report.unchanged) == (2, 0, 0)
    gone.refresh_from_db()
    ended.refresh_from_db()
    assert (gone.in_roster, gone.status) == (True, "active")
    assert (ended.in_roster, ended.status) == (True, "active")


def short(member: Member, code: str, **extra: str) -> dict[str, str]:
    return {
        "Lidnummer": member.member_number,
        "Achternaam": member.last_name,
        "Afdeling": code,
        **extra,
    }


def test_it_never_revives_a_deceased_member_without_a_status_column(party: Party) -> None:
    deceased = party.member_a1
    deceased.status = MemberStatus.DECEASED
    deceased.in_roster = False
    deceased.save()
    report = run(short(deceased, "A1"), member())
    assert (report.reactivated, report.created) == (1, 1)  # back in the roster
    deceased.refresh_from_db()
    assert (deceased.in_roster, deceased.status) == (True, "deceased")
    assert run(short(deceased, "A1")).unchanged == 1


def test_it_keeps_an_ended_membership_without_a_status_column(party: Party) -> None:
    ended = party.member_b1
    ended.status = MemberStatus.ENDED
    ended.save()
    report = run(short(ended, "B1"))
    assert (report.reactivated, report.updated, report.unchanged) == (0, 0, 1)
    ended.refresh_from_db()
    assert ended.status == "ended"


def test_it_keeps_the_stored_status_for_an_empty_status_cell(party: Party) -> None:
    deceased = party.member_a1
    deceased.status = MemberStatus.DECEASED
    deceased.save()
    report = run(short(deceased, "A1", Status=""), member(Status=""))
    assert (report.created, report.updated, report.unchanged, report.reactivated) == (1, 0, 1, 0)
    deceased.refresh_from_db()
    assert deceased.status == "deceased"
    assert Member.objects.get(member_number="0012345").status == "active"


def test_it_makes_a_deceased_member_active_only_when_the_file_says_actief(party: Party) -> None:
    deceased = party.member_a1
    deceased.status = MemberStatus.DECEASED
    deceased.save()
    report = run(short(deceased, "A1", Status="actief"))
    assert (report.updated, report.reactivated) == (1, 0)  # a correction, not a return
    deceased.refresh_from_db()
    assert deceased.status == "active"


def test_it_imports_nothing_from_a_row_with_text_beyond_the_last_column(party: Party) -> None:
    before = snapshot()
    data = members_csv([member()]) + b"0000009;Jan;;Jansen;;;;;;;;;A1;;;actief;nee;extra\r\n"
    report = roster_members_import(data=data, filename="leden.csv")
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (3, None, "18 cellen, de kopregel heeft er 17")
    ]
    assert report.created == 0
    assert snapshot() == before


def test_it_accepts_trailing_empty_cells_from_spreadsheet_exports(party: Party) -> None:
    data = members_csv([member()]).replace(b"\r\n", b";;\r\n")
    report = roster_members_import(data=data, filename="leden.csv")
    assert report.errors == []
    assert report.created == 1


def test_full_marks_missing_members_as_former_and_keeps_their_data(party: Party) -> None:
    report = run(member(), full=True)
    assert (report.created, report.marked_former) == (1, 2)
    former = Member.objects.get(pk=party.member_a1.pk)
    assert former.in_roster is False
    assert former.last_name == "Aalders"
    again = run(member(), full=True)
    assert again.marked_former == 0


def test_it_refuses_full_with_a_file_without_members(party: Party) -> None:
    before = snapshot()
    for dry_run in (True, False):
        report = run(full=True, dry_run=dry_run)
        assert [(e.line, e.column, e.message) for e in report.errors] == [
            (
                1,
                None,
                "het bestand bevat geen leden; als volledig ledenbestand (--full) zou "
                "iedereen oud-lid worden",
            )
        ]
        assert report.marked_former == 0
    assert snapshot() == before
    assert run().errors == []  # without --full an empty file just does nothing


def test_it_warns_when_full_would_mark_over_a_quarter_as_former(party: Party) -> None:
    report = run(member(), short(party.member_a1, "A1"), full=True, dry_run=True)
    assert report.marked_former == 1
    assert [(w.line, w.column, w.message) for w in report.warnings if w.line == 1] == [
        (
            1,
            None,
            "1 van de 2 leden (50 %) staan niet in het bestand en worden oud-lid; "
            "controleer of dit het volledige ledenbestand is",
        )
    ]
    assert report.errors == []


def test_it_does_not_warn_when_full_marks_a_quarter_or_less_as_former(party: Party) -> None:
    for number in range(2):
        MemberFactory(branch=party.branch_a1, member_number=f"9{number}")
    listed = [short(m, "A1") for m in Member.objects.exclude(pk=party.member_b1.pk)]
    report = run(*listed, full=True)
    assert report.marked_former == 1  # 1 of 4
    assert [w for w in report.warnings if w.line == 1] == []


def test_without_full_missing_members_stay(party: Party) -> None:
    report = run(member())
    assert report.marked_former == 0
    assert Member.objects.filter(in_roster=True).count() == 3


def test_it_reports_an_unreadable_file_as_an_error(party: Party) -> None:
    report = roster_members_import(data=b"\x00\x01binary", filename="leden.csv")
    assert [(e.line, e.column) for e in report.errors] == [(1, None)]
    assert "geen CSV" in report.errors[0].message


def test_its_report_has_the_documented_json_shape(party: Party) -> None:
    report = run(member(**{"E-mailadres": "", "Straat": ""}))
    assert report.to_dict() == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "reactivated": 0,
        "marked_former": 0,
        "warnings": [{"line": 2, "column": None, "message": report.warnings[0].message}],
        "errors": [],
    }


def test_it_calls_progress_up_to_the_total(party: Party) -> None:
    calls: list[tuple[int, int]] = []
    data = members_csv([member()])
    roster_members_import(data=data, filename="l.csv", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1]


def _sql(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries.captured_queries]


def test_it_validates_a_dry_run_without_opening_a_transaction(party: Party) -> None:
    with CaptureQueriesContext(connection) as queries:
        report = run(member(), full=True, dry_run=True)
    assert report.created == 1
    statements = _sql(queries)
    assert not [sql for sql in statements if "SAVEPOINT" in sql or "advisory" in sql]
    assert not [sql for sql in statements if sql.startswith(("INSERT", "UPDATE", "DELETE"))]


def test_it_reads_and_plans_before_the_write_transaction(party: Party) -> None:
    with CaptureQueriesContext(connection) as queries:
        report = run(member(), short(party.member_a1, "A2"), full=True)
    assert (report.created, report.updated, report.marked_former) == (1, 1, 1)
    statements = _sql(queries)
    # Inside the test's transaction, the import's atomic block is a savepoint.
    begin = next(i for i, sql in enumerate(statements) if sql.startswith("SAVEPOINT"))
    reads = [i for i, sql in enumerate(statements) if "member_number" in sql and "SELECT" in sql]
    writes = [i for i, sql in enumerate(statements) if sql.startswith(("INSERT", "UPDATE"))]
    assert reads[0] < begin < writes[0]
    if connection.vendor == "postgresql":
        assert "pg_advisory_xact_lock" in statements[begin + 1]


def test_it_plans_again_when_another_import_got_in_between(
    party: Party, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member created after planning (say, by a concurrent import) is updated, not
    inserted twice."""
    real_lock = services._lock_imports

    def lock_after_a_concurrent_import() -> None:
        MemberFactory(branch=party.branch_b1, member_number="0012345", last_name="Ander")
        real_lock()

    monkeypatch.setattr(services, "_lock_imports", lock_after_a_concurrent_import)
    report = run(member(), full=True)
    assert report.errors == []
    assert (report.created, report.updated, report.marked_former) == (0, 1, 2)
    assert Member.objects.get(member_number="0012345").last_name == "Vries"


# --- Geen contact: the roster may add a refusal, never undo the member's own --


def _no_contact_row(target: Member, value: str) -> dict[str, str]:
    return {
        "Lidnummer": target.member_number,
        "Achternaam": target.last_name,
        "Afdeling": target.branch.code,
        "Geen contact": value,
    }


def test_a_members_own_refusal_survives_a_roster_that_says_contact_is_fine(
    party: Party,
) -> None:
    panel = open_panel_for(party)
    opt_out_url = reverse(
        "invitations:opt_out", kwargs={"secret": secret_for(panel, party.member_a1)}
    )
    assert Client().post(opt_out_url, {"choice": "all"}).status_code == 200

    report = run(_no_contact_row(party.member_a1, "nee"))

    assert report.errors == []
    party.member_a1.refresh_from_db()
    assert party.member_a1.do_not_contact is True
    assert not party.member_a1.can_be_invited
    assert (report.updated, report.unchanged) == (0, 1)


def test_a_roster_refusal_is_lifted_by_a_later_roster_when_the_member_never_refused(
    party: Party,
) -> None:
    run(_no_contact_row(party.member_a1, "ja"))
    party.member_a1.refresh_from_db()
    assert party.member_a1.do_not_contact is True

    report = run(_no_contact_row(party.member_a1, "nee"))

    assert report.updated == 1
    party.member_a1.refresh_from_db()
    assert party.member_a1.do_not_contact is False
    assert party.member_a1.can_be_invited
