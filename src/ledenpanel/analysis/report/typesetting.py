"""What reportlab sets beside WeasyPrint in the report's PDF: its font and its limits.

The crosstab appendix (``table_appendix``) and the charts (``chart_stamps``) are
drawn by reportlab, many times faster, in the report's own font: the very file
Pango picks for report.css's first family. reportlab sets text left to right
with the font's glyphs and nothing else, so a text that needs more (a character
the font lacks, a right-to-left script, a combining mark) is refused with
``NotTypeset``; the caller then lets WeasyPrint print it, as it would have.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ledenpanel.kernel.fonts import FontMissing, font_file

REGULAR, BOLD = "ReportSans", "ReportSans-Bold"
FONTS = {REGULAR: "DejaVu Sans", BOLD: "DejaVu Sans:bold"}  # report.css's first family
_NEEDS_SHAPING = {"R", "AL", "AN"}  # bidirectional classes reportlab would set left to right
_MARKS = {"Mn", "Mc", "Me"}  # combining marks: Pango places them on their letter, reportlab not


class NotTypeset(Exception):
    """This cannot be set with reportlab as WeasyPrint would set it; print it there."""


@cache
def report_fonts() -> frozenset[int]:
    """Registers the report's font with reportlab (once a process); the characters it has
    in both weights."""
    try:
        faces = {name: TTFont(name, font_file(pattern)) for name, pattern in FONTS.items()}
    except (FontMissing, OSError) as error:
        raise NotTypeset(str(error)) from error
    for face in faces.values():
        pdfmetrics.registerFont(face)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    covered = [set(face.face.charToGlyph) for face in faces.values()]
    return frozenset(set.intersection(*covered))


def check_characters(texts: Iterable[str]) -> None:
    """``NotTypeset`` unless reportlab sets every character of ``texts`` as WeasyPrint would."""
    covered = report_fonts()
    for text in texts:
        for char in set(text):
            if (
                ord(char) not in covered
                or unicodedata.bidirectional(char) in _NEEDS_SHAPING
                or unicodedata.category(char) in _MARKS
            ):
                raise NotTypeset(f"U+{ord(char):04X} needs a font or shaping reportlab lacks")
