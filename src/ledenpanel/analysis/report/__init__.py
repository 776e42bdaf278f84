"""The analysis report: one self-contained HTML page (and its PDF) from a result dict.

``render_html(result, lang="nl")`` turns the analysis result (``analysis.json``,
see ``docs/analysis.schema.json``) into a single HTML document, as the board
reads it: semantic tables with captions and ``scope`` headers, the CSS
inlined, no script, font, image or link to anything outside the page (the
report is opened offline, mailed around and printed). ``render_pdf(result, lang="nl")``
prints the same page on A4 with WeasyPrint, which is refused every URL.

Dutch is the report's own language and English its translation: the Dutch
text stays in the template and in these modules, marked for ``gettext``, and
``locale/en/LC_MESSAGES/report.po`` (compiled to ``report.mo`` with
``msgfmt --check``) translates it. Every msgid is a Python format string
(``%%`` for a percent sign), as Jinja's new-style gettext requires. Text from
the result itself (question and option labels, discussion point titles,
weighting notes) is the party's and is printed as it is. An unknown language
falls back to Dutch. A new or changed Dutch text needs its entry in
``report.po`` (``tests/analysis/test_report.py`` names any that is missing or
no longer used); then run ``msgfmt --check -o report.mo report.po``.

The result may be partial or from an older engine: every figure is read with
``.get`` and a missing or hidden (``null``) figure prints "—". Only the
formatting (Dutch numbers "62 %", "3,4", "1.234"; English "62%", "3.4",
"1,234") and look-ups (labels for names) happen here; the template decides
what is shown.

The modules, each depending only on those above it:

- ``i18n``: the languages, their gettext catalogs and the ``Translator``;
- ``lenient``: reading values from a result that may be partial or odd;
- ``formats``: numbers, percentages, p-values and intervals, Dutch or English;
- ``labels``: the questionnaire's labels for the engine's names;
- ``notices``: the engine's coded notes, warnings and discussion points in words;
- ``input_notices``: the file reader's coded notes (``ledenpanel analyse``) in words;
- ``outcomes``: the summary's main outcomes and margin of error in words;
- ``drawing``: plain SVG: shapes, text measured in the report's font, axes, legends;
- ``charts``: one SVG chart per question;
- ``group_charts``: the dot plot of a notable difference between groups;
- ``viewmodels``: the result turned into what each section of the template shows;
- ``typesetting``: the report's font for reportlab, and what reportlab cannot set;
- ``table_appendix``: the crosstab appendix typeset with reportlab (a cell costs
  WeasyPrint about a millisecond);
- ``chart_stamps``: the charts in the PDF drawn by reportlab, laid where
  WeasyPrint left room (it draws SVG text letter by letter);
- ``cutting``: the page cut into documents printed apart (front, two parts, appendix);
- ``joining``: those documents as one PDF (pages, links, bookmarks, footers; pikepdf);
- ``printing``: the PDF, printed in parts on two cores, appendix and charts by reportlab;
- ``rendering``: the Jinja2 environment, ``render_html`` and ``render_pdf``.
"""

from __future__ import annotations

from .formats import (
    fmt_count,
    fmt_number,
    fmt_p,
    fmt_percent,
    fmt_percent_range,
    fmt_plain,
    fmt_points,
    fmt_range,
    fmt_signed,
)
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALE_DIR, language
from .rendering import HERE, render_html, render_pdf

__all__ = [
    "DEFAULT_LANGUAGE",
    "HERE",
    "LANGUAGES",
    "LOCALE_DIR",
    "fmt_count",
    "fmt_number",
    "fmt_p",
    "fmt_percent",
    "fmt_percent_range",
    "fmt_plain",
    "fmt_points",
    "fmt_range",
    "fmt_signed",
    "language",
    "render_html",
    "render_pdf",
]
