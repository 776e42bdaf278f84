"""The charts in the report's PDF: drawn by reportlab, stamped where WeasyPrint left room.

WeasyPrint draws SVG text one letter at a time (a Pango layout for each): the
national report's 36 charts, 700 texts of 6,100 letters, cost it 0.6 s of
processor time, a sixth of the PDF's. The charts are the report's own plain SVG
(``drawing``: rectangles, lines, circles and lines of text), so reportlab
draws the same picture from it in about a millisecond a chart.

For the PDF each ``<svg>`` on the page becomes an empty image of the same size
with an id: WeasyPrint lays out the page exactly as with the chart, draws
nothing there, and reports the image's box (``Page.anchors``). Each chart, a
page of its own in one reportlab PDF, is then laid onto that box with pikepdf.

What reportlab cannot draw as WeasyPrint would (an element or attribute not in
``drawing``'s vocabulary, a character the font lacks or that needs shaping)
raises ``NotTypeset``; the caller then prints the charts as SVG images.
"""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import pikepdf
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from .typesetting import REGULAR, NotTypeset, check_characters

SLOT = "chart-slot-"  # the id of the empty image in the chart's place, then its number
PT = 0.75  # PDF points per CSS pixel

_NAMESPACE = "http://www.w3.org/2000/svg"
_INLINE_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)
_LABEL = re.compile(r'<svg\b[^>]*?\saria-label="([^"]*)"')
_ROTATED = re.compile(r"rotate\(-90 ([-0-9.]+) ([-0-9.]+)\)")
# drawing.py's vocabulary: every element and attribute it writes, and nothing else.
_PAINT = {"fill", "stroke", "stroke-width", "stroke-dasharray"}
_SHAPES: dict[str, set[str]] = {
    "svg": {"class", "width", "height", "viewBox", "font-family", "font-size", "fill", "role",
            "aria-label", "focusable"},
    "title": set(),
    "desc": set(),
    "g": {"class"},
    "rect": {"x", "y", "width", "height"} | _PAINT,
    "line": {"x1", "y1", "x2", "y2"} | _PAINT,
    "circle": {"cx", "cy", "r"} | _PAINT,
    "text": {"x", "y", "text-anchor", "font-size", "fill", "transform"},
}  # fmt: skip


@dataclass(frozen=True)
class Slotted:
    """A page whose charts are empty images, and the charts that go in their place."""

    html: str
    charts: list[ET.Element]  # the SVG of slot 0, 1, …, parsed


def _image(svg: str, data: str, number: int | None = None) -> str:
    """An ``<img>`` of the SVG ``data`` with the text alternative of the chart ``svg``."""
    label = _LABEL.match(svg)
    alt = label.group(1) if label else ""  # already escaped in the attribute
    named = "" if number is None else f' id="{SLOT}{number}"'
    encoded = base64.b64encode(data.encode("utf-8")).decode("ascii")
    return f'<img class="chart"{named} alt="{alt}" src="data:image/svg+xml;base64,{encoded}">'


def slot_charts(html: str) -> Slotted:
    """The page with each inline ``<svg>`` as an empty image of its size."""
    charts: list[ET.Element] = []

    def slot(found: re.Match[str]) -> str:
        svg = found.group()
        root = _parse(svg)
        number = len(charts)
        charts.append(root)
        width, height = root.get("width"), root.get("height")
        box = root.get("viewBox", f"0 0 {width} {height}")
        empty = f'<svg xmlns="{_NAMESPACE}" width="{width}" height="{height}" viewBox="{box}"/>'
        return _image(svg, empty, number)

    return Slotted(_INLINE_SVG.sub(slot, html), charts)


def charts_as_images(html: str) -> str:
    """The page with each inline ``<svg>`` chart as an ``<img>`` of the same SVG: how
    WeasyPrint prints the charts when reportlab cannot.

    As an image a chart is parsed once, by ElementTree; inline, the HTML parser
    and the CSS cascade would first visit every one of its elements.
    """

    def image(found: re.Match[str]) -> str:
        svg = found.group()
        return _image(svg, svg.replace("<svg", f'<svg xmlns="{_NAMESPACE}"', 1))

    return _INLINE_SVG.sub(image, html)


def _parse(svg: str) -> ET.Element:
    try:
        root = ET.fromstring(svg)  # noqa: S314 - the report's own drawing (drawing.py)
    except ET.ParseError as error:
        raise NotTypeset(f"a chart that is not well-formed SVG: {error}") from error
    for node in root.iter():
        if node.tag not in _SHAPES:
            raise NotTypeset(f"<{node.tag}> in a chart")
        unknown = set(node.attrib) - _SHAPES[node.tag]
        if unknown:
            raise NotTypeset(f"<{node.tag} {' '.join(sorted(unknown))}> in a chart")
    if root.get("width") is None or root.get("height") is None:
        raise NotTypeset("a chart without its size")
    return root


# -- drawing ------------------------------------------------------------------------


