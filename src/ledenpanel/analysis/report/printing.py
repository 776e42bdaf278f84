"""The report's PDF, its crosstab appendix printed in a second process.

WeasyPrint lays out and draws a document in one Python thread. The national
report (70 pages) takes it over ten seconds, about half of that in the crosstab
appendix ("Bijlage: alle tabellen per groep": ~7,000 cells in 124 tables). That
appendix is the page's last section and starts a page, so it is printed apart,
in a second process, while this one prints everything before it; ``joining``
makes them one document. Two things span both halves:

- the footer "pagina 3 van 70": neither half knows the total, so both are
  printed without it, and every page gets its footer stamped from a third,
  footer-only document, printed in the second process while this one joins;
- the table of contents and the links to the appendix: the first half ends
  with an empty stand-in for the appendix on a page of its own, so its
  ``target-counter`` gives the appendix's real page; that page is dropped and
  the stand-in's link target moved to the appendix's first page.

The second process is forked from a ``forkserver`` (one clean, single-threaded
server per process, started on first use with WeasyPrint imported), never from
a web worker with its threads and connections, and it ends with the call. If
it can't be had or fails, everything is printed here, one after the other, to
the same document. When no core is spare (another task is ready to run on
each), or the report has no crosstabs, it is printed in one go as one document:
the halves cost about a tenth more processor time, worth it only side by side.
"""

from __future__ import annotations

import base64
import logging
import multiprocessing
import os
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .joining import footer_html, join_halves, stamp_footers

logger = logging.getLogger(__name__)
T = TypeVar("T")

# The template's crosstab appendix: the last section of <main>, with no section inside it.
APPENDIX_OPEN = '<section aria-labelledby="bijlage-groepen" class="appendix">'
APPENDIX_ID = "bijlage-groepen"
# Starts a page (section.appendix in report.css) and carries the appendix's link target.
STAND_IN = f'<section class="appendix" id="{APPENDIX_ID}"></section>'
NO_FOOTER = "<style>@page { @bottom-right { content: none; } }</style>\n</head>"
_INLINE_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)
_LABEL = re.compile(r'<svg\b[^>]*?\saria-label="([^"]*)"')


def print_report(html: str, css: str) -> bytes:
    """The report's PDF, its crosstab appendix printed alongside in a second process.

    Logs (INFO, ``extra``) the processor seconds of each half and of the join: the
    second process's time is in no ``getrusage`` of this one.
    """
    page = charts_as_images(html)
    parts = split_at_appendix(page)
    if parts is None or not spare_core():
        # In one go, footers and all: two halves on one busy core cost more than one
        # document (the join, the second process), and gain nothing.
        started = time.process_time()
        pdf = print_document(page)
        logger.info(
            "report PDF printed",
            extra={"body_cpu_s": time.process_time() - started, "second_process": False},
        )
        return pdf
    first, appendix = parts
    with _second_process() as pool:
        pending = _submit(pool, print_counted, appendix)
        body = print_counted(first)
        printed = _result(pending) or print_counted(appendix)
        started = time.process_time()
        pages = body[1] - 1 + printed[1]  # the stand-in's page gives way to the appendix
        footers = _submit(pool, print_document, footer_html(css, pages))
        writer = join_halves(body[0], printed[0], APPENDIX_ID)
        stamps = _result(footers) or print_document(footer_html(css, pages))
        pdf = stamp_footers(writer, stamps)
    logger.info(
        "report PDF printed",
        extra={
            "body_cpu_s": body[2],
            "appendix_cpu_s": printed[2],
            "join_cpu_s": time.process_time() - started,  # the footers' time not counted
            "second_process": pending is not None and pending.exception() is None,
        },
    )
    return pdf


def spare_core() -> bool:
    """Whether a second process would have a core to itself right now: fewer tasks
    ready to run (this one included, per /proc/loadavg) than cores this process may
    use. Without /proc (not Linux) it is assumed."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        running = int(Path("/proc/loadavg").read_text().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return running < cores


def split_at_appendix(html: str) -> tuple[str, str] | None:
    """The page as two documents, without footers: all before the crosstab appendix
    (ending with its stand-in) and the appendix alone; None when it has none."""
    start = html.find(APPENDIX_OPEN)
    body = html.find("<body>")
    if start < 0 or body < 0 or html.count("</head>") != 1:
        return None
    end = html.index("</section>", start) + len("</section>")
    head = html[: body + len("<body>")].replace("</head>", NO_FOOTER)
    first = html[:start].replace("</head>", NO_FOOTER) + STAND_IN + html[end:]
    return first, f"{head}\n<main>\n{html[start:]}"


def charts_as_images(html: str) -> str:
    """The page with each inline ``<svg>`` chart as an ``<img>`` of the same SVG.

    For the PDF only: WeasyPrint draws both alike (vector shapes, real text), but
    an inline chart is first parsed by the HTML parser and gets a style for each
    of its elements (2,600 in the national report's 36 charts) before its SVG is
    written out and parsed again; as an image it is parsed once, by ElementTree.
    The web page keeps its inline SVG (``role="img"``, title and description).
    """

    def image(found: re.Match[str]) -> str:
        svg = found.group()
        label = _LABEL.match(svg)
        alt = label.group(1) if label else ""  # already escaped in the attribute
        standalone = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
        data = base64.b64encode(standalone.encode("utf-8")).decode("ascii")
        return f'<img class="chart" alt="{alt}" src="data:image/svg+xml;base64,{data}">'

    return _INLINE_SVG.sub(image, html)


def print_document(html: str) -> bytes:
    """One document as a PDF. WeasyPrint may fetch nothing: it reads only the
    ``data:`` URLs of the page itself (its charts, see ``charts_as_images``)."""
    return _print(html)[0]


def print_counted(html: str) -> tuple[bytes, int, float]:
    """``print_document``, with its number of pages and the processor seconds it took
    (in whichever process it ran)."""
    started = time.process_time()
    pdf, pages = _print(html)
    return pdf, pages, time.process_time() - started


def _print(html: str) -> tuple[bytes, int]:
    from weasyprint import HTML  # slow import, and only the PDF needs it
    from weasyprint.urls import URLFetcher

    inline_only = URLFetcher(allowed_protocols=frozenset({"data"}))
    document = HTML(string=html, url_fetcher=inline_only).render()
    return document.write_pdf(), len(document.pages)


@contextmanager
def _second_process() -> Iterator[ProcessPoolExecutor | None]:
    """A pool of one process forked from the forkserver, or None if it can't start.

    Leaving the block waits for the process to end: nothing outlives the call.
    """
    try:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__, "weasyprint"])
        pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
    except (OSError, ValueError, RuntimeError):
        logger.warning("no second process to print the appendix in", exc_info=True)
        yield None
        return
    with pool:
        yield pool


def _submit(
    pool: ProcessPoolExecutor | None, job: Callable[..., T], *args: Any
) -> Future[T] | None:
    """``job(*args)`` started in the second process; None without one or if it broke."""
    if pool is None:
        return None
    try:
        return pool.submit(job, *args)
    except RuntimeError:  # BrokenProcessPool: the process died on an earlier job
        return None


def _result(pending: Future[T] | None) -> T | None:
    """The job's result, or None (then it is done here) if it failed over there."""
    if pending is None:
        return None
    try:
        return pending.result()
    except Exception:  # a crashed or refused process: the caller does the job itself
        logger.warning("a print job in the second process failed", exc_info=True)
        return None
