"""The PDF's two parts as one document: pages, footers and link targets (pypdf).

``printing`` prints the report in two parts, each without its footer; the first
ends with a page holding only the stand-in for the appendix (its link target).
Here the stand-in's page gives way to the appendix, the stand-in's named
destination moves to the appendix's first page (the contents and the links
lead there), and every page gets its footer "pagina 3 van 70" stamped on top
from a footer-only document that WeasyPrint prints with the report's own
``@page`` rule: the same font, size and place as a footer printed with the page.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypdf import PdfWriter

_PAGE_RULE = re.compile(r"@page\s*\{.*?\n\}", re.S)  # report.css's first, multi-line @page


def footer_html(css: str, pages: int) -> str:
    """``pages`` empty pages with the report's footer ("pagina 3 van 70") on each."""
    found = _PAGE_RULE.search(css)
    if found is None:
        raise ValueError("report.css has no @page rule")
    # Only the @page rule: anything painted on the page would cover the report under it.
    style = found.group() + "\np { margin: 0; break-after: page; }"
    return f"<html><head><style>{style}</style></head><body>{'<p></p>' * pages}</body></html>"


def join_halves(body: bytes, appendix: bytes, target: str) -> PdfWriter:
    """The halves as one document, the body's last page (the stand-in's) left out and
    the named destination ``target`` moved to the appendix's first page."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(body)))
    writer.remove_page(len(writer.pages) - 1)
    first = len(writer.pages)
    # Its bookmarks come after the report's, at the top level: pypdf nests nothing
    # under an outline item it copied (in one document they sit under the title).
    writer.append(PdfReader(io.BytesIO(appendix)), import_outline=True)
    _point_to(writer, target, first)
    return writer


def stamp_footers(writer: PdfWriter, footers: bytes) -> bytes:
    """Each page with the footer of the same page of ``footers`` on top, as a PDF."""
    from pypdf import PdfReader

    stamps = PdfReader(io.BytesIO(footers)).pages
    if len(stamps) != len(writer.pages):
        raise ValueError(f"{len(stamps)} footers for {len(writer.pages)} pages")
    for page, footer in zip(writer.pages, stamps, strict=True):
        page.merge_page(footer)  # wraps the page's own drawing in q … Q, then the footer
        page.compress_content_streams()  # merge_page leaves them uncompressed
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _point_to(writer: PdfWriter, name: str, page: int) -> None:
    """The named destination ``name`` moved to ``page``, at the same place on it (the top
    of the text), so the links to it lead there."""
    from pypdf.generic import ArrayObject

    names = writer.root_object.get("/Names", {}).get("/Dests", {}).get("/Names")
    if names is None:  # WeasyPrint writes a flat name tree; anything else is left alone
        return
    for index in range(0, len(names) - 1, 2):
        if names[index] == name:
            place = names[index + 1].get_object()
            names[index + 1] = ArrayObject([writer.pages[page].indirect_reference, *place[1:]])
