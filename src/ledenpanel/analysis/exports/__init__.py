"""Exports of a closed panel's responses for the board and researchers.

:func:`export_table` builds one respondent table and its codebook from the
engine's plain inputs, keeping only what may leave the app
(:mod:`.microdata`: background bands that disclose no group's answers; open
answers only when the board included them, and scrubbed); the writers turn
that one table into CSV (:mod:`.delimited`), XLSX (:mod:`.xlsx`) and SPSS
``.sav`` (:mod:`.sav`). Pure: no Django, so ``ledenpanel analyse`` and tests
use it on plain data.

:mod:`.sav` is not imported here: it loads pandas and pyreadstat, which a
process should pay for only when it writes a ``.sav`` (``django.setup()``
imports this package through the results app and loads no statistics
library, ``tests/test_startup.py``).
"""

from ledenpanel.analysis.exports.delimited import codebook_csv_lines, table_csv_lines
from ledenpanel.analysis.exports.microdata import Protection, protect
from ledenpanel.analysis.exports.table import ExportTable, codebook_rows, export_table
from ledenpanel.analysis.exports.xlsx import table_xlsx

__all__ = [
    "ExportTable",
    "Protection",
    "codebook_csv_lines",
    "codebook_rows",
    "export_table",
    "protect",
    "table_csv_lines",
    "table_xlsx",
]
