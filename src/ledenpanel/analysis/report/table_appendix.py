"""The crosstab appendix typeset with reportlab, in the look report.css prints it in.

WeasyPrint needs about a millisecond of processor time per table cell here,
whatever the stylesheet (measured: with no CSS at all it is no faster). The
national report's crosstab appendix ("Bijlage: alle tabellen per groep": 124
tables, ~7,000 cells) cost it nine seconds of the PDF's twenty; reportlab's
table engine sets the same tables in under one. The words and figures still
come from the one template: this module reads the appendix section of the
rendered page, a small fixed vocabulary (headings, tables with a caption, a
header row and rows, notes), and sets it with the sizes, rules and colours of
report.css's print rules. It refuses, with ``NotTypeset``, what it cannot set
as WeasyPrint would: markup it does not know, or a character its font lacks or
that needs shaping (right-to-left scripts, combining marks); the caller then
prints the appendix with WeasyPrint.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from .typesetting import BOLD, REGULAR, NotTypeset, check_characters

# report.css, print: the page, the root size and the colours of :root.
PAGE_MARGINS = {"top": 18 * mm, "right": 16 * mm, "bottom": 20 * mm, "left": 16 * mm}
REM = 9.5  # points: html { font-size: 9.5pt } in print
LINE_HEIGHT = 1.45
TEXT = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#454545")
RULE = colors.HexColor("#b9bec6")
HEAD = colors.HexColor("#eef1f5")
ACCENT_HEX = "#0b4a82"
ACCENT = colors.HexColor(ACCENT_HEX)
PX = 0.75  # points per CSS pixel (borders)

_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; a no-break space is text
_KNOWN = {"section", "h2", "h3", "table", "caption", "strong", "thead", "tbody", "tr", "th", "td"}


# --- 1. Reading the appendix section ----------------------------------------------


@dataclass
class Row:
    label: str
    cells: list[str]
    suppressed: bool


@dataclass
class Crosstab:
    notable: str  # the "Opvallend:" lead of a notable table's caption, or ""
    caption: str
    header: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


@dataclass
class Heading:
    level: int  # 2 or 3
    text: str


@dataclass
class Note:
    text: str


Block = Heading | Crosstab | Note


class _Reader(HTMLParser):
    """The blocks of the ``<section>`` labelled by the heading ``section_id``, in order."""

    def __init__(self, section_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self._section_id = section_id
        self.blocks: list[Block] = []
        self._depth = 0  # open elements inside the section; 0: outside it
        self._text: list[str] = []
        self._table: Crosstab | None = None
        self._row: list[str] = []
        self._suppressed = False  # the row being read is a hidden group's
        self._in_head = False
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if self._done:
            return
        if not self._depth:
            if tag == "section" and attributes.get("aria-labelledby") == self._section_id:
                self._depth = 1
            return
        self._depth += 1
        if tag == "p" and "footnote" in classes:
            self._text = []
            return
        if tag not in _KNOWN or tag == "section":
            raise NotTypeset(f"<{tag}> in the crosstab appendix")
        if tag in {"h2", "h3", "th", "td", "caption"}:
            self._text = []
        elif tag == "strong" and self._table is not None:
            self._table.notable = self._flush()
        elif tag == "table":
            self._table = Crosstab(notable="", caption="")
        elif tag == "thead":
            self._in_head = True
        elif tag == "tbody":
            self._in_head = False
        elif tag == "tr":
            self._row, self._suppressed = [], "suppressed" in classes

    def handle_endtag(self, tag: str) -> None:
        if not self._depth or self._done:
            return
        self._depth -= 1
        if not self._depth:
            self._done = True
        elif tag in {"h2", "h3"}:
            self.blocks.append(Heading(int(tag[1]), self._flush()))
        elif tag == "p":
            self.blocks.append(Note(self._flush()))
        elif tag in {"th", "td"}:
            self._row.append(self._flush())
        elif self._table is None:
            return
        elif tag == "strong":
            self._table.notable += self._flush()
        elif tag == "caption":
            self._table.caption = self._flush()
        elif tag == "tr" and self._in_head:
            self._table.header = self._row
        elif tag == "tr" and self._row:
            self._table.rows.append(Row(self._row[0], self._row[1:], self._suppressed))
        elif tag == "tr":
            raise NotTypeset("an empty row in a crosstab")
        elif tag == "table":
            self.blocks.append(self._table)
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._depth and not self._done:
            self._text.append(data)

    def _flush(self) -> str:
        text = _SPACE.sub(" ", "".join(self._text)).strip(" ")
        self._text = []
        return text


def read_appendix(html: str, section_id: str) -> list[Block]:
    """The blocks of the appendix ``section_id``; ``NotTypeset`` for markup not known here."""
    reader = _Reader(section_id)
    reader.feed(html)
    reader.close()
    if not reader.blocks:
        raise NotTypeset("no crosstab appendix on the page")
    for block in reader.blocks:
        if isinstance(block, Crosstab) and (
            not block.header or any(len(row.cells) + 1 != len(block.header) for row in block.rows)
        ):
            raise NotTypeset("a crosstab whose rows do not match its header")
    return reader.blocks


# --- 2. Setting it -----------------------------------------------------------------


@dataclass(frozen=True)
class CellStyle:
    """A crosstab's type and padding, by its number of columns (report.css, print)."""

    size: float
    pad_x: float
    pad_y: float
    wrap_figures: bool  # so many options that a figure may wrap

    @classmethod
    def for_columns(cls, columns: int) -> CellStyle:
        if columns >= 20:
            return cls(0.68 * REM, 0.1 * REM, 0.15 * REM, True)
        if columns >= 17:
            return cls(0.68 * REM, 0.1 * REM, 0.15 * REM, False)
        if columns >= 14:
            return cls(0.8 * REM, 0.2 * REM, 0.2 * REM, False)
        return cls(0.9 * REM, 0.45 * REM, 0.25 * REM, False)


