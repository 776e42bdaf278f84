"""The documents printed apart as one PDF: pages, link targets, bookmarks, footers.

``printing`` prints the report as several documents (``cutting``), each without
its footer and each ending with pages of stand-ins (empty elements for the ids
it links to in other documents). Here, with pikepdf (qpdf):

- each document's own pages are put one after the other, the stand-ins' pages
  left out;
- the named destinations (what every link and the contents point at) are those
  of the documents' own pages, at their new page numbers; a name no document
  holds (the crosstab appendix, set by reportlab) is put where it goes;
- the bookmarks are made anew in order, the later documents' under the report's
  title, as in a report printed in one go;
- every page gets its footer "pagina 3 van 70" on top, from a footer-only
  document WeasyPrint prints with the report's own ``@page`` rule: the same
  font, size and place as a footer printed with the page.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from pikepdf import Array, Dictionary, Name, OutlineItem, PageCopyWarning, Pdf, String

_PAGE_RULE = re.compile(r"@page\s*\{.*?\n\}", re.S)  # report.css's first, multi-line @page


@dataclass(frozen=True)
class Printed:
    """One document as printed: its PDF and how many of its pages are its own (the
    stand-ins' pages come after them)."""

    pdf: bytes
    pages: int
    anchors: Mapping[str, int] = field(default_factory=dict)  # its ids and their page, from 0
    cpu_s: float = 0.0  # the processor time it took


def footer_html(css: str, pages: int) -> str:
    """``pages`` empty pages with the report's footer ("pagina 3 van 70") on each."""
    found = _PAGE_RULE.search(css)
    if found is None:
        raise ValueError("report.css has no @page rule")
    # Only the @page rule: anything painted on the page would cover the report under it.
    style = found.group() + "\np { margin: 0; break-after: page; }"
    return f"<html><head><style>{style}</style></head><body>{'<p></p>' * pages}</body></html>"


def join(documents: Sequence[Printed], placed: Mapping[str, int], footers: bytes) -> bytes:
    """The documents' own pages as one PDF with their links, bookmarks and footers.

    ``placed`` gives the page (from 0) of a named destination that no document holds
    on its own pages; it keeps the place on the page its stand-in had (the top of
    the text).
    """
    sources = [Pdf.open(io.BytesIO(document.pdf)) for document in documents]
    found = _gather(sources, documents)
    for name, page in placed.items():
        if name not in found.destinations:
            place = found.stand_ins.get(name, [Name.Fit])
            found.destinations[name] = (page, place)

    # The first document's own catalogue (language, metadata) with everyone's pages.
    joined = sources[0]
    del joined.pages[documents[0].pages :]
    for name in ("/Outlines", "/Names"):
        if name in joined.Root:
            del joined.Root[name]
    with warnings.catch_warnings():
        # "does not preserve named destinations": they are written anew below.
        warnings.simplefilter("ignore", PageCopyWarning)
        for source, document in zip(sources[1:], documents[1:], strict=True):
            joined.pages.extend(source.pages[: document.pages])
    _write_names(joined, found.destinations)
    _write_outline(joined, found.bookmarks)
    _stamp(joined, footers)
    out = io.BytesIO()
    joined.save(out)
    return out.getvalue()


@dataclass
class _Found:
    """What the documents hold on their own pages, at their page in the whole."""

    destinations: dict[str, tuple[int, list]] = field(default_factory=dict)  # page, place
    bookmarks: list[tuple[int, str, int, list]] = field(default_factory=list)  # depth, title…
    stand_ins: dict[str, list] = field(default_factory=dict)  # a stand-in's place on its page


def _gather(sources: Sequence[Pdf], documents: Sequence[Printed]) -> _Found:
    found = _Found()
    offset = under = 0
    for index, (source, document) in enumerate(zip(sources, documents, strict=True)):
        numbers = {page.obj.objgen: number for number, page in enumerate(source.pages)}
        for name, where in _names(source):
            page = numbers.get(where[0].objgen)
            if page is not None and page < document.pages:
                found.destinations.setdefault(name, (offset + page, list(where[1:])))
            elif page is not None:
                found.stand_ins.setdefault(name, list(where[1:]))
        outline = list(_outline(source, numbers))
        if index == 0:  # the report's title alone at the top: the rest goes under it
            under = 1 if [depth for depth, *_ in outline].count(0) == 1 else 0
        for depth, title, page, place in outline:
            if 0 <= page < document.pages:
                depth += under if index else 0
                found.bookmarks.append((depth, title, offset + page, place))
        offset += document.pages
    return found


def _names(source: Pdf) -> Iterator[tuple[str, Array]]:
    """The named destinations of a document (its /Dests name tree), as arrays."""
    names = source.Root.get("/Names")
    tree = names.get("/Dests") if names is not None else None
    if tree is None:
        return

    def walk(node: Dictionary) -> Iterator[tuple[str, Array]]:
        flat = node.get("/Names")
        if flat is not None:
            for position in range(0, len(flat) - 1, 2):
                where = flat[position + 1]
                where = where.get("/D", where) if isinstance(where, Dictionary) else where
                yield str(flat[position]), where
        for kid in node.get("/Kids", []):
            yield from walk(kid)

    yield from walk(tree)


def _outline(source: Pdf, numbers: Mapping[tuple[int, int], int]) -> Iterator[tuple]:
    """The bookmarks of a document, in order: depth, title, page (from 0) and place."""
    outlines = source.Root.get("/Outlines")
    item = outlines.get("/First") if outlines is not None else None

    def walk(item: Dictionary | None, depth: int) -> Iterator[tuple]:
        while item is not None:
            where = item.get("/Dest")
            if where is None and "/A" in item:
                where = item.A.get("/D")
            if isinstance(where, Array) and len(where):
                page = numbers.get(where[0].objgen, -1)
                yield depth, str(item.Title), page, list(where[1:])
            yield from walk(item.get("/First"), depth + 1)
            item = item.get("/Next")

    yield from walk(item, 0)


def _write_names(joined: Pdf, destinations: Mapping[str, tuple[int, list]]) -> None:
    """The named destinations as one flat name tree, sorted as a name tree must be."""
    flat = Array()
    for name in sorted(destinations, key=lambda name: bytes(String(name))):
        page, place = destinations[name]
        flat.append(String(name))
        flat.append(Array([joined.pages[page].obj, *place]))
    joined.Root.Names = joined.make_indirect(
        Dictionary(Dests=joined.make_indirect(Dictionary(Names=flat)))
    )


def _write_outline(joined: Pdf, bookmarks: Sequence[tuple[int, str, int, list]]) -> None:
    with joined.open_outline() as outline:
        open_items: list[tuple[int, list[OutlineItem]]] = [(-1, outline.root)]
        for depth, title, page, place in bookmarks:
            item = OutlineItem(title)
            item.destination = Array([joined.pages[page].obj, *place])
            while open_items[-1][0] >= depth:
                open_items.pop()
            open_items[-1][1].append(item)
            open_items.append((depth, item.children))


def _stamp(joined: Pdf, footers: bytes) -> None:
    """Each page with the footer of the same page of ``footers`` on top."""
    stamps = Pdf.open(io.BytesIO(footers))
    if len(stamps.pages) != len(joined.pages):
        raise ValueError(f"{len(stamps.pages)} footers for {len(joined.pages)} pages")
    for page, footer in zip(joined.pages, stamps.pages, strict=True):
        page.add_overlay(footer)
