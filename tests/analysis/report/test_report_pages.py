"""The printed report, page by page: the national-like panel's PDF as PNG pages.

The engine runs on a smaller copy of the benchmark's national panel
(tests/support/report_panel.py: 6,000 members, 1,500 answers, 13 of its
questions of every kind, crosstabs by age, gender, 12 regions and membership
length). Its PDF is rendered to PNG pages with ``pdftoppm -png -r 40``; each page
must carry ink, and per ``pdftotext -bbox-layout`` no word may run past a page's
edge, and every table's last column must be in the PDF (a table cut off at the
right loses it).

The pages are kept under ``var/screenshots/report/`` (``LEDENPANEL_VAR_DIR``), as
the browser tests keep theirs under ``var/screenshots/<test>/``, to be looked at.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from functools import cache
from pathlib import Path

from PIL import Image

from ledenpanel.analysis.report import render_html, render_pdf
from tests.support.pdf_pages import blank_pages, keep_pages, off_the_page, png_pages, words
from tests.support.poppler import needs_poppler
from tests.support.report_figures import figures, html_rows, normal
from tests.support.report_panel import national_ish_result

pytestmark = needs_poppler
MIN_PAGES, MAX_PAGES = 4, 45


@cache
def _pdf() -> bytes:
    return render_pdf(national_ish_result())


def _pages(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "report.pdf"
    pdf.write_bytes(_pdf())
    return png_pages(pdf, folder)


def _cut_off(pdf: Path, html: str) -> dict[str, str]:
    """The figures of tables' last columns that the PDF has fewer times than the page:
    pdftotext drops what lies wholly off the page."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed = Counter(figures(text))
    last_cells = Counter(
        figure for _head, cells in html_rows(html) if cells for figure in figures(normal(cells[-1]))
    )
    return {
        figure: f"{printed[figure]} of {count}"
        for figure, count in last_cells.items()
        if printed[figure] < count
    }


def test_every_page_of_the_pdf_has_content_and_is_kept_to_look_at(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    kept = keep_pages(pages, "report")

    assert MIN_PAGES <= len(pages) <= MAX_PAGES, f"{len(pages)} pages"
    for page in pages:
        with Image.open(page) as image:
            assert image.size == (331, 468), page.name  # A4, upright
    assert blank_pages(pages) == [], f"blank pages (kept in {kept})"


def test_nothing_runs_off_a_page_or_is_cut_off_a_table(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_pdf())
    assert len(words(pdf)) > 1000
    outside = off_the_page(pdf)
    assert outside == [], "\n".join(outside[:20])
    missing = _cut_off(pdf, render_html(national_ish_result()))
    assert missing == {}, f"last-column figures missing from the PDF: {missing}"


def test_the_page_checks_flag_a_blank_page_and_a_table_past_the_edge(tmp_path: Path) -> None:
    from weasyprint import HTML

    cells = "".join(f"<td>{n}00 leden</td>" for n in range(1, 13))
    page = (
        "<html><body><h1>Uitkomsten</h1><p>Tekst op de eerste pagina.</p>"
        f'<table style="width: 1600px"><tr><th>Groep</th>{cells}<td>77 %</td></tr></table>'
        '<p style="break-before: page">&nbsp;</p>'
        '<p style="break-before: page">De derde pagina.</p></body></html>'
    )
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(HTML(string=page).write_pdf())

    pages = png_pages(pdf, tmp_path)
    assert len(pages) == 3
    assert blank_pages(pages) == ["pagina-2.png"]
    assert off_the_page(pdf)  # the wide table's words past the right edge
    assert _cut_off(pdf, page) == {"77 %": "0 of 1"}