def _texts(blocks: Iterable[Block]) -> Iterable[str]:
    for block in blocks:
        if isinstance(block, Crosstab):
            yield from (block.notable, block.caption, *block.header)
            for row in block.rows:
                yield from (row.label, *row.cells)
        else:
            yield block.text


def _style(name: str, size: float, **more: Any) -> ParagraphStyle:
    """A paragraph style: the report's font, ``size`` points, its line height and colour,
    unless ``more`` says otherwise."""
    base = {"fontName": REGULAR, "leading": size * LINE_HEIGHT, "textColor": TEXT}
    return ParagraphStyle(name, fontSize=size, **(base | more))


class _Heading(Paragraph):
    """A heading: a bookmark in the PDF's outline (h2 at the top, h3 under it)."""

    def __init__(self, heading: Heading) -> None:
        size = 1.35 * REM if heading.level == 2 else 1.05 * REM
        style = _style(
            f"h{heading.level}",
            size,
            fontName=BOLD,
            leading=size * 1.2,
            keepWithNext=1,
            spaceBefore=1.4 * REM if heading.level == 3 else 0,
            spaceAfter=0.4 * REM if heading.level == 3 else 0.8 * REM,
        )
        super().__init__(escape(heading.text), style)
        self.outline = (heading.text, heading.level - 2)

    def draw(self) -> None:
        super().draw()
        if self.outline[1] == 0:  # h2's rule: border-bottom 2px accent, 0.2rem below
            self.canv.setStrokeColor(ACCENT)
            self.canv.setLineWidth(2 * PX)
            self.canv.line(0, -0.2 * REM, self.width, -0.2 * REM)


