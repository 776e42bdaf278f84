"""Print-ready letters: one body per run, stamped per letter, one A4 page each.

A national run has tens of thousands of letters that differ only in a few
lines, so the work is split in two (bench/letters.py has the figures):

1. **The body** (:func:`render_body`): WeasyPrint renders the page that is the
   same for every letter of a run (``templates/invitations/letters/body.html``
   and ``letter.css``: sender, window-envelope address field, text, the "how"
   box) once, with empty fixed-size *slots* where the letters differ. It
   reports where each slot landed (its anchors), so the stamps follow the
   layout, whatever the length of the text above them. The body holds no
   member data, so a process keeps the last few in memory.
2. **The stamps** (:func:`stamp_pdf`): reportlab draws, for all letters of a
   batch in one document, only what differs: name and postal address in the
   window, the salutation, the grouped code and the QR code (vector modules).
   The fonts are the machine's DejaVu (what the body uses; found with
   ``fc-match``, never fetched), embedded as subsets, so names with any
   diacritics print and stay extractable.
3. **The merge** (:func:`merge`): pikepdf (qpdf) turns the body page into one
   Form XObject that every page of the batch draws under its stamps: the
   body's text, fonts and drawing are stored once per file.

Letters go to Dutch members, so the text is Dutch whatever the request's
language.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from fontTools.ttLib import TTFont as FontFile
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from ledenpanel.invitations import crypto
from ledenpanel.invitations.models import Announcement, MessageKind
from ledenpanel.kernel.fonts import FontMissing, font_file
from ledenpanel.panels.models import Panel

CSS_PATH = settings.PACKAGE_DIR / "templates" / "invitations" / "letters" / "letter.css"
_POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")
# WeasyPrint logs every page it lays out at INFO, and its warnings can quote
# the document: errors surface as exceptions, recorded on the batch by type only.
logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
# pikepdf says at INFO that it was loaded, in every process.
logging.getLogger("pikepdf").setLevel(logging.WARNING)

PAGE_WIDTH, PAGE_HEIGHT = A4  # points
CSS_PX = 0.75  # points per CSS pixel: WeasyPrint's anchors are in CSS pixels
# The text must end above the sheet's bottom edge, clear of a printer's margin.
TEXT_BOTTOM = PAGE_HEIGHT - 10 * mm


class LetterTooLong(Exception):
    """The run's text does not fit on one page (an announcement too long)."""


class LetterFontMissing(Exception):
    """The machine lacks the font the letter body is set in (DejaVu)."""


@dataclass(frozen=True)
class Letter:
    """What one page prints: the member's postal address and their code."""

    name: str
    salutation: str
    street: str
    postcode: str
    city: str
    code: str  # compact, e.g. ACDEFGHJKMN

    @property
    def code_grouped(self) -> str:
        return crypto.format_code(self.code)

    @property
    def address_lines(self) -> list[str]:
        # Two spaces between postcode and town, as PostNL prints them.
        return [self.name, self.street, f"{self.postcode}  {self.city}"]


@dataclass(frozen=True)
class TextStyle:
    """A slot's type, the same as letter.css gives the element (keep in step)."""

    font: str  # a key of FONTS
    size: float  # points
    leading: float  # CSS line-height, points
    spacing: float = 0.0  # CSS letter-spacing, points


FONTS = {"LetterSans": "DejaVu Sans", "LetterMonoBold": "DejaVu Sans Mono:bold"}
STAMP_STYLE = {
    "address": TextStyle("LetterSans", 10, 4.5 * mm),
    "salutation": TextStyle("LetterSans", 9.5, 9.5 * 1.38),
    "code": TextStyle("LetterMonoBold", 22, 22 * 1.38, spacing=0.6),
}
SLOTS = ("address", "salutation", "code", "qr")
# The QR codes' mask pattern, fixed. Choosing it per code (segno's default:
# the lowest ISO 18004 penalty of the eight) is 80 % of a letter's CPU time
# (4.4 of 5.7 ms), more than a national run can spend. Any mask decodes the
# same; this one is segno's own choice for 41 % of our answer URLs and scores
# on average 3 % above the best (docs/architecture.md, letters).
QR_MASK = 3


@dataclass(frozen=True)
class Box:
    """A slot on the page, in points, measured from the top-left corner."""

    x: float
    y: float
    width: float
    height: float

    @classmethod
    def from_anchor(cls, anchor: tuple[float, float, float, float]) -> Box:
        x1, y1, x2, y2 = (value * CSS_PX for value in anchor)
        return cls(x1, y1, x2 - x1, y2 - y1)


@dataclass(frozen=True)
class Body:
    """A run's rendered body: the one-page PDF and where its slots are."""

    pdf: bytes
    slots: dict[str, Box]


