"""The PDF printed in two halves (printing.py): one document to the reader.

The crosstab appendix is printed in a second process and joined to the rest;
these tests read the joined PDF back: every page numbered "pagina k van N" in
order, the table of contents and the links pointing at the appendix's real
page, and the same document when no second process is to be had.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest

from ledenpanel.analysis.report import printing, render_html, render_pdf
from tests.support.poppler import needs_poppler
from tests.support.report_result import build_result

pytestmark = needs_poppler

# Two halves, whatever else the machine is doing while the tests run.
pytestmark = pytest.mark.usefixtures("a_spare_core")


def _pages_text(pdf: bytes) -> list[str]:
    """The text of each page (``pdftotext -layout``)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    return text.split("\f")[:-1]  # a form feed ends every page


@cache
def _pdf() -> bytes:
    return render_pdf(build_result())


def test_the_page_splits_before_its_crosstab_appendix_and_only_there() -> None:
    page = render_html(build_result())
    parts = printing.split_at_appendix(page)
    assert parts is not None
    first, appendix = parts

    assert first.count('id="bijlage-groepen"') == 1  # the stand-in
    assert printing.STAND_IN in first
    assert printing.APPENDIX_OPEN not in first
    assert 'id="samenvatting"' in first
    assert 'id="bijlage-vragenlijst"' in first
    assert appendix.count(printing.APPENDIX_OPEN) == 1
    assert 'id="samenvatting"' not in appendix
    for part in (first, appendix):
        assert part.count("<style>") == 2  # the report's CSS, then the footer left out
        assert part.rstrip().endswith("</html>")
    without = build_result()
    without["groups"]["tables"] = []
    assert printing.split_at_appendix(render_html(without)) is None


def test_every_page_is_numbered_in_order_of_the_whole() -> None:
    pages = _pages_text(_pdf())

    assert len(pages) > 3
    for number, text in enumerate(pages, 1):
        footers = re.findall(r"pagina (\d+) van (\d+)", text)
        assert footers == [(str(number), str(len(pages)))], (number, footers)


def test_the_contents_and_the_links_point_at_the_appendix_s_page() -> None:
    from pypdf import PdfReader

    pdf = _pdf()
    pages = _pages_text(pdf)
    heading = "Bijlage: alle tabellen per groep"
    starts = [n for n, text in enumerate(pages, 1) if re.search(rf"^{heading}$", text, re.M)]
    assert len(starts) == 1, starts
    contents = next(text for text in pages if "Inhoud" in text)
    listed = re.search(rf"{heading} \(p\. (\d+)\)", contents)
    assert listed is not None
    assert int(listed.group(1)) == starts[0]

    reader = PdfReader(io.BytesIO(pdf))
    target = reader.named_destinations["bijlage-groepen"]
    assert reader.get_destination_page_number(target) == starts[0] - 1
    # Every link's target is in the document.
    names = set(reader.named_destinations)
    links = [
        annotation.get_object()
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object().get("/Subtype") == "/Link"
    ]
    assert links
    assert {str(link["/Dest"]) for link in links if "/Dest" in link} <= names


@contextmanager
def _no_second_process() -> Iterator[None]:
    yield None


def test_without_a_second_process_the_report_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(printing, "_second_process", _no_second_process)

    assert _pages_text(render_pdf(build_result())) == _pages_text(_pdf())


def test_the_pdf_gets_the_charts_as_images_with_their_text() -> None:
    page = render_html(build_result())
    printed = printing.charts_as_images(page)

    assert page.count("<svg") > 3
    assert "<svg" not in printed
    assert printed.count('<img class="chart"') == page.count("<svg")
    label = re.search(r'<svg\b[^>]*?\saria-label="([^"]*)"', page)
    assert label is not None
    assert f'alt="{label.group(1)}"' in printed


def test_without_a_spare_core_it_is_one_document_that_reads_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Printed in one go (footers with the pages, no join): page for page the same text
    as the two halves joined."""
    monkeypatch.setattr(printing, "spare_core", lambda: False)
    monkeypatch.setattr(printing, "join_halves", None)  # never reached

    assert _pages_text(render_pdf(build_result())) == _pages_text(_pdf())
