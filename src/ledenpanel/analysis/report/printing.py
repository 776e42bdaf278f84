"""The report's PDF: WeasyPrint prints the report, reportlab sets its crosstab appendix.

WeasyPrint lays out and draws at about a millisecond of processor time per
element here. The national report's crosstab appendix ("Bijlage: alle tabellen
per groep": ~7,000 cells in 124 tables) was nine of its twenty seconds; it is
the page's last section and starts a page, so it is cut off the page and set
by ``table_appendix`` (reportlab, under a second) from the same template's
markup, and ``joining`` makes the two one document. Two things span both:

- the footer "pagina 3 van 70": neither part knows the total, so both are
  printed without it, and every page gets its footer stamped from a third,
  footer-only document that WeasyPrint prints with the report's own ``@page``;
- the table of contents and the links to the appendix: the first part ends
  with an empty stand-in for the appendix on a page of its own, so its
  ``target-counter`` gives the appendix's real page; that page is dropped and
  the stand-in's link target moved to the appendix's first page.

An appendix that ``table_appendix`` cannot set as WeasyPrint would (markup it
does not know, a script its font lacks) is printed by WeasyPrint instead; a
report without crosstabs is printed as one document.
"""

from __future__ import annotations

import base64
import logging
import re
import time

from .joining import footer_html, join_halves, stamp_footers
from .table_appendix import NotTypeset, typeset_appendix

logger = logging.getLogger(__name__)

# The template's crosstab appendix: the last section of <main>, with no section inside it.
APPENDIX_OPEN = '<section aria-labelledby="bijlage-groepen" class="appendix">'
APPENDIX_ID = "bijlage-groepen"
# Starts a page (section.appendix in report.css) and carries the appendix's link target.
STAND_IN = f'<section class="appendix" id="{APPENDIX_ID}"></section>'
NO_FOOTER = "<style>@page { @bottom-right { content: none; } }</style>\n</head>"
_INLINE_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)
_LABEL = re.compile(r'<svg\b[^>]*?\saria-label="([^"]*)"')


def print_report(html: str, css: str) -> bytes:
    """The report's PDF, its crosstab appendix set by reportlab.

    Logs (INFO, ``extra``) the processor seconds of the report, the appendix and the
    join, and which typesetter set the appendix.
    """
    page = charts_as_images(html)
    parts = split_at_appendix(page)
    if parts is None:
        return print_document(page)  # footers and all
    first, appendix = parts
    started = time.process_time()
    body, body_pages = _print(first)
    body_cpu = time.process_time() - started
    try:
        tables, table_pages = typeset_appendix(appendix, APPENDIX_ID)
        typesetter = "reportlab"
    except NotTypeset as refused:
        logger.info("crosstab appendix printed by WeasyPrint", extra={"reason": str(refused)})
        tables, table_pages = _print(appendix)
        typesetter = "weasyprint"
    appendix_cpu = time.process_time() - started - body_cpu
    pages = body_pages - 1 + table_pages  # the stand-in's page gives way to the appendix
    writer = join_halves(body, tables, APPENDIX_ID)
    pdf = stamp_footers(writer, print_document(footer_html(css, pages)))
    logger.info(
        "report PDF printed",
        extra={
            "body_cpu_s": body_cpu,
            "appendix_cpu_s": appendix_cpu,
            "join_cpu_s": time.process_time() - started - body_cpu - appendix_cpu,
            "appendix_typesetter": typesetter,
        },
    )
    return pdf


def split_at_appendix(html: str) -> tuple[str, str] | None:
    """The page as two documents, without footers: all before the crosstab appendix
    (ending with its stand-in) and the appendix alone; None when it has none."""
    start = html.find(APPENDIX_OPEN)
    body = html.find("<body>")
    if start < 0 or body < 0 or html.count("</head>") != 1:
        return None
    end = html.index("</section>", start) + len("</section>")
    head = html[: body + len("<body>")].replace("</head>", NO_FOOTER)
    first = html[:start].replace("</head>", NO_FOOTER) + STAND_IN + html[end:]
    return first, f"{head}\n<main>\n{html[start:]}"


def charts_as_images(html: str) -> str:
    """The page with each inline ``<svg>`` chart as an ``<img>`` of the same SVG.

    For the PDF only: WeasyPrint draws both alike (vector shapes, real text), but
    an inline chart is first parsed by the HTML parser and gets a style for each
    of its elements (2,600 in the national report's 36 charts) before its SVG is
    written out and parsed again; as an image it is parsed once, by ElementTree.
    The web page keeps its inline SVG (``role="img"``, title and description).
    """

    def image(found: re.Match[str]) -> str:
        svg = found.group()
        label = _LABEL.match(svg)
        alt = label.group(1) if label else ""  # already escaped in the attribute
        standalone = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
        data = base64.b64encode(standalone.encode("utf-8")).decode("ascii")
        return f'<img class="chart" alt="{alt}" src="data:image/svg+xml;base64,{data}">'

    return _INLINE_SVG.sub(image, html)


def print_document(html: str) -> bytes:
    """One document as a PDF. WeasyPrint may fetch nothing: it reads only the
    ``data:`` URLs of the page itself (its charts, see ``charts_as_images``)."""
    return _print(html)[0]


def _print(html: str) -> tuple[bytes, int]:
    from weasyprint import HTML  # slow import, and only the PDF needs it
    from weasyprint.urls import URLFetcher

    inline_only = URLFetcher(allowed_protocols=frozenset({"data"}))
    document = HTML(string=html, url_fetcher=inline_only).render()
    return document.write_pdf(), len(document.pages)
