"""The report's PDF: printed in parts on two cores, the crosstab appendix and the
charts by reportlab.

WeasyPrint lays out and draws one document on one core, at about a millisecond
of processor time per element here (the national report: ~7,000 elements
before its appendix, ~8,000 in it), and an SVG chart's text one letter at a
time. So the page is cut (``cutting``) into a front (title, summary, contents),
two parts of about equal cost, and the crosstab appendix; ``joining`` makes
them one document. In every document WeasyPrint prints, the charts are
empty images that reportlab's drawing is laid onto (``chart_stamps``). Who
prints what:

- a second process, forked from a ``forkserver`` (a clean, single-threaded
  server started on first use with WeasyPrint imported, never the web worker
  with its threads and connections), prints the front once to count its pages,
  then the second part;
- this process prints the first part and has reportlab set the crosstab
  appendix (``table_appendix``: a cell costs it a tenth of what it costs
  WeasyPrint), or WeasyPrint when reportlab cannot set it as WeasyPrint would;
- when all pages are known, this process prints the front again, its contents
  now with the real page numbers, while the second process prints the footers.

Nothing outlives the call. Without a second process (it cannot start, or it
failed) this process prints everything, to the same document; a page that is
not the report's usual shape is printed in one go.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, TypeVar

from .chart_stamps import (
    SLOT,
    Slotted,
    charts_as_images,
    draw_charts,
    places,
    slot_charts,
    stamp_charts,
)
from .cutting import APPENDIX_ID, STAND_INS_ID, Cut, cut_page
from .joining import Printed, footer_html, join
from .table_appendix import typeset_appendix
from .typesetting import NotTypeset

logger = logging.getLogger(__name__)
T = TypeVar("T")

_FRONT_TRIES = 3  # the front reprinted until its page count stands (once, in practice)


def print_report(html: str, css: str) -> bytes:
    """The report's PDF (see above).

    Logs (INFO, ``extra``) the processor seconds spent here and in the second process,
    and which typesetter set the appendix.
    """
    cut = cut_page(html)
    if cut is None:
        return print_part(html).pdf  # in one go, footers and all
    started = time.process_time()
    elsewhere = _Elsewhere()
    with _second_process() as pool:
        pending_probe = _submit(pool, print_part, cut.front_document())
        pending = [_submit(pool, print_part, part) for part in cut.parts[1:]]
        parts = [print_part(cut.parts[0])]
        appendix, typesetter = _appendix(cut)
        probe = elsewhere.result(pending_probe) or print_part(cut.front_document())
        for waiting, part in zip(pending, cut.parts[1:], strict=True):
            parts.append(elsewhere.result(waiting) or print_part(part))
        total = _page_numbers(probe.pages, parts, appendix)[1]
        pending_footers = _submit(pool, print_part, footer_html(css, total))
        front = _front(cut, probe.pages, parts, appendix)
        numbers, total = _page_numbers(front.pages, parts, appendix)
        footers = elsewhere.result(pending_footers)
        if footers is None or footers.pages != total:  # failed, or the front grew
            footers = print_part(footer_html(css, total))
    documents = [front, *parts, *([appendix] if appendix else [])]
    placed = {APPENDIX_ID: numbers[APPENDIX_ID] - 1} if APPENDIX_ID in numbers else {}
    pdf = join(documents, placed, footers.pdf)
    logger.info(
        "report PDF printed",
        extra={
            "cpu_s": time.process_time() - started,  # this process's share
            "second_process_cpu_s": elsewhere.cpu_s,
            "appendix_typesetter": typesetter,
        },
    )
    return pdf


class _Elsewhere:
    """The results of the second process's jobs, and the processor time they took."""

    def __init__(self) -> None:
        self.cpu_s = 0.0

    def result(self, pending: Future[Printed] | None) -> Printed | None:
        printed = _result(pending)
        if printed is not None:
            self.cpu_s += printed.cpu_s
        return printed


def _appendix(cut: Cut) -> tuple[Printed | None, str]:
    """The crosstab appendix, set by reportlab or else printed by WeasyPrint."""
    if cut.appendix is None:
        return None, ""
    try:
        pdf, pages = typeset_appendix(cut.appendix, APPENDIX_ID)
        return Printed(pdf, pages), "reportlab"
    except NotTypeset as refused:
        logger.info("crosstab appendix printed by WeasyPrint", extra={"reason": str(refused)})
        return print_part(cut.appendix), "weasyprint"


def _page_numbers(
    front_pages: int, parts: list[Printed], appendix: Printed | None
) -> tuple[dict[str, int], int]:
    """The page number (from 1) of every id in the parts and of the appendix, given the
    front's number of pages; and the number of pages in all."""
    numbers: dict[str, int] = {}
    offset = front_pages
    for part in parts:
        for name, page in part.anchors.items():
            numbers.setdefault(name, offset + page + 1)
        offset += part.pages
    if appendix is not None:
        numbers.setdefault(APPENDIX_ID, offset + 1)
        offset += appendix.pages
    return numbers, offset


def _front(cut: Cut, pages: int, parts: list[Printed], appendix: Printed | None) -> Printed:
    """The front with its contents' real page numbers. Those numbers depend on the
    front's own length, which they could (in theory) change: printed until it stands."""
    front = print_part(cut.front_document(_page_numbers(pages, parts, appendix)[0]))
    for _ in range(_FRONT_TRIES - 1):
        if front.pages == pages:
            return front
        pages = front.pages
        front = print_part(cut.front_document(_page_numbers(pages, parts, appendix)[0]))
    if front.pages != pages:
        logger.warning("the report's front did not settle on a number of pages")
    return front


def print_part(html: str) -> Printed:
    """A document as printed: its own pages are those before its stand-ins, its
    anchors the ids on them. Its charts are drawn by reportlab (``chart_stamps``),
    or as SVG images by WeasyPrint where reportlab cannot. WeasyPrint may fetch
    nothing: it reads only the ``data:`` URLs of the page itself."""
    started = time.process_time()
    try:
        printed = _print(html, stamped=True)
    except NotTypeset as refused:
        logger.info("charts printed by WeasyPrint", extra={"reason": str(refused)})
        printed = _print(html, stamped=False)
    return replace(printed, cpu_s=time.process_time() - started)


def _print(html: str, *, stamped: bool) -> Printed:
    from weasyprint import HTML  # slow import, and only the PDF needs it
    from weasyprint.urls import URLFetcher

    slotted = slot_charts(html) if stamped else Slotted(charts_as_images(html), [])
    drawn = draw_charts(slotted.charts) if slotted.charts else b""
    inline_only = URLFetcher(allowed_protocols=frozenset({"data"}))
    document = HTML(string=slotted.html, url_fetcher=inline_only).render()
    anchors: dict[str, int] = {}
    own = len(document.pages)
    for number, page in enumerate(document.pages):
        if STAND_INS_ID in page.anchors:
            own = number
            break
        for name in page.anchors:
            if not name.startswith(SLOT):
                anchors.setdefault(name, number)
    pdf = document.write_pdf()
    if slotted.charts:
        pdf = stamp_charts(pdf, drawn, places(document.pages[:own], len(slotted.charts)))
    return Printed(pdf, own, anchors)


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
        logger.warning("no second process to print the report in", exc_info=True)
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
