"""A backup restores: members deleted after the backup come back."""

from __future__ import annotations

import pytest

from ledenpanel.cli import main
from ledenpanel.organisations.models import Member
from tests.factories import MemberFactory


@pytest.mark.django_db(transaction=True)
def test_it_restores_a_backup_after_data_was_lost(tmp_path):
    MemberFactory(last_name="Jansen")
    MemberFactory(last_name="de Jong")
    backup = tmp_path / "ledenpanel.backup"

    assert main(["backup", str(backup)]) == 0
    Member.objects.all().delete()
    assert Member.objects.count() == 0

    assert main(["restore", str(backup), "--yes"]) == 0

    assert sorted(Member.objects.values_list("last_name", flat=True)) == ["Jansen", "de Jong"]


@pytest.mark.django_db
def test_restore_refuses_without_confirmation(tmp_path, capsys):
    assert main(["restore", str(tmp_path / "x.backup")]) == 2
    assert "--yes" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_restore_reports_a_missing_file(tmp_path, capsys):
    assert main(["restore", str(tmp_path / "missing.backup"), "--yes"]) == 1
    assert "no such backup file" in capsys.readouterr().err
