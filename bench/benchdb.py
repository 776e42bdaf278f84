"""A fresh PostgreSQL database for a benchmark run (the bench scripts share this)."""

from __future__ import annotations

import sys
from urllib.parse import urlsplit


def recreate_postgres(url: str) -> str:
    """Drop and create the database ``url`` names; return its name.

    Only a database whose name contains "bench" is ever dropped, so a
    benchmark pointed at a real database by mistake stops instead.
    """
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"refusing to recreate database {name!r}: its name must contain 'bench'")
    import psycopg

    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return name
