"""The charts in the PDF (chart_stamps.py): drawn by reportlab where WeasyPrint left
room, the same picture in the same place (compared pixel by pixel and word by word
with WeasyPrint's own drawing); SVG images where reportlab cannot."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import tempfile
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from ledenpanel.analysis.report import chart_stamps, printing, render_html
from ledenpanel.analysis.report.typesetting import NotTypeset
from tests.support.poppler import needs_poppler, pdftotext
from tests.support.report_result import build_result

pytestmark = needs_poppler

Word = tuple[int, float, float, str]  # page, xMin, yMin, word


def _words(pdf: bytes) -> list[Word]:
    """Every word pdftotext places, with its page and its top left corner in points."""
    bbox = pdftotext(pdf, "-bbox")
    found = []
    for number, body in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", bbox, re.S), 1):
        for x, y, word in re.findall(
            r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" [^>]*>([^<]*)</word>', body
        ):
            found.append((number, float(x), float(y), word))
    return found


def _letters(words: list[Word]) -> Counter[str]:
    return Counter("".join(word for *_, word in words))


def _questions_page() -> str:
    """The report page with its questions: nine charts of every kind and a dot plot."""
    return render_html(build_result())


def _as_images(html: str) -> printing.Printed:
    """The part printed with its charts drawn by WeasyPrint, as before stamping."""
    return printing.print_part(chart_stamps.charts_as_images(html))


@cache
def _both() -> tuple[printing.Printed, printing.Printed]:
    """The questions page printed with stamped charts, and with WeasyPrint's."""
    html = _questions_page()
    return printing.print_part(html), _as_images(html)


def _grey_pages(pdf: bytes) -> list[Image.Image]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "part.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "100", "-gray", "-png", str(path), str(Path(folder) / "page")],
            check=True,
            timeout=120,
        )
        return [Image.open(page).convert("L") for page in sorted(Path(folder).glob("page-*"))]


def test_a_stamped_chart_is_the_same_picture_as_weasyprint_draws() -> None:
    stamped, drawn_by_weasyprint = _both()
    differing = pixels = 0
    for ours, theirs in zip(
        _grey_pages(stamped.pdf), _grey_pages(drawn_by_weasyprint.pdf), strict=True
    ):
        histogram = ImageChops.difference(ours, theirs).histogram()
        # Edges smoothed a little differently, nothing more: no pixel dark on one and
        # light on the other, and few pixels that differ visibly at all.
        assert not any(histogram[96:]), "a pixel differs by more than 96 of 255 grey"
        differing += sum(histogram[16:])
        pixels += ours.size[0] * ours.size[1]
    assert differing < 0.0005 * pixels  # measured: 0.003 %


def test_a_stamped_chart_has_its_words_in_the_same_place() -> None:
    stamped, drawn_by_weasyprint = _both()

    assert stamped.pages == drawn_by_weasyprint.pages
    stamped_words = _words(stamped.pdf)
    weasyprint_words = _words(drawn_by_weasyprint.pdf)
    # Every word the charts hold is printed, each in the place WeasyPrint drew it.
    chart_words = {"oneens", "eens", "Neutraal", "weet", "antwoord", "waarde", "Zorg", "Wonen"}
    for word in chart_words:
        here = sorted((p, round(x), round(y)) for p, x, y, w in stamped_words if w == word)
        there = sorted((p, round(x), round(y)) for p, x, y, w in weasyprint_words if w == word)
        assert len(here) == len(there) > 0, word
        for (page, x, y), (page_there, x_there, y_there) in zip(here, there, strict=True):
            assert page == page_there, word
            assert abs(x - x_there) <= 2, (word, x, x_there)  # kerning aside, a point or two
            assert abs(y - y_there) <= 2, (word, y, y_there)
    # And all else alike: the same characters (where pdftotext parts words may differ:
    # WeasyPrint draws a chart's text letter by letter).
    assert _letters(stamped_words) == _letters(weasyprint_words)


def test_the_slots_leave_no_trace_in_the_pdf() -> None:
    from pypdf import PdfReader

    printed = printing.print_part(_questions_page())
    reader = PdfReader(io.BytesIO(printed.pdf))

    assert not [name for name in reader.named_destinations if "chart-slot" in name]
    assert not [name for name in printed.anchors if "chart-slot" in name]
    assert "vraag-woningbouw" in printed.anchors  # the page's own ids stay


def test_a_chart_reportlab_cannot_set_is_printed_by_weasyprint(
    caplog: pytest.LogCaptureFixture,
) -> None:
    result = build_result()
    channel = next(q for q in result["questions"] if q["name"] == "kanaal")
    channel["options"][0]["label"] = "البريد"  # Arabic: reportlab would set it left to right
    html = render_html(result)

    with caplog.at_level(logging.INFO, logger=printing.__name__):
        printed = printing.print_part(html)

    assert "charts printed by WeasyPrint" in caplog.text
    # The log names a code point, never the text it is in.
    reasons = [record.reason for record in caplog.records if hasattr(record, "reason")]
    assert reasons
    assert all("U+0" in reason and "البريد" not in reason for reason in reasons)
    assert _letters(_words(printed.pdf)) == _letters(_words(_as_images(html).pdf))


def test_only_the_report_s_own_drawing_is_stamped() -> None:
    page = _questions_page()
    foreign = page.replace("<rect ", '<image href="x.png"/><rect ', 1)
    with pytest.raises(NotTypeset, match="<image>"):
        chart_stamps.slot_charts(foreign)
    with pytest.raises(NotTypeset, match="opacity"):
        chart_stamps.slot_charts(page.replace("<rect ", '<rect opacity="0.5" ', 1))
    with pytest.raises(NotTypeset, match="not well-formed"):
        chart_stamps.slot_charts(page.replace("</text>", "", 1))


def test_a_chart_not_on_the_document_s_own_pages_is_refused() -> None:
    with pytest.raises(NotTypeset, match="chart 0"):
        chart_stamps.places([], 1)


def test_the_charts_become_images_with_their_text_alternative() -> None:
    page = _questions_page()
    slotted = chart_stamps.slot_charts(page)
    images = chart_stamps.charts_as_images(page)

    assert page.count("<svg") == len(slotted.charts) == 10
    for printed in (slotted.html, images):
        assert "<svg" not in printed
        assert printed.count('<img class="chart"') == 10
    label = re.search(r'<svg\b[^>]*?\saria-label="([^"]*)"', page)
    assert label is not None
    assert f'alt="{label.group(1)}"' in slotted.html
    assert f'alt="{label.group(1)}"' in images
