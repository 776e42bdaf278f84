"""The PDF printed in parts (printing.py): one document to the reader.

The front, two parts printed side by side and the crosstab appendix set by
reportlab are joined; these tests read the joined PDF back: every page
numbered "pagina k van N" in order, the contents listing each heading's real
page, every link and bookmark leading to its heading, and the same document
without a second process or with an appendix reportlab cannot set.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace
from functools import cache

import pytest

from ledenpanel.analysis.report import printing, render_html, render_pdf
from ledenpanel.analysis.report.joining import Printed
from ledenpanel.analysis.report.typesetting import NotTypeset
from tests.support.poppler import needs_poppler, pdftotext
from tests.support.report_result import build_result, withheld_result

pytestmark = needs_poppler


def _pages_text(pdf: bytes) -> list[str]:
    """The text of each page (``pdftotext -layout``)."""
    return pdftotext(pdf, "-layout").split("\f")[:-1]  # a form feed ends every page


@cache
def _pdf() -> bytes:
    return render_pdf(build_result())


def _numbered_in_order(pages: list[str]) -> None:
    for number, text in enumerate(pages, 1):
        footers = re.findall(r"pagina (\d+) van (\d+)", text)
        assert footers == [(str(number), str(len(pages)))], (number, footers)


def test_every_page_is_numbered_in_order_of_the_whole() -> None:
    pages = _pages_text(_pdf())

    assert len(pages) > 3
    _numbered_in_order(pages)


def test_a_report_without_crosstabs_is_cut_numbered_and_listed_alike() -> None:
    result = build_result()
    result["groups"]["tables"] = []
    pages = _pages_text(render_pdf(result))

    _numbered_in_order(pages)
    _listed_at_their_pages(pages)
    assert not any("Bijlage: alle tabellen per groep" in text for text in pages)


def test_a_withheld_report_is_printed_in_one_go() -> None:
    pages = _pages_text(render_pdf(withheld_result()))

    assert pages
    _numbered_in_order(pages)


def _heading_pages(pages: list[str], headings: list[str]) -> dict[str, int]:
    """The page (from 1) on which each heading, in order, first stands as a line of its
    own after the page of the heading before it ("Weging" is also a term the method
    explains, further on)."""
    found: dict[str, int] = {}
    after = 1
    for heading in headings:
        line = rf"^\s*{re.escape(heading)}\s*$"
        later = enumerate(pages[after - 1 :], after)
        starts = [number for number, text in later if re.search(line, text, re.M)]
        assert starts, heading
        found[heading] = after = starts[0]
    return found


def _listed_at_their_pages(pages: list[str]) -> None:
    """Every chapter the contents list starts on the page they give it."""
    contents = next(text for text in pages if re.search(r"^\s*Inhoud\s*$", text, re.M))
    listed = dict(re.findall(r"\d+\. (.+?) \(p\. (\d+)\)", contents))

    assert len(listed) >= 8
    starts = _heading_pages(pages, list(listed))
    assert {heading: int(page) for heading, page in listed.items()} == starts


def test_the_contents_list_the_page_every_chapter_starts_on() -> None:
    _listed_at_their_pages(_pages_text(_pdf()))


def test_every_link_leads_to_the_page_of_its_target() -> None:
    from pypdf import PdfReader

    pdf = _pdf()
    pages = _pages_text(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    names = reader.named_destinations
    links = [
        annotation.get_object()
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    targets = {str(link["/Dest"]) for link in links if "/Dest" in link}

    # The summary's points, the contents, "zie Vraag 3", the appendix: across parts.
    assert {"punt-1", "vragen", "groepen", "bijlage-groepen"} <= targets
    assert targets <= set(names)
    page = render_html(build_result())
    for target in targets:
        heading = re.search(rf'id="{re.escape(target)}"[^>]*>(.*?)</', page, re.S)
        assert heading is not None, target
        words = re.sub(r"<[^>]+>", " ", heading.group(1)).split()[:3]
        landed = pages[reader.get_destination_page_number(names[target])]
        assert " ".join(words) in " ".join(landed.split()), (target, words)


def test_the_bookmarks_nest_under_the_title_and_lead_to_their_pages() -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_pdf()))
    pages = _pages_text(_pdf())
    title, chapters = reader.outline  # the title, and everything under it

    assert title.title == "Ledenpanel wonen & <zorg>"
    top = [item.title for item in chapters if not isinstance(item, list)]
    assert top[:3] == ["Samenvatting", "Inhoud", "Wie deden mee"]
    assert top[-2:] == ["Bijlage: de vragenlijst", "Bijlage: alle tabellen per groep"]
    groups = chapters[-1]  # the appendix's own, under it
    assert [group.title for group in groups] == ["Naar Leeftijd", "Naar Gender"]
    for item in [*(i for i in chapters if not isinstance(i, list)), *groups]:
        text = " ".join(pages[reader.get_destination_page_number(item)].split())
        assert " ".join(item.title.split()[:3]) in text, item.title


@contextmanager
def _no_second_process() -> Iterator[None]:
    yield None


def test_without_a_second_process_the_report_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(printing, "_second_process", _no_second_process)

    assert _pages_text(render_pdf(build_result())) == _pages_text(_pdf())


def test_a_front_whose_count_was_off_is_printed_again_and_the_pages_counted_anew(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The numbers in the contents depend on the front's length: when the first count
    was wrong the front is printed again, and the footers count the real total."""
    monkeypatch.setattr(printing, "_second_process", _no_second_process)
    real = printing.print_part

    def probe_one_page_short(html: str) -> Printed:
        printed = real(html)
        is_probe = 'id="inhoud"' in html and "counter-reset: page" not in html
        return replace(printed, pages=printed.pages - 1) if is_probe else printed

    monkeypatch.setattr(printing, "print_part", probe_one_page_short)

    assert _pages_text(render_pdf(build_result())) == _pages_text(_pdf())


def _failed(pool: object, job: object, *args: object) -> Future:
    failed: Future = Future()
    failed.set_exception(RuntimeError("the second process died"))
    return failed


def test_jobs_the_second_process_fails_are_done_here_to_the_same_report(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(printing, "_submit", _failed)
    with caplog.at_level(logging.WARNING, logger=printing.__name__):
        pdf = render_pdf(build_result())

    assert _pages_text(pdf) == _pages_text(_pdf())
    assert "a print job in the second process failed" in caplog.text


def _refuse(html: str, section_id: str) -> tuple[bytes, int]:
    raise NotTypeset("a test")


def test_an_appendix_reportlab_refuses_is_printed_by_weasyprint(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(printing, "typeset_appendix", _refuse)
    with caplog.at_level(logging.INFO, logger=printing.__name__):
        pdf = render_pdf(build_result())

    printed = [r for r in caplog.records if r.getMessage() == "report PDF printed"]
    assert [r.appendix_typesetter for r in printed] == ["weasyprint"]
    pages = _pages_text(pdf)
    _numbered_in_order(pages)
    # The same rows of figures, whichever typesetter set them.
    assert _group_rows(pages) == _group_rows(_pages_text(_pdf()))
    assert len(_group_rows(pages)) > 10


def _group_rows(pages: list[str]) -> list[list[str]]:
    """The words of every line that starts with a group and its n, in order."""
    row = re.compile(r"^\s*(16-34|35-49|50-64|65\+|man|vrouw)\s+[\d.]+\s+\d")
    return [line.split() for line in "".join(pages).splitlines() if row.match(line)]
