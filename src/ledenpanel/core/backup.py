"""Back up and restore the whole database: SQLite online backup or PostgreSQL dump.

A backup holds members' personal data and, later, sealed answers: store it
encrypted and with the same care as the database (see README, "Backups").
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, connections


class BackupError(RuntimeError):
    pass


def _postgres_env() -> tuple[dict[str, str], str]:
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings.get(key):
            env[variable] = str(settings[key])
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return env, str(settings["NAME"])


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup_database(*, destination: Path) -> None:
    """Write a consistent copy of the live database to ``destination``."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        # SQLite's online backup API: consistent while the app keeps running.
        source = sqlite3.connect(str(connection.settings_dict["NAME"]))
        target = sqlite3.connect(str(destination))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    env, name = _postgres_env()
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={destination}", name], env)


def restore_database(*, source: Path) -> None:
    """Replace the database's contents with the backup in ``source``.

    Stop the web servers and workers first: restoring under live traffic mixes
    old and new data.
    """
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file.")
    connections.close_all()
    if connection.vendor == "sqlite":
        backup = sqlite3.connect(str(source))
        live = sqlite3.connect(str(connection.settings_dict["NAME"]))
        try:
            backup.backup(live)
        finally:
            live.close()
            backup.close()
        return
    env, name = _postgres_env()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={name}",
            str(source),
        ],
        env,
    )