def postal_postcode(postcode: str) -> str:
    """Dutch postcodes as PostNL prints them ("1234 AB"); others unchanged."""
    match = _POSTCODE.match(postcode)
    return f"{match[1]} {match[2].upper()}" if match else postcode.strip()


def answer_url(code: str) -> str:
    """The answering page for a code; the QR code opens it directly.

    After the close the same address shows the member the results.
    """
    return settings.SITE_URL + reverse("responses:answer", kwargs={"secret": code})


def code_page_url() -> str:
    """Where a member types the code (printed, without the scheme, for typing)."""
    url = settings.SITE_URL + reverse("responses:enter_code")
    return url.split("://", 1)[-1]


def letter_for(
    *,
    first_name: str,
    infix: str,
    last_name: str,
    street: str,
    house_number: str,
    postcode: str,
    city: str,
    code: str,
) -> Letter:
    # NFC: the stamp fonts are not shaped, so "Nguyễn" must be precomposed.
    name = unicodedata.normalize(
        "NFC", " ".join(part for part in (first_name, infix, last_name) if part)
    )
    return Letter(
        name=name,
        salutation=name,
        street=unicodedata.normalize(
            "NFC", " ".join(part for part in (street, house_number) if part)
        ),
        postcode=postal_postcode(postcode),
        city=unicodedata.normalize("NFC", city.upper()),
        code=code,
    )


# --- 1. The body ---------------------------------------------------------------


def body_html(
    *, panel: Panel, kind: str, today: date, announcement: Announcement | None = None
) -> str:
    """The run's body as HTML: no member data, the same for every letter."""
    with translation.override("nl"):
        return render_to_string(
            "invitations/letters/body.html",
            {
                "panel": panel,
                "reminder": kind == MessageKind.REMINDER,
                "announcement": announcement,
                "today": today,
                "code_page": code_page_url(),
                "return_address": settings.LETTER_RETURN_ADDRESS,
                "contact": settings.LETTER_CONTACT,
            },
        )


