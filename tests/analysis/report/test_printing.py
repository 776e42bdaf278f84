"""The PDF printed in two parts (printing.py): one document to the reader.

WeasyPrint prints the report, reportlab sets the crosstab appendix, and the two
are joined; these tests read the joined PDF back: every page numbered "pagina
k van N" in order, the table of contents, the links and the bookmarks pointing
at the appendix's real pages, and WeasyPrint printing an appendix reportlab
cannot set.
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pytest

from ledenpanel.analysis.report import printing, render_html, render_pdf
from ledenpanel.analysis.report.table_appendix import NotTypeset
from tests.support.poppler import needs_poppler
from tests.support.report_result import build_result

pytestmark = needs_poppler


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


def test_the_pdf_gets_the_charts_as_images_with_their_text() -> None:
    page = render_html(build_result())
    printed = printing.charts_as_images(page)

    assert page.count("<svg") > 3
    assert "<svg" not in printed
    assert printed.count('<img class="chart"') == page.count("<svg")
    label = re.search(r'<svg\b[^>]*?\saria-label="([^"]*)"', page)
    assert label is not None
    assert f'alt="{label.group(1)}"' in printed


def test_the_bookmarks_lead_to_the_appendix_and_its_groups() -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_pdf()))
    pages = _pages_text(_pdf())
    # pypdf nests nothing under an outline item it copied: the appendix's bookmarks
    # follow the report's at the top level (in one document they sit under its title).
    title, chapters, appendix, groups = reader.outline
    assert title.title == "Ledenpanel wonen & <zorg>"
    assert chapters[-1].title == "Bijlage: de vragenlijst"
    heading = "Bijlage: alle tabellen per groep"
    assert appendix.title == heading
    start = reader.get_destination_page_number(appendix) + 1
    assert re.search(rf"^{heading}$", pages[start - 1], re.M)
    assert [group.title for group in groups] == ["Naar Leeftijd", "Naar Gender"]
    for group in groups:
        assert group.title in pages[reader.get_destination_page_number(group)], group.title


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
    for number, text in enumerate(pages, 1):
        assert re.findall(r"pagina (\d+) van (\d+)", text) == [(str(number), str(len(pages)))]
    # The same rows of figures, whichever typesetter set them.
    assert _group_rows(pages) == _group_rows(_pages_text(_pdf()))
    assert len(_group_rows(pages)) > 10


def _group_rows(pages: list[str]) -> list[list[str]]:
    """The words of every line that starts with a group and its n, in order."""
    row = re.compile(r"^\s*(16-34|35-49|50-64|65\+|man|vrouw)\s+[\d.]+\s+\d")
    return [line.split() for line in "".join(pages).splitlines() if row.match(line)]
