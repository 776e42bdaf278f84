"""The `ledenpanel` command: usage errors, start-up refusals, migrations."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from ledenpanel.cli import main
from tests.factories import UserFactory, totp_device_for
from tests.support.commands import run_ledenpanel


def test_wrong_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["no-such-command"])
    assert exit_info.value.code == 2


def test_serve_refuses_the_public_demo_key(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3", "ALLOWED_HOSTS": "example.org"}
    env_without_key = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-m", "ledenpanel.cli", "serve"],
        env={**env_without_key, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "SECRET_KEY is not set" in result.stderr


def test_commands_migrate_the_embedded_database_themselves(tmp_path):
    units = tmp_path / "units.csv"
    units.write_text("code,name,kind,parent\nNL,Landelijk,landelijk,\n", encoding="utf-8")
    result = run_ledenpanel(
        "import-units", str(units), env={"DATABASE_URL": f"sqlite:///{tmp_path}/fresh.sqlite3"}
    )
    assert result.returncode == 0, result.stderr


def test_commands_refuse_an_unmigrated_postgres_database(empty_postgres_database, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text("code,name,kind,parent\nNL,Landelijk,landelijk,\n", encoding="utf-8")
    result = run_ledenpanel(
        "import-units", str(units), env={"DATABASE_URL": empty_postgres_database}
    )
    assert result.returncode == 1
    assert "ledenpanel manage migrate" in result.stderr

    migrate = run_ledenpanel("manage", "migrate", env={"DATABASE_URL": empty_postgres_database})
    assert migrate.returncode == 0, migrate.stderr
    result = run_ledenpanel(
        "import-units", str(units), env={"DATABASE_URL": empty_postgres_database}
    )
    assert result.returncode == 0, result.stderr


def test_add_staff_bootstraps_the_first_coordinator(
    party, smtp_server, capsys, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        code = main(
            [
                "add-staff",
                "Chef@Example.org",
                "--name",
                "Chef Bureau",
                "--unit",
                "NL",
                "--role",
                "coordinator",
                "--print-link",
            ]
        )

    assert code == 0
    link = capsys.readouterr().out.strip()
    assert "/account/password/" in link
    [message] = smtp_server.wait_for(1)
    assert message["To"] == "chef@example.org"
    assert "Het partijbureau heeft u toegevoegd" in message.get_body(("plain",)).get_content()


def test_add_staff_refuses_an_unknown_unit(party, capsys):
    assert (
        main(["add-staff", "a@example.org", "--name", "A", "--unit", "XX", "--role", "coach"]) == 1
    )
    assert "no unit with code 'XX'" in capsys.readouterr().err


def test_add_staff_refuses_a_coordinator_outside_the_national_unit(party, capsys):
    args = ["add-staff", "a@example.org", "--name", "A", "--unit", "A1", "--role", "coordinator"]
    assert main(args) == 1


def test_reset_2fa_removes_the_authenticator_and_mails_a_new_password_link(
    db, smtp_server, django_capture_on_commit_callbacks
):
    user = UserFactory(email="kwijt@example.org")
    totp_device_for(user)

    with django_capture_on_commit_callbacks(execute=True):
        assert main(["reset-2fa", "Kwijt@example.org"]) == 0

    user.refresh_from_db()
    assert not user.has_usable_password()
    assert not TOTPDevice.objects.filter(user=user).exists()
    [message] = smtp_server.wait_for(1)
    assert "/account/password/" in message.get_body(("plain",)).get_content()


def test_reset_2fa_refuses_an_unknown_account(db, capsys):
    assert main(["reset-2fa", "niemand@example.org"]) == 1


def test_manage_with_an_unknown_command_is_wrong_usage(capsys):
    assert main(["manage", "no-such-django-command"]) == 2
    assert "unknown command" in capsys.readouterr().err


def test_demo_refuses_a_postgres_database(monkeypatch, capsys):
    from ledenpanel.cli import commands as cli

    monkeypatch.setattr(cli, "_is_sqlite", lambda: False)
    monkeypatch.setenv("LEDENPANEL_DEMO", "")  # main() sets it; restored afterwards
    assert main(["demo"]) == 2
    assert "embedded SQLite database only" in capsys.readouterr().err


def test_demo_points_links_at_the_port_it_serves(demo_without_servers, capsys):
    main(["demo", "--port", "8311"])

    commands = [" ".join(command) for command, _ in demo_without_servers]
    assert any("--bind 127.0.0.1:8311" in command for command in commands), commands
    assert any("db_worker" in command for command in commands), commands
    # The web server and the worker, which writes the invitation mails.
    assert [env.get("SITE_URL") for _, env in demo_without_servers] == ["http://127.0.0.1:8311"] * 2


def test_demo_keeps_a_configured_site_url(demo_without_servers, monkeypatch, capsys):
    monkeypatch.setenv("SITE_URL", "https://panel.example.org")

    main(["demo", "--port", "8311"])

    assert [env.get("SITE_URL") for _, env in demo_without_servers] == [
        "https://panel.example.org"
    ] * 2


@pytest.mark.parametrize("debug", [None, "1"])
def test_the_demo_loads_without_debug_and_hands_debug_on_unchanged(debug, tmp_path):
    """The loading process starts with DEBUG off; its servers inherit the environment as it was."""
    probe = (
        "import os\n"
        "from ledenpanel.cli.commands import _setup_django_without_debug\n"
        "_setup_django_without_debug()\n"
        "from django.conf import settings\n"
        "print(settings.DEBUG, os.environ.get('DEBUG'))\n"
    )
    env = {**os.environ, "LEDENPANEL_VAR_DIR": str(tmp_path), "LEDENPANEL_DEMO": "1"}
    env.pop("DEBUG", None)
    if debug is not None:
        env["DEBUG"] = debug
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )

    assert done.stdout.split() == ["False", str(debug)]