def draw_charts(charts: Sequence[ET.Element]) -> bytes:
    """The charts as one PDF, a page each the size of its picture (a pixel a point)."""
    check_characters(node.text or "" for root in charts for node in root.iter("text"))
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=1, invariant=1)
    for root in charts:
        _draw(canvas, root)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _number(node: ET.Element, name: str, default: float | None = None) -> float:
    value = node.get(name)
    if value is None:
        if default is None:
            raise NotTypeset(f"<{node.tag}> without {name}")
        return default
    try:
        return float(value)
    except ValueError as error:
        raise NotTypeset(f"<{node.tag} {name}={value!r}>") from error


def _draw(canvas: Canvas, root: ET.Element) -> None:
    """One chart on a page of its own; SVG's y runs down, the PDF's up."""
    width, height = _number(root, "width"), _number(root, "height")
    canvas.setPageSize((width, height))
    size, ink = _number(root, "font-size"), HexColor(root.get("fill", "#000000"))
    for node in root.iter():
        if node.tag == "rect":
            x, y = _number(node, "x", 0.0), _number(node, "y", 0.0)
            w, h = _number(node, "width"), _number(node, "height")
            canvas.setFillColor(HexColor(node.get("fill", "#000000")))
            edge = node.get("stroke")
            if edge:
                canvas.setStrokeColor(HexColor(edge))
                canvas.setLineWidth(_number(node, "stroke-width", 1.0))
            canvas.rect(x, height - y - h, w, h, stroke=1 if edge else 0, fill=1)
        elif node.tag == "line":
            canvas.setStrokeColor(HexColor(node.get("stroke", "#000000")))
            canvas.setLineWidth(_number(node, "stroke-width", 1.0))
            dash = node.get("stroke-dasharray")
            canvas.setDash([float(part) for part in dash.split()] if dash else [])
            canvas.line(
                _number(node, "x1"),
                height - _number(node, "y1"),
                _number(node, "x2"),
                height - _number(node, "y2"),
            )
        elif node.tag == "circle":
            canvas.setFillColor(HexColor(node.get("fill", "#000000")))
            cx, cy, r = _number(node, "cx"), _number(node, "cy"), _number(node, "r")
            canvas.circle(cx, height - cy, r, stroke=0, fill=1)
        elif node.tag == "text":
            _text(canvas, node, height, size, ink)


def _text(canvas: Canvas, node: ET.Element, height: float, size: float, ink: HexColor) -> None:
    canvas.setFillColor(HexColor(node.get("fill")) if node.get("fill") else ink)
    canvas.setFont(REGULAR, _number(node, "font-size", size))
    x, y = _number(node, "x"), height - _number(node, "y")
    draw = {
        "start": canvas.drawString,
        "middle": canvas.drawCentredString,
        "end": canvas.drawRightString,
    }.get(node.get("text-anchor", "start"))
    if draw is None:
        raise NotTypeset(f"<text text-anchor={node.get('text-anchor')!r}>")
    transform = node.get("transform")
    if transform is None:
        draw(x, y, node.text or "")
        return
    if not _ROTATED.fullmatch(transform):  # drawing.py turns text only about its own point
        raise NotTypeset(f"<text transform={transform!r}>")
    canvas.saveState()
    canvas.translate(x, y)
    canvas.rotate(90)  # SVG's -90° with y running down
    draw(0, 0, node.text or "")
    canvas.restoreState()


# -- placing ------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a chart goes: its page (from 0) and its box in points from the bottom left."""

    page: int
    box: tuple[float, float, float, float]  # left, bottom, right, top


class LaidOut(Protocol):
    """A page as WeasyPrint laid it out: its height and the box each id landed in
    (left, top, right, bottom; CSS pixels from the top left)."""

    height: float
    anchors: Mapping[str, tuple[float, float, float, float]]


def places(pages: Sequence[LaidOut], count: int) -> list[Place]:
    """The place of charts 0 to ``count`` − 1 on the pages; ``NotTypeset`` when one is
    not on them (the caller then prints its charts as images)."""
    page_of = {name: at for at, page in enumerate(pages) for name in page.anchors}
    found: list[Place] = []
    for number in range(count):
        on = page_of.get(f"{SLOT}{number}")
        if on is None:
            raise NotTypeset(f"chart {number} is not on the document's own pages")
        left, top, right, bottom = pages[on].anchors[f"{SLOT}{number}"]
        height = pages[on].height
        box = (left * PT, (height - bottom) * PT, right * PT, (height - top) * PT)
        found.append(Place(on, box))
    return found


def stamp_charts(pdf: bytes, drawn: bytes, placed: Sequence[Place]) -> bytes:
    """``pdf`` with chart k of ``drawn`` laid onto ``placed[k]``; the slots' ids, of no
    use to a reader, leave its named destinations."""
    with pikepdf.open(io.BytesIO(pdf)) as document, pikepdf.open(io.BytesIO(drawn)) as charts:
        for chart, place in zip(charts.pages, placed, strict=True):
            document.pages[place.page].add_overlay(chart, pikepdf.Rectangle(*place.box))
        names = document.Root.get("/Names")
        if names is not None and "/Dests" in names:
            destinations = pikepdf.NameTree(names.Dests)
            for name in [name for name in destinations if name.startswith(SLOT)]:
                del destinations[name]
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
