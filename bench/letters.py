"""Benchmark: a national letter run, 15,000 letters rendered to print-ready PDFs.

What it does: a fresh SQLite database with 15,000 members without e-mail, a
panel opened for them (keys, invitations, codes), the letter run split into
batches of 500 (30 files), then every batch rendered with the real render
function (``letter_batch_render_now``: claim, derive codes, the body once
with WeasyPrint, the stamps with reportlab, the merge with pikepdf, atomic
write). ``--kind results`` first closes the panel the way the close does
(keys destroyed, the link key kept) and makes the results run of an
announcement instead. ``--processes 2`` renders with two processes, as two
``db_worker`` processes would. Every file is opened afterwards with pypdf and
its pages counted: one page per letter.

    .venv/bin/python bench/letters.py                    # 15,000 letters, 2 processes
    .venv/bin/python bench/letters.py --kind results     # the results letters
    .venv/bin/python bench/letters.py --processes 1      # one worker
    .venv/bin/python bench/letters.py --letters 1000     # a quick look

Target (issue 13): under 60 s for 15,000 letters with 2 processes, for both
kinds. Measured on the 2-CPU development machine (2026-12-06, other test runs
sharing it, load average 3.4): invitation 15,000 letters in 26.0 s, results
in 45.4 s, both 2.3 ms CPU per letter (about 17.5 s CPU a process; the wall
time is the machine's load), peak RSS 138 MB a process, files of 500 letters
0.74 MB. Before (WeasyPrint laying out every letter): 1,000 letters in 60.5 s,
60 ms CPU per letter, 404 MB a process, 1.28 MB a file: about 15 minutes for
15,000.

The last line is ``BENCH letters kind=… letters=… seconds=… per_second=…
peak_rss_mb=… mb_per_file=… processes=… cpu_ms_per_letter=…``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench" / "letters"


def _prepare(per_file: int) -> None:
    shutil.rmtree(BENCH_DIR, ignore_errors=True)
    BENCH_DIR.mkdir(parents=True)
    os.environ["LEDENPANEL_VAR_DIR"] = str(BENCH_DIR / "var")
    os.environ["LEDENPANEL_KEY_DIR"] = str(BENCH_DIR / "keys")
    os.environ["LEDENPANEL_LETTERS_PER_FILE"] = str(per_file)
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'letters.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledenpanel.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings

    # Batches are rendered below by this script's processes, not by a queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _open_panel(letters: int, kind: str):  # type: ignore[no-untyped-def]
    from django.db import transaction
    from django.utils import timezone

    from ledenpanel.invitations.letters import letter_run_enqueue
    from ledenpanel.invitations.services import panel_open_invitations
    from ledenpanel.organisations.models import Member, Unit, UnitKind
    from ledenpanel.panels.models import Panel, PanelState

    national = Unit.objects.create(code="NL", name="Landelijk", kind=UnitKind.LANDELIJK)
    region = Unit.objects.create(code="G1", name="Gewest", kind=UnitKind.GEWEST, parent=national)
    branches = [
        Unit.objects.create(
            code=f"A{n}", name=f"Afdeling {n}", kind=UnitKind.AFDELING, parent=region
        )
        for n in range(20)
    ]
    streets = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsplein", "Lindelaan"]
    Member.objects.bulk_create(
        (
            Member(
                member_number=f"{n:07d}",
                first_name="Jan" if n % 2 else "Fatima",
                infix="van der" if n % 5 == 0 else "",
                last_name=f"Lid{n}",
                street=streets[n % len(streets)],
                house_number=str(1 + n % 180),
                postcode=f"{1000 + n % 8999} {'ABCDEFGH'[n % 8]}{'KLMNPRST'[n % 7]}",
                city="AMSTERDAM",
                branch=branches[n % len(branches)],
            )
            for n in range(letters)
        ),
        batch_size=2000,
    )
    panel = Panel.objects.create(
        unit=national,
        title="Wonen",
        topic="betaalbaar wonen",
        purpose="We willen een standpunt bepalen over huurprijzen en nieuwbouw.",
        coach_review_required=False,
        state=PanelState.OPEN,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + timedelta(days=21),
    )
    with transaction.atomic():
        panel_open_invitations(panel=panel)
        if kind == "results":
            _close_and_announce(panel)
        batches = letter_run_enqueue(panel=panel, kind=kind)
    return panel, [batch.pk for batch in batches]


def _close_and_announce(panel) -> None:  # type: ignore[no-untyped-def]
    """What the close and the results layer leave for a results run."""
    from ledenpanel.invitations.keyring import key_store
    from ledenpanel.invitations.models import Announcement, MessageKind
    from ledenpanel.panels.models import PanelState

    key_store().destroy(str(panel.public_id), keep_link_key=True)
    panel.state = PanelState.CLOSED
    panel.save(update_fields=["state"])
    Announcement.objects.create(
        panel=panel,
        kind=MessageKind.RESULTS,
        number=0,
        subject="De uitslag: betaalbaar wonen",
        body_text="-",
        body_html="-",
        letter_html=(
            "<p>Dank u wel voor het meedenken. 2.298 leden deden mee (23 %).</p>"
            "<ul><li>61 % wil meer sociale huur.</li>"
            "<li>Nieuwbouw bij het station krijgt de meeste steun.</li>"
            "<li>Over huurbevriezing zijn de leden verdeeld.</li></ul>"
            "<p>Het bestuur bespreekt de uitkomsten op de ledenvergadering.</p>"
        ),
        link_label="Lees de uitslag",
    )


def _render(batch_ids: list[int], results) -> None:  # type: ignore[no-untyped-def]
    from ledenpanel.invitations.letters import letter_batch_render_now

    started, cpu = time.perf_counter(), _cpu_seconds()
    states = [letter_batch_render_now(batch_id=batch_id) for batch_id in batch_ids]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.put((os.getpid(), states, time.perf_counter() - started, _cpu_seconds() - cpu, rss))


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=15_000)
    parser.add_argument("--per-file", type=int, default=500)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--kind", choices=["invitation", "results"], default="invitation")
    args = parser.parse_args()

    _prepare(args.per_file)
    setup = time.perf_counter()
    panel, batch_ids = _open_panel(args.letters, args.kind)
    print(
        f"opened a panel with {args.letters} letters in {len(batch_ids)} batches "
        f"({time.perf_counter() - setup:.1f} s)",
        flush=True,
    )
    from django.db import connections

    connections.close_all()  # each process opens its own connection
    # Warm the imports and fonts before forking, as a running worker has them;
    # each process lays out its own body (a worker does that once per run).
    from ledenpanel.invitations import letter_pdf

    letter_pdf.warm_up()

    context = multiprocessing.get_context("fork")
    results = context.Queue()
    shares = [batch_ids[n :: args.processes] for n in range(args.processes)]
    started = time.perf_counter()
    workers = [context.Process(target=_render, args=(share, results)) for share in shares]
    for worker in workers:
        worker.start()
    reports = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started

    from pypdf import PdfReader

    from ledenpanel.invitations.models import LetterBatch, LetterState

    batches = list(LetterBatch.objects.filter(panel=panel))
    assert all(batch.state == LetterState.DONE for batch in batches), "a batch did not finish"
    pages = sum(len(PdfReader(batch.path).pages) for batch in batches)
    sizes = [Path(batch.path).stat().st_size / 1e6 for batch in batches]
    assert pages == args.letters, (pages, args.letters)
    for pid, states, busy, cpu, rss in reports:
        print(
            f"process {pid}: {len(states)} files in {busy:.1f} s "
            f"({cpu:.1f} s CPU), peak RSS {rss:.0f} MB"
        )
    peak = max(report[-1] for report in reports)
    cpu = sum(report[3] for report in reports)
    per_second = args.letters / seconds
    # On a shared machine wall time depends on the load; CPU time per letter does not.
    print(
        f"{args.letters} letters, {len(batches)} files, {pages} pages in {seconds:.1f} s "
        f"({per_second:.1f} letters/s; {1000 * cpu / args.letters:.1f} ms CPU per letter); "
        f"files {min(sizes):.2f}–{max(sizes):.2f} MB; load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"BENCH letters kind={args.kind} letters={args.letters} seconds={seconds:.1f} "
        f"per_second={per_second:.1f} peak_rss_mb={peak:.0f} "
        f"mb_per_file={sum(sizes) / len(sizes):.2f} processes={args.processes} "
        f"cpu_ms_per_letter={1000 * cpu / args.letters:.1f}"
    )


if __name__ == "__main__":
    main()
