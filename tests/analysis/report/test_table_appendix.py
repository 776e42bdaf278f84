"""The crosstab appendix set by reportlab (table_appendix.py): every table of the
template, in the page's margins and the report's font, and a refusal for what
reportlab cannot set as WeasyPrint would."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ledenpanel.analysis.report import render_html
from ledenpanel.analysis.report.table_appendix import (
    Crosstab,
    Heading,
    Note,
    read_appendix,
    typeset_appendix,
)
from ledenpanel.analysis.report.typesetting import NotTypeset
from tests.support.pdf_pages import words
from tests.support.poppler import needs_poppler
from tests.support.report_result import AGES, build_result

SECTION = "bijlage-groepen"
MM = 72 / 25.4  # points per millimetre


def _wide_page(options: int) -> str:
    """A page whose appendix holds one crosstab of ``options`` answer options."""
    header = "".join(f'<th scope="col" class="num">Keuze nummer {n}</th>' for n in range(options))
    cells = "".join(f'<td class="num">{n % 100} %</td>' for n in range(options))
    return (
        f'<html><body><main><section aria-labelledby="{SECTION}" class="appendix">'
        f'<h2 id="{SECTION}">Bijlage</h2><h3>Naar regio</h3>'
        '<table class="figures crosstab"><caption>Vraag — naar regio</caption>'
        f'<thead><tr><th scope="col">regio</th><th scope="col" class="num">n</th>{header}</tr>'
        f'</thead><tbody><tr><th scope="row">Noord-Holland Noord</th><td class="num">1.234</td>'
        f"{cells}</tr></tbody></table></section></main></body></html>"
    )


def _outside_the_margins(placed: list) -> list[str]:
    """The words set outside report.css's 16 mm side margins (half a point of slack)."""
    return [
        word
        for _number, width, x_min, x_max, word in placed
        if x_min < 16 * MM - 0.5 or x_max > width - 16 * MM + 0.5
    ]


def test_it_reads_every_crosstab_of_the_template_with_its_rows(page: str, result: dict) -> None:
    blocks = read_appendix(page, SECTION)

    assert blocks[0] == Heading(2, "Bijlage: alle tabellen per groep")
    assert Heading(3, "Naar Leeftijd") in blocks
    tables = [block for block in blocks if isinstance(block, Crosstab)]
    assert len(tables) == len(result["groups"]["tables"])
    notable = [table for table in tables if table.notable]
    assert notable
    assert all(table.notable == "Opvallend:" for table in notable)
    for table in tables:
        assert table.header[1] == "n"
        for row in table.rows:
            assert len(row.cells) == len(table.header) - 1
            assert row.suppressed == (set(row.cells) == {"—"})
    hidden = [row.label for table in tables for row in table.rows if row.suppressed]
    assert set(hidden) == {"onbekend", "anders"}
    assert isinstance(blocks[-1], Note)
    assert "Benjamini–Hochberg" in blocks[-1].text


def test_markup_it_does_not_know_is_refused(page: str) -> None:
    start = page.index(f'<section aria-labelledby="{SECTION}"')
    cell = page.index('<td class="num">', start)
    changed = page[:cell] + "<td><em>3 %</em></td>" + page[cell:]

    with pytest.raises(NotTypeset, match="<em>"):
        typeset_appendix(changed, SECTION)


@pytest.mark.parametrize(
    "label",
    ["القاهرة", "קריית שמונה", "𝄞 muziek", "e\u0301e\u0301n"],
    ids=["arabic", "hebrew", "outside-the-font", "combining-mark"],
)
def test_text_it_cannot_set_as_weasyprint_would_is_refused(label: str) -> None:
    page = render_html(build_result(variables={"age": AGES, "gender": ["man", label]}))

    with pytest.raises(NotTypeset):
        typeset_appendix(page, SECTION)


@needs_poppler
def test_every_group_and_figure_is_set_in_the_report_s_font_and_margins(
    page: str, tmp_path: Path
) -> None:
    pdf, pages = typeset_appendix(page, SECTION)
    path = tmp_path / "appendix.pdf"
    path.write_bytes(pdf)

    placed = words(path)
    assert {number for number, *_ in placed} == set(range(1, pages + 1))
    text = " ".join(word for *_, word in placed)
    for table in read_appendix(page, SECTION):
        if isinstance(table, Crosstab):
            for row in table.rows:
                assert row.label in text
                for cell in row.cells:
                    assert cell.replace("\u00a0", " ") in text.replace("\u00a0", " ")
    assert _outside_the_margins(placed) == []
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "DejaVuSans " in fonts  # the subset's name ends the column
    assert "DejaVuSans-Bold" in fonts


@needs_poppler
@pytest.mark.parametrize("options", [8, 13, 16, 22])
def test_a_crosstab_of_many_options_stays_inside_the_page(options: int, tmp_path: Path) -> None:
    pdf, pages = typeset_appendix(_wide_page(options), SECTION)
    path = tmp_path / "wide.pdf"
    path.write_bytes(pdf)

    placed = words(path)
    assert pages == 1
    assert _outside_the_margins(placed) == []
    text = " ".join(word for *_, word in placed)
    assert "1.234" in text
    assert all(f"{n % 100}" in text for n in range(options))
