"""Benchmark: import a 50,000-member roster, then re-import it unchanged.

Target (from the roster import issue): validating and importing 50,000 rows
takes under 15 s on a 2-core machine, on SQLite and on PostgreSQL.

    .venv/bin/python bench/import_members.py                      # SQLite (fresh file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledenpanel_bench \\
        .venv/bin/python bench/import_members.py                  # PostgreSQL

A PostgreSQL database is dropped and created afresh, so its name must contain
"bench". A third run changes every member (the update path). The last line is
``BENCH import_members rows=… seconds=… reimport_seconds=… update_seconds=… db=…``.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from benchdb import recreate_postgres

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
TARGET_SECONDS = 15.0


def _prepare_database() -> str:
    """Point Django at a fresh database; return its vendor name."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        path = BENCH_DIR / "import_members.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        return "sqlite"
    parts = urlsplit(url)
    if parts.scheme.startswith("postgres"):
        recreate_postgres(url)
        return "postgresql"
    return parts.scheme


def _csv(rows: list[dict[str, str]], delimiter: str, bom: bool) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def _files(members: int, seed: int) -> tuple[bytes, bytes]:
    from ledenpanel.demo.generator import (
        generate_party,
        members_csv_bytes,
        units_csv_bytes,
    )

    party = generate_party(members=members, seed=seed)
    return units_csv_bytes(party), members_csv_bytes(party)


def _expect(condition: bool, report: object) -> None:
    if not condition:
        sys.exit(f"unexpected import result: {str(report)[:2000]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="cProfile the first import")
    args = parser.parse_args()

    db = _prepare_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledenpanel.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from ledenpanel.organisations.roster.services import (
        roster_members_import,
        roster_units_import,
    )

    call_command("migrate", interactive=False, verbosity=0)
    units_data, members_data = _files(args.rows, args.seed)
    path = BENCH_DIR / "members.csv"
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path.write_bytes(members_data)
    print(
        f"generated {args.rows} demo members, {len(members_data) / 1e6:.1f} MB",
        file=sys.stderr,
    )

    units_report = roster_units_import(data=units_data, filename="units.csv")
    _expect(units_report.ok, units_report)

    def run() -> tuple[float, object]:
        started = time.perf_counter()
        report = roster_members_import(data=path.read_bytes(), filename=path.name, full=True)
        return time.perf_counter() - started, report

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        seconds, report = run()
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    else:
        seconds, report = run()
    _expect(report.ok and report.created == args.rows, report)
    print(
        f"first import: {report.created} created, {len(report.warnings)} warnings, {seconds:.2f} s",
        file=sys.stderr,
    )

    reimport_seconds, again = run()
    _expect(again.ok and again.unchanged == args.rows, again)
    print(f"re-import: {again.unchanged} unchanged, {reimport_seconds:.2f} s", file=sys.stderr)
    # Every member changed (a new street name): the update path.
    text = members_data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    changed = [{**row, "Straat": row["Straat"] + " Oost"} for row in reader]
    path.write_bytes(_csv(changed, ";", bom=True))
    update_seconds, updated = run()
    _expect(updated.ok and updated.updated == args.rows, updated)
    print(f"update: {updated.updated} updated, {update_seconds:.2f} s", file=sys.stderr)
    slowest = max(seconds, reimport_seconds, update_seconds)
    verdict = "OK" if slowest < TARGET_SECONDS else "SLOWER THAN TARGET"
    print(f"target < {TARGET_SECONDS:.0f} s: {verdict}", file=sys.stderr)
    print(
        f"BENCH import_members rows={args.rows} seconds={seconds:.2f} "
        f"reimport_seconds={reimport_seconds:.2f} update_seconds={update_seconds:.2f} db={db}"
    )


if __name__ == "__main__":
    main()
