"""`ledenpanel import-units` and `ledenpanel import-members` through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledenpanel.cli import main
from ledenpanel.organisations.models import Member, Unit
from tests.builders import Party
from tests.support.rosters import csv_text, member, members_csv

pytestmark = pytest.mark.django_db

KEYS = {"created", "updated", "unchanged", "reactivated", "marked_former", "warnings", "errors"}


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_it_imports_members_and_prints_a_summary(
    party: Party, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "leden.csv", members_csv([member()]))
    assert main(["import-members", path]) == 0
    out, _err = capsys.readouterr()
    assert "1 nieuw" in out
    assert Member.objects.filter(member_number="0012345").exists()


def test_json_prints_only_the_summary_on_stdout(
    party: Party, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [member(), member(Lidnummer="2", **{"E-mailadres": "", "Straat": ""})]
    path = write(tmp_path, "leden.csv", members_csv(rows))
    assert main(["import-members", path, "--json", "--full"]) == 0
    out, _err = capsys.readouterr()
    summary = json.loads(out)
    assert set(summary) == KEYS
    assert (summary["created"], summary["marked_former"]) == (2, 2)
    # Line 1: --full makes both fixture members (100 %) former members.
    assert [(w["line"], w["column"]) for w in summary["warnings"]] == [(1, None), (3, None)]
    assert summary["errors"] == []


def test_it_exits_1_and_lists_errors_on_stderr(
    party: Party, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "leden.csv", members_csv([member(), member(Postcode="12")]))
    assert main(["import-members", path]) == 1
    out, err = capsys.readouterr()
    assert f"{path}:regel 3, kolom Lidnummer: lidnummer 0012345 staat ook op regel 2" in err
    assert f"{path}:regel 3, kolom Postcode: ongeldige postcode '12'" in err
    assert "Niets geïmporteerd: 2 fout(en)" in out
    assert not Member.objects.filter(member_number="0012345").exists()


def test_json_reports_errors_with_line_and_column(
    party: Party, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "leden.csv", members_csv([member(Geboortedatum="31-02-2020")]))
    assert main(["import-members", path, "--json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["created"] == 0
    assert [(e["line"], e["column"]) for e in summary["errors"]] == [(2, "Geboortedatum")]


def test_a_dry_run_says_so_and_writes_nothing(
    party: Party, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "leden.csv", members_csv([member()]))
    assert main(["import-members", path, "--dry-run"]) == 0
    assert "Proefdraai" in capsys.readouterr().out
    assert not Member.objects.filter(member_number="0012345").exists()


def test_it_caps_the_printed_issues(
    party: Party, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [member(Lidnummer=str(n), Postcode="x") for n in range(250)]
    path = write(tmp_path, "leden.csv", members_csv(rows))
    assert main(["import-members", path]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 201
    assert err[-1] == "… en nog 51 meldingen"  # 250 errors and 1 shared-address warning


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("ontbreekt.csv", None, "bestand niet gevonden"),
        ("leden.pdf", b"%PDF\x00\x00", "geen CSV- of XLSX-bestand"),
    ],
)
def test_it_exits_1_on_an_unreadable_file(
    db: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes | None,
    text: str,
) -> None:
    path = str(tmp_path / name) if data is None else write(tmp_path, name, data)
    assert main(["import-members", path]) == 1
    assert text in capsys.readouterr().err
    assert main(["import-members", path, "--json"]) == 1
    assert text in json.loads(capsys.readouterr().out)["errors"][0]["message"]


@pytest.mark.parametrize(
    "argv",
    [
        ["import-members"],
        ["import-members", "a.csv", "--bogus"],
        ["import-units", "a.csv", "--full"],
    ],
)
def test_it_exits_2_on_wrong_usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2


def test_it_imports_units_with_json_output(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["code,name,kind,parent", "G1,Gewest,gewest,NL", "NL,Landelijk,landelijk,"]
    path = write(tmp_path, "eenheden.csv", csv_text(lines))
    assert main(["import-units", path, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert set(summary) == KEYS
    assert (summary["created"], summary["reactivated"], summary["marked_former"]) == (2, 0, 0)
    assert Unit.objects.get(code="G1").parent.code == "NL"
    assert main(["import-units", path]) == 0
    assert "2 ongewijzigd" in capsys.readouterr().out


def test_import_units_reports_errors_on_stderr(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["code,name,kind,parent", "NL,Landelijk,landelijk,", "A1,Afdeling,afdeling,NL"]
    path = write(tmp_path, "eenheden.csv", csv_text(lines))
    assert main(["import-units", path]) == 1
    assert f"{path}:regel 3, kolom parent: " in capsys.readouterr().err
    assert Unit.objects.count() == 0


def test_every_command_family_takes_its_exit_codes_from_one_place() -> None:
    from ledenpanel.cli import analyse, commands, exitcodes, lint, roster

    for module in (analyse, commands, lint, roster):
        assert module.EXIT_OK is exitcodes.EXIT_OK
        assert module.EXIT_INVALID is exitcodes.EXIT_INVALID


def test_it_refuses_full_with_a_file_without_members(
    party: Party, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "leden.csv", members_csv([]))
    assert main(["import-members", path, "--full"]) == 1
    err = capsys.readouterr().err
    assert (
        f"{path}:regel 1: het bestand bevat geen leden; als volledig ledenbestand (--full)" in err
    )
    assert Member.objects.filter(in_roster=True).count() == 2