def _crosstab(table: Crosstab, width: float) -> list[Flowable]:
    style = CellStyle.for_columns(len(table.header))
    caption = escape(table.caption)
    if table.notable:
        caption = f'<font color="{ACCENT_HEX}">{escape(table.notable)}</font> {caption}'
    flowables: list[Flowable] = [
        Paragraph(
            caption,
            _style(
                "caption",
                0.9 * REM,
                fontName=BOLD,
                keepWithNext=1,
                spaceBefore=0.4 * REM + 0.2 * REM,
                spaceAfter=0.2 * REM,
            ),
        )
    ]
    label_style = _style("label", style.size, alignment=TA_LEFT)
    head_left = _style("head", style.size, fontName=BOLD, alignment=TA_LEFT)
    head_right = _style("head-num", style.size, fontName=BOLD, alignment=TA_RIGHT)
    figure_style = _style("figure", style.size, alignment=TA_RIGHT)
    muted_label = _style("muted", style.size, alignment=TA_LEFT, textColor=MUTED)

    header = [Paragraph(escape(table.header[0]), head_left)]
    header += [Paragraph(escape(text), head_right) for text in table.header[1:]]
    rows: list[list[Any]] = [header]
    for row in table.rows:
        label = Paragraph(escape(row.label), muted_label if row.suppressed else label_style)
        cells: list[Any] = row.cells
        if style.wrap_figures:
            cells = [Paragraph(escape(cell), figure_style) for cell in row.cells]
        rows.append([label, *cells])

    # Fixed layout: the label 8em and n 4.5em wide (plus padding), the options share the rest.
    label_width = 8 * style.size + 2 * style.pad_x
    n_width = 4.5 * style.size + 2 * style.pad_x
    options = len(table.header) - 2
    rest = (width - label_width - n_width) / max(options, 1)
    widths = [label_width, n_width, *([rest] * options)]

    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, style.size, style.size * LINE_HEIGHT),
        ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), style.pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), style.pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), style.pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), style.pad_y),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("LINEBELOW", (0, 0), (-1, 0), 2 * PX, TEXT),
        ("LINEBELOW", (0, 1), (-1, -1), PX, RULE),
    ]
    for index, row in enumerate(table.rows, 1):
        if row.suppressed:
            commands.append(("TEXTCOLOR", (0, index), (-1, index), MUTED))
    flowables.append(
        Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(commands), hAlign="LEFT")
    )
    flowables[-1].spaceAfter = 0.3 * REM
    return flowables


def _flowables(blocks: Iterable[Block], width: float) -> list[Flowable]:
    story: list[Flowable] = []
    note = _style("note", 0.8 * REM, textColor=MUTED, spaceAfter=1 * REM)
    for block in blocks:
        if isinstance(block, Heading):
            story.append(_Heading(block))
        elif isinstance(block, Crosstab):
            story += _crosstab(block, width)
        else:
            story.append(Paragraph(escape(block.text), note))
    return story


class _Document(BaseDocTemplate):
    """A4 in report.css's margins; every heading a bookmark."""

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Heading):
            title, level = flowable.outline
            key = f"h{id(flowable)}"
            # At the heading, as WeasyPrint's bookmarks are: the frame's cursor is below it.
            frame = self.frame
            top = frame._y + flowable.height + flowable.style.spaceAfter
            self.canv.bookmarkPage(key, fit="XYZ", left=frame._x1, top=top)
            self.canv.addOutlineEntry(title, key, level=level)


def typeset_appendix(html: str, section_id: str) -> tuple[bytes, int]:
    """The crosstab appendix (the section labelled ``section_id``) of ``html`` as a PDF of
    its own, without footers, and its number of pages. ``NotTypeset`` when it cannot be
    set here as WeasyPrint would."""
    blocks = read_appendix(html, section_id)
    check_characters(_texts(blocks))
    out = io.BytesIO()
    width, height = A4
    frame = Frame(
        PAGE_MARGINS["left"],
        PAGE_MARGINS["bottom"],
        width - PAGE_MARGINS["left"] - PAGE_MARGINS["right"],
        height - PAGE_MARGINS["top"] - PAGE_MARGINS["bottom"],
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document = _Document(out, pagesize=A4, pageTemplates=[PageTemplate(frames=[frame])])
    document.build(_flowables(blocks, frame._width))
    return out.getvalue(), document.page
