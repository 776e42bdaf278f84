"""Readers for ``ledenpanel analyse``: an XLSForm, a responses CSV and a population CSV.

- :func:`read_form` (``FORM.xlsx`` → :class:`~ledenpanel.analysis.data.Form`)
- :func:`read_responses` (``RESPONSES.csv`` or KoboToolbox's ``.xlsx`` →
  :class:`~ledenpanel.analysis.data.Responses`), strict; :func:`read_export`,
  lenient with other tools' exports (absent question columns, answers of older
  form versions, extra missing codes); a workbook's first sheet is read as the
  CSV is (:mod:`.responses_xlsx`)
- :func:`choose_background` (which unknown columns are crosstab variables)
- :func:`read_population` (``POP.csv`` → :class:`~ledenpanel.analysis.data.Population`)

Bad input raises :class:`InputError`, whose ``problems`` each name the file and
where in it (sheet and row for the form, line and column for the CSVs); the
command line prints them and exits 1. Each reader takes an optional
``warnings`` list to which it appends what it ignored or skipped, each with a
``code`` and ``params`` besides its English message, so that the report can
say it in its own language; nothing is printed here, and no message ever
holds an open answer.
"""

from .background import Background, choose_background, metadata_reason
from .errors import MAX_PROBLEMS, InputError, Problem
from .population_csv import read_population
from .responses_csv import Export, Missing, UnknownAnswers, read_export, read_responses
from .xlsform import read_form

__all__ = [
    "MAX_PROBLEMS",
    "Background",
    "Export",
    "InputError",
    "Missing",
    "Problem",
    "UnknownAnswers",
    "choose_background",
    "metadata_reason",
    "read_export",
    "read_form",
    "read_population",
    "read_responses",
]
