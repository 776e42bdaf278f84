"""Benchmark: 42,000 invitations through the outbox, with the worker killed midway.

Target (invitations issue): a real SMTP server (aiosmtpd) on loopback receives
a run of 42,000 invitations in under 120 s end to end on a 2-core machine;
after a forced worker kill (SIGKILL) midway and a restart, no member is
missed and duplicates stay within the stated bound (``MAIL_BATCH_SIZE`` ×
``MAIL_CONNECTIONS`` per killed worker), each a copy with the same ``Message-ID``.

    .venv/bin/python bench/mailout.py                      # SQLite (fresh file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledenpanel_bench_mail \\
        .venv/bin/python bench/mailout.py                  # PostgreSQL

A PostgreSQL database is dropped and created afresh, so its name must contain
"bench". The worker is the real one (``ledenpanel manage db_worker``) in a
subprocess; the rate limit is off. "seconds" runs from the commit that
queues the invitations until the last one is received, kill and restart
included. The last line is ``BENCH mailout invitations=… seconds=…
per_second=… duplicates=… bound=… missed=…``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from benchdb import recreate_postgres

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 120.0
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.IGNORECASE | re.MULTILINE)


class Counter:
    """The SMTP sink: counts what arrives, by Message-ID and recipient."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[tuple[bytes, tuple[str, ...]]] = []

    async def handle_DATA(self, server, session, envelope):
        found = MESSAGE_ID.search(envelope.content)
        with self.lock:
            self.received.append((found.group(1) if found else b"", tuple(envelope.rcpt_tos)))
        return "250 OK"

    def count(self) -> int:
        return len(self.received)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _prepare_environment(workdir: Path, args: argparse.Namespace, port: int) -> str:
    url = os.environ.get("DATABASE_URL")
    db = "sqlite"
    if url:
        recreate_postgres(url)
        db = "postgresql"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'mailout.sqlite3'}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "ledenpanel.config.settings",
            "LEDENPANEL_VAR_DIR": str(workdir / "var"),
            "LEDENPANEL_KEY_DIR": str(workdir / "keys"),
            "LEDENPANEL_MAIL_RATE": str(args.rate),
            "LEDENPANEL_MAIL_BATCH": str(args.batch),
            "LEDENPANEL_MAIL_CONNECTIONS": str(args.connections),
            "LEDENPANEL_MAIL_LEASE": str(args.lease),
            "LEDENPANEL_MAIL_DOMAIN": "bench.example.org",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("EMAIL_URL", None)
    return db


def _make_party(members: int) -> object:
    """A national unit, 4 regions, 40 branches and ``members`` members with e-mail."""
    from ledenpanel.organisations.models import Member, Unit, UnitKind

    national = Unit.objects.create(code="NL", name="Landelijk", kind=UnitKind.LANDELIJK)
    branches = []
    for r in range(4):
        region = Unit.objects.create(
            code=f"G{r}", name=f"Gewest {r}", kind=UnitKind.GEWEST, parent=national
        )
        for b in range(10):
            branches.append(
                Unit.objects.create(
                    code=f"A{r}{b}", name=f"Afdeling {r}{b}", kind=UnitKind.AFDELING, parent=region
                )
            )
    Member.objects.bulk_create(
        (
            Member(
                member_number=f"{n:07d}",
                first_name=f"Lid{n}",
                last_name="Bench",
                email=f"lid{n}@leden.example.net",
                birth_date=date(1950 + n % 50, 1 + n % 12, 1 + n % 28),
                gender="MV"[n % 2],
                member_since=date(2000 + n % 25, 1, 1),
                branch=branches[n % len(branches)],
            )
            for n in range(members)
        ),
        batch_size=5000,
    )
    return national


def _open_panel(unit: object) -> object:
    from django.db import transaction
    from django.utils import timezone

    from ledenpanel.fieldwork import transitions as fieldwork
    from ledenpanel.panels.models import Panel, PanelState, QuestionnaireVersion

    definition = {
        "sections": [
            {
                "name": "een",
                "questions": [{"name": "cijfer", "type": "rating", "label": "Welk cijfer?"}],
            }
        ]
    }
    panel = Panel.objects.create(
        unit=unit,
        title="Koers 2027",
        topic="De koers van de partij",
        purpose="Het bestuur wil weten wat de leden vinden.",
        coach_review_required=False,
        questionnaire=definition,
        state=PanelState.OPEN,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + timedelta(days=14),
    )
    panel.approved_version = QuestionnaireVersion.objects.create(
        panel=panel, number=1, definition=definition
    )
    panel.save(update_fields=["approved_version"])
    with transaction.atomic():
        fieldwork.panel_opened(panel=panel)
    return panel


