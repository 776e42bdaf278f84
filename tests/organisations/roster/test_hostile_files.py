"""Hostile roster files: a clear error on the web and the command line, never a dead process.

Issue 10, finding 9: one cell at XFD1048576 made calamine ask for 512 GiB
and abort the gunicorn worker (SIGABRT); ``tests/kernel/test_spreadsheets.py``
shows the unguarded abort in a child process.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ledenpanel.cli import main
from ledenpanel.organisations.models import Member, RosterUpload
from ledenpanel.organisations.roster import reading
from ledenpanel.organisations.roster.reading import RosterFileError, read_table
from tests.builders import Party, verified_client
from tests.support import hostile

HEADERS = ("Lidnummer", "Achternaam", "Afdeling")


def refusal(data: bytes, name: str = "leden.xlsx") -> RosterFileError:
    with pytest.raises(RosterFileError) as caught:
        read_table(data, name)
    return caught.value


def test_one_far_cell_is_refused_at_its_row_with_what_to_do() -> None:
    error = refusal(hostile.far_cell(HEADERS))

    assert error.line == 1_048_576
    assert error.message.startswith("Werkblad ‘Leden’ loopt door tot rij 1.048.576;")
    assert "hoogstens 500.000 rijen" in error.message
    assert "Verwijder de rijen onder de gegevens" in error.message


def test_a_far_cell_in_a_near_row_names_its_column() -> None:
    error = refusal(hostile.far_cell_in_a_near_row(HEADERS))

    assert error.line == 1_048_576


def test_a_lying_dimension_is_refused() -> None:
    assert "1.048.576" in refusal(hostile.lying_dimension(HEADERS)).message


def test_a_column_past_the_limit_is_named() -> None:
    rows = hostile.header_row(HEADERS) + '<row r="3"><c r="AMA3"><v>1</v></c></row>'

    error = refusal(hostile.package(hostile.sheet_xml(rows)))

    assert error.line == 3
    assert "kolom AMA" in error.message
    assert "tot en met ALL" in error.message


def test_a_zip_bomb_is_refused_as_one() -> None:
    error = refusal(hostile.zip_bomb(HEADERS))

    assert "xl/worksheets/sheet1.xml" in error.message
    assert "zipbom" in error.message


def test_a_grid_too_large_to_build_is_stopped_in_the_child() -> None:
    error = refusal(hostile.wide_and_deep(HEADERS))

    assert "meer dan 2.048 MB geheugen of 60 seconden" in error.message
    assert "Sla het werkblad op als CSV" in error.message


def test_the_messages_are_translated() -> None:
    with translation.override("en"):
        error = refusal(hostile.far_cell(HEADERS))

    assert error.message.startswith("Sheet ‘Leden’ runs to row 1,048,576;")


def test_a_csv_of_delimiters_is_refused_before_it_is_split() -> None:
    error = refusal(b"Lidnummer;Achternaam\n" + b";" * 5_000_001, "leden.csv")

    assert "meer dan 5.000.000 cellen" in error.message


def test_a_csv_with_too_many_lines_is_refused_at_the_first_one_too_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading, "ROSTER_LIMITS", reading.ROSTER_LIMITS._replace(max_rows=3))

    error = refusal(b"Lidnummer\n1\n2\n3\n", "leden.csv")

    assert error.line == 4
    assert "meer dan 3 regels" in error.message


def test_a_csv_header_with_too_many_columns_asks_about_the_delimiter() -> None:
    error = refusal(b",".join([b"kolom"] * 1_001) + b"\n", "leden.csv")

    assert error.line == 1
    assert "Klopt het scheidingsteken?" in error.message


def test_a_file_past_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        reading, "ROSTER_LIMITS", reading.ROSTER_LIMITS._replace(max_file_bytes=1024 * 1024)
    )

    error = refusal(b"Lidnummer\n" + b"1\n" * 600_000, "leden.csv")

    assert error.message == (
        "Het bestand is 2 MB; een ledenbestand is hoogstens 1 MB. "
        "Splits het bestand of laat kolommen weg die niet nodig zijn."
    )


# --- through the command line and the web ------------------------------------------


@pytest.mark.django_db
def test_import_members_exits_1_with_the_message_not_134(
    party: Party, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "leden.xlsx"
    path.write_bytes(hostile.far_cell(HEADERS))
    before = Member.objects.count()

    assert main(["import-members", str(path)]) == 1

    _out, err = capsys.readouterr()
    assert "regel 1048576: Werkblad ‘Leden’ loopt door tot rij 1.048.576" in err
    assert Member.objects.count() == before


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (hostile.far_cell, "loopt door tot rij 1.048.576"),
        (hostile.zip_bomb, "zipbom"),
        (hostile.wide_and_deep, "meer dan 2.048 MB geheugen"),
    ],
)
def test_the_web_upload_shows_the_error_and_the_worker_lives_on(
    party: Party, coordinator, build, expected: str
) -> None:
    client = verified_client(coordinator)
    upload = SimpleUploadedFile("leden.xlsx", build(HEADERS))

    page = client.post(reverse("organisations:import_members"), {"file": upload})

    assert page.status_code == 200
    assert expected in page.content.decode()
    assert not RosterUpload.objects.exists()
    # The same process serves the next request.
    assert client.get(reverse("organisations:import_members")).status_code == 200