@cache
def _stylesheet():  # type: ignore[no-untyped-def]
    from weasyprint import CSS  # imported here: loading it costs ~0.5 s

    return CSS(string=CSS_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def render_body(html: str) -> Body:
    """Lay out the body once and find its slots (cached: it holds no member data)."""
    from weasyprint import HTML

    document = HTML(string=html).render(stylesheets=[_stylesheet()])
    if len(document.pages) != 1:
        raise LetterTooLong
    anchors = document.pages[0].anchors
    # What runs off the sheet is not laid out at all (letter.css hides the
    # overflow): a slot or the sign-off is then missing, or ends too low.
    if any(f"slot-{name}" not in anchors for name in (*SLOTS, "end")):
        raise LetterTooLong
    end = Box.from_anchor(anchors["slot-end"])
    if end.y + end.height > TEXT_BOTTOM:
        raise LetterTooLong
    slots = {name: Box.from_anchor(anchors[f"slot-{name}"]) for name in SLOTS}
    return Body(pdf=document.write_pdf(), slots=slots)


# --- 2. The stamps -------------------------------------------------------------


def _font_file(pattern: str) -> str:
    """The machine's font file for a fontconfig pattern, as WeasyPrint finds it."""
    try:
        return font_file(pattern)
    except FontMissing as missing:
        raise LetterFontMissing(missing.family) from missing


@dataclass(frozen=True)
class FontMetrics:
    """What a line box needs: ascent and descent per point of size."""

    ascent: float
    descent: float


@cache
def _font(name: str) -> FontMetrics:
    """Register a stamp font with reportlab (once a process) and return its metrics.

    Pango (WeasyPrint) places text in a line box by the font's ``hhea``
    ascender and descender, so those are read here too, not reportlab's.
    """
    path = _font_file(FONTS[name])
    pdfmetrics.registerFont(TTFont(name, path))
    with FontFile(path, lazy=True) as font:
        per_em = font["head"].unitsPerEm
        return FontMetrics(font["hhea"].ascent / per_em, -font["hhea"].descent / per_em)


def _baseline(style: TextStyle, top: float) -> float:
    """The baseline of a line whose box starts at ``top`` (points from the top).

    CSS centres the glyphs' ascent + descent in the line box ("half-leading").
    """
    metrics = _font(style.font)
    content = (metrics.ascent + metrics.descent) * style.size
    return top + (style.leading - content) / 2 + metrics.ascent * style.size


def _draw_lines(canvas: Canvas, style: TextStyle, box: Box, lines: list[str]) -> None:
    y = box.y
    for line in lines:
        canvas.setFont(style.font, style.size)
        canvas.drawString(box.x, PAGE_HEIGHT - _baseline(style, y), line, charSpace=style.spacing)
        y += style.leading


def _wrapped(lines: list[str], style: TextStyle, box: Box) -> list[str]:
    """Wrap long lines at spaces, as the browser would; at most what the box holds."""
    fitting = int(box.height // style.leading + 0.01)
    wrapped = []
    for line in lines:
        if _width(line, style) <= box.width:
            wrapped.append(line)  # as it is: splitting would fold double spaces
        else:
            wrapped += simpleSplit(line, style.font, style.size, box.width)
    return wrapped[:fitting]


def _width(text: str, style: TextStyle) -> float:
    return pdfmetrics.stringWidth(text, style.font, style.size) + style.spacing * len(text)


def _fitted(text: str, style: TextStyle, box: Box) -> TextStyle:
    """The style at a size that fits ``text`` on the slot's one line."""
    width = _width(text, style)
    if width <= box.width:
        return style
    return TextStyle(style.font, style.size * box.width / width, style.leading, style.spacing)


def qr_matrix(url: str) -> tuple[bytearray, ...]:
    """The QR code of ``url`` as segno makes it: rows of modules, 1 is dark."""
    return segno.make(url, error="m", mask=QR_MASK).matrix


def _draw_qr(canvas: Canvas, box: Box, url: str) -> None:
    """The QR code of ``url`` (:func:`qr_matrix`), four modules of quiet zone, as squares.

    Dark modules are joined into runs per row and filled as one path: exact at
    any print resolution, with no seams between modules. The path is written
    as PDF operators directly: a few hundred rectangles a page, and
    reportlab's path object would spend more time on them than on the page.
    """
    matrix = qr_matrix(url)
    module = box.width / (len(matrix) + 8)
    left, top = box.x + 4 * module, box.y + 4 * module
    ops = []
    for row, cells in enumerate(matrix):
        y = PAGE_HEIGHT - top - (row + 1) * module
        for start, end in _runs(cells):
            ops.append(
                f"{left + start * module:.3f} {y:.3f} {(end - start) * module:.3f} {module:.3f} re"
            )
    canvas.addLiteral("0 g\n" + "\n".join(ops) + "\nf")


def _runs(cells: bytearray) -> list[tuple[int, int]]:
    """The [start, end) column ranges of dark modules in one row."""
    runs, start = [], None
    for column, dark in enumerate(cells):
        if dark and start is None:
            start = column
        elif not dark and start is not None:
            runs.append((start, column))
            start = None
    if start is not None:
        runs.append((start, len(cells)))
    return runs


def stamp_pdf(*, body: Body, letters: list[Letter], title: str) -> bytes:
    """One page per letter holding only what differs between letters."""
    for name in FONTS:
        _font(name)  # registered with reportlab before the first measure
    buffer = io.BytesIO()
    # Content streams are compressed once, by qpdf in :func:`merge`.
    canvas = Canvas(buffer, pagesize=A4, invariant=True, pageCompression=0)
    canvas.setTitle(title)
    slots = body.slots
    address, window = STAMP_STYLE["address"], slots["address"]
    with translation.override("nl"):
        greeting = gettext("Beste %(name)s,")
    for letter in letters:
        _draw_lines(canvas, address, window, _wrapped(letter.address_lines, address, window))
        salutation = greeting % {"name": letter.salutation}
        style = _fitted(salutation, STAMP_STYLE["salutation"], slots["salutation"])
        _draw_lines(canvas, style, slots["salutation"], [salutation])
        _draw_lines(canvas, STAMP_STYLE["code"], slots["code"], [letter.code_grouped])
        _draw_qr(canvas, slots["qr"], answer_url(letter.code))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def warm_up() -> None:
    """Load WeasyPrint, the stylesheet and the stamp fonts (a worker's first batch)."""
    _stylesheet()
    for name in FONTS:
        _font(name)


# --- 3. The merge --------------------------------------------------------------


def merge(*, body: Body, stamps: bytes) -> bytes:
    """Put the body under every stamped page, as one shared Form XObject."""
    import pikepdf  # imported here, like WeasyPrint: only the worker needs it

    with pikepdf.open(io.BytesIO(stamps)) as pdf, pikepdf.open(io.BytesIO(body.pdf)) as source:
        form = pdf.copy_foreign(source.pages[0].as_form_xobject())
        for page in pdf.pages:
            page.add_underlay(form)
        out = io.BytesIO()
        pdf.save(
            out,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            deterministic_id=True,
        )
    return out.getvalue()


def letters_pdf(
    *,
    panel: Panel,
    kind: str,
    letters: list[Letter],
    today: date,
    announcement: Announcement | None = None,
) -> bytes:
    """A batch's letters as one PDF, one A4 page per letter, in the given order."""
    body = render_body(body_html(panel=panel, kind=kind, today=today, announcement=announcement))
    return merge(body=body, stamps=stamp_pdf(body=body, letters=letters, title=panel.title))