def _start_worker() -> subprocess.Popen:
    command = [sys.executable, "-m", "ledenpanel.cli", "manage", "db_worker", "--no-reload"]
    command += ["--interval", "0.2", "--no-startup-delay"]
    return subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())


def _unsent(panel: object) -> int:
    from django.db import close_old_connections

    from ledenpanel.invitations.models import OutboxMessage

    close_old_connections()
    return OutboxMessage.objects.filter(panel=panel).exclude(state="sent").count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=42_000)
    parser.add_argument("--kill-at", type=float, default=0.4, help="fraction delivered at the kill")
    parser.add_argument("--rate", type=float, default=0, help="messages/s per worker (0: no limit)")
    parser.add_argument("--batch", type=int, default=50, help="messages per claim")
    parser.add_argument("--connections", type=int, default=2, help="SMTP connections per worker")
    parser.add_argument("--lease", type=float, default=5, help="seconds before a claim is retaken")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--profile", action="store_true", help="send in-process under cProfile")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    workdir = Path(tempfile.mkdtemp(prefix="ledenpanel-mailout-"))
    counter = Counter()
    port = _free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    db = _prepare_environment(workdir, args, port)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from ledenpanel.invitations.models import Invitation

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    national = _make_party(args.members)
    setup_seconds = time.perf_counter() - started
    started = time.perf_counter()
    panel = _open_panel(national)
    open_seconds = time.perf_counter() - started
    expected = set(Invitation.objects.filter(panel=panel).values_list("member__email", flat=True))
    print(
        f"party of {args.members} members in {setup_seconds:.1f} s; panel opened with "
        f"{len(expected)} e-mail invitations in {open_seconds:.1f} s",
        file=sys.stderr,
    )

    if args.profile:
        import cProfile
        import pstats

        from ledenpanel.invitations.outbox_send import outbox_send_pending

        profiler = cProfile.Profile()
        t0 = time.perf_counter()
        profiler.runcall(outbox_send_pending)
        print(f"sent {counter.count()} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(35)
        controller.stop()
        return

    t0 = time.perf_counter()
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    worker = _start_worker()
    kills = 0
    deadline = t0 + args.timeout
    try:
        # Midway through a batch, so the kill leaves claimed messages in flight.
        kill_at = int(args.kill_at * len(expected)) + args.batch // 2
        while counter.count() < kill_at and time.perf_counter() < deadline:
            time.sleep(0.01)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        kills += 1
        at_kill = counter.count()
        print(
            f"killed the worker after {time.perf_counter() - t0:.1f} s, "
            f"{at_kill} messages received",
            file=sys.stderr,
        )
        worker = _start_worker()
        while time.perf_counter() < deadline:
            if counter.count() >= len(expected) and _unsent(panel) == 0:
                break
            time.sleep(0.2)
        seconds = time.perf_counter() - t0
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
        time.sleep(0.2)
        controller.stop()

    # CPU seconds of the workers (both) and of this process (mostly the SMTP
    # sink): on a shared machine they say more than the wall-clock time.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    worker_cpu = children.ru_utime + children.ru_stime
    sink_cpu = own.ru_utime + own.ru_stime - self_before.ru_utime - self_before.ru_stime
    ids_per_recipient: dict[str, set[bytes]] = defaultdict(set)
    copies: dict[bytes, int] = defaultdict(int)
    for message_id, recipients in counter.received:
        copies[message_id] += 1
        for recipient in recipients:
            ids_per_recipient[recipient].add(message_id)
    duplicates = counter.count() - len(copies)
    missed = len(expected - set(ids_per_recipient))
    same_id = all(len(ids) == 1 for ids in ids_per_recipient.values())
    bound = args.batch * args.connections * kills
    per_second = len(expected) / seconds if seconds else 0.0
    ok = missed == 0 and duplicates <= bound and same_id and b"" not in copies
    print(
        f"{counter.count()} received, {len(copies)} distinct Message-IDs, duplicates share "
        f"their Message-ID: {same_id}; target < {TARGET_SECONDS:.0f} s: "
        f"{'OK' if seconds < TARGET_SECONDS else 'SLOWER THAN TARGET'}",
        file=sys.stderr,
    )
    print(
        f"BENCH mailout invitations={len(expected)} seconds={seconds:.2f} "
        f"per_second={per_second:.0f} duplicates={duplicates} bound={bound} missed={missed} "
        f"connections={args.connections} worker_cpu={worker_cpu:.1f} "
        f"sink_cpu={sink_cpu:.1f} db={db}"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
