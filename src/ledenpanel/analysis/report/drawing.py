"""The report's charts drawn as plain SVG: shapes, text measured in the report's font, axes.

Why by hand and not with a chart library: ``vl-convert`` (Vega-Lite) drew one of
the report's charts in 55–80 ms here, a bare three-bar chart in 20 ms (Vega
pays about 1.4 ms per text item), one chart at a time however many threads;
the national report's 36 charts took 2.0–2.8 s before its PDF could start,
against a budget of 5 s for the whole PDF. The report has five fixed kinds of
chart; drawn here they take well under a millisecond each, with far fewer
elements for WeasyPrint to draw (``bench/report.py``, ``chart_ms``).

What comes out is a static picture and nothing else: ``<rect>``, ``<line>``,
``<circle>`` and ``<text>`` in a few named groups, no script, no style sheet, no
address. Text is escaped; coordinates are rounded to two decimals; the same
input gives the same SVG.

Text is measured with the advance widths of the report's own font (the file
WeasyPrint sets it in), so labels are laid out and clipped as they print; on a
machine without that font an average width stands in.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Literal

from ledenpanel.kernel.fonts import FontMissing, advance_widths

FONT = "DejaVu Sans"  # the report's font (report.css), so the chart is measured as it prints
# report.css's font stack: a reader without DejaVu Sans gets a narrower face, never a wider.
FONT_STACK = "'DejaVu Sans', 'Noto Sans', 'Segoe UI', Arial, sans-serif"
FONT_SIZE = 11
SMALL = 10  # numbers above columns, the "weet niet" caption
PAD = 4  # white space around the whole drawing

# Colours. ColorBrewer RdBu (Brewer & Harrower) is colour-blind safe up to 9 classes:
# disagree red, agree blue; its near-white middle is a light grey here, visible on white.
BAR = "#2166ac"  # one colour for bars that need no legend (RdBu's darkest blue)
DONT_KNOW = "#8c8c8c"  # "weet niet": grey, outside the scale's colours
LIGHT_BAR = "#92c5de"  # the middle half of a number's answers
INK = "#1a1a1a"  # text and intervals, as the report's text (report.css --text)
MUTED = "#454545"  # axis lines and titles
GRID = "#e3e6ea"
WHITE = "#ffffff"

# A line of text centred on y has its baseline this far below y, per unit of size
# (about half the height of the font's digits and capitals).
_MIDDLE = 0.35
_AVERAGE_EM = 0.6  # a character's width where the font is missing
ELLIPSIS = "…"

Anchor = Literal["start", "middle", "end"]


# -- text -----------------------------------------------------------------------------


@cache  # the font's absence too: fc-match is asked once a process
def _widths() -> Mapping[str, float]:
    try:
        return advance_widths(FONT)
    except FontMissing:
        return {}


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The width in pixels that ``text`` takes in the report's font at ``size``."""
    widths = _widths()
    return size * sum(widths.get(character, _AVERAGE_EM) for character in text)


def clipped(text: str, limit: float, size: float = FONT_SIZE) -> str:
    """``text``, or as much of it as fits in ``limit`` pixels followed by "…"."""
    if text_width(text, size) <= limit:
        return text
    while text and text_width(text + ELLIPSIS, size) > limit:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def ink_on(fill: str) -> str:
    """White text on a dark fill, dark text on a light one (relative luminance)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    channels = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return WHITE if luminance < 0.25 else INK


# -- the drawing ----------------------------------------------------------------------


class NotDrawn(ValueError):
    """A figure put a coordinate off any scale (infinite or not a number)."""


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    if not math.isfinite(value):
        raise NotDrawn(f"a coordinate of {value}")
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class Drawing:
    """The elements of one chart, in drawing order, and how far they reach.

    Coordinates are pixels from the top left. The drawing's size is where its
    elements end (text measured) plus ``PAD``, so a long number right of a bar
    never falls off the picture.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.right = 0.0
        self.bottom = 0.0

    def _reach(self, right: float, bottom: float) -> None:
        self.right = max(self.right, right)
        self.bottom = max(self.bottom, bottom)

    @contextmanager
    def group(self, name: str) -> Iterator[None]:
        """A named group (``class``): what a reader of the SVG, or a test, looks for."""
        self._parts.append(f'<g class="{name}">')
        yield
        self._parts.append("</g>")

    def rect(
        self, x: float, y: float, width: float, height: float, fill: str, *, edge: str = ""
    ) -> None:
        """A filled rectangle; ``edge`` outlines it (1 px), to part it from its neighbour."""
        width, height = max(width, 0.0), max(height, 0.0)
        outline = f' stroke="{edge}"' if edge else ""
        self._parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{_n(height)}"'
            f' fill="{fill}"{outline}/>'
        )
        self._reach(x + width, y + height)

    def line(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        stroke: str,
        width: float = 1.0,
        *,
        dash: str | None = None,
    ) -> None:
        (x1, y1), (x2, y2) = start, end
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        self._parts.append(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
            f' stroke="{stroke}" stroke-width="{_n(width)}"{dashed}/>'
        )
        self._reach(max(x1, x2), max(y1, y2))

    def dot(self, x: float, y: float, radius: float, fill: str) -> None:
        self._parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(radius)}" fill="{fill}"/>')
        self._reach(x + radius, y + radius)

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        anchor: Anchor = "start",
        size: float = FONT_SIZE,
        fill: str = INK,
        middle: bool = False,
        turned: bool = False,
    ) -> None:
        """A line of text at ``x``, its baseline at ``y`` (or centred on ``y``: ``middle``).

        ``turned`` turns it a quarter to the left about (x, y), to read upwards (an
        axis title beside a vertical axis).
        """
        width = text_width(content, size)
        baseline = y + _MIDDLE * size if middle and not turned else y
        attributes = f'x="{_n(x)}" y="{_n(baseline)}"'
        if anchor != "start":
            attributes += f' text-anchor="{anchor}"'
        if size != FONT_SIZE:
            attributes += f' font-size="{_n(size)}"'
        if fill != INK:
            attributes += f' fill="{fill}"'
        if turned:
            attributes += f' transform="rotate(-90 {_n(x)} {_n(y)})"'
        self._parts.append(f"<text {attributes}>{escape(content, quote=False)}</text>")
        if turned:
            self._reach(x, y + width / 2)
            return
        ends = {"start": x + width, "middle": x + width / 2, "end": x}
        self._reach(ends[anchor], baseline + size / 3)  # the descenders

    def svg(self, *, title: str, description: str) -> str:
        """The drawing as an ``<svg>`` element for an HTML page, with its text alternative.

        ``role="img"`` and an ``aria-label`` with the figures make it one image
        for a screen reader; ``<title>`` and ``<desc>`` say the same to other
        readers of SVG. No namespace: HTML parsing puts ``<svg>`` in its own,
        and the page names no address at all. Width and height are the
        intrinsic size; the page's CSS scales the chart down to its column.
        """
        width, height = math.ceil(self.right + PAD), math.ceil(self.bottom + PAD)
        label = escape(f"{title}. {description}")
        return (
            f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
            f' font-family="{FONT_STACK}" font-size="{FONT_SIZE}" fill="{INK}"'
            f' role="img" aria-label="{label}" focusable="false">'
            f"<title>{escape(title, quote=False)}</title>"
            f"<desc>{escape(description, quote=False)}</desc>"
            f'<rect width="{width}" height="{height}" fill="{WHITE}"/>'
            f"{''.join(self._parts)}</svg>"
        )


# -- scales and axes ----------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """Values from ``low`` to ``high`` onto pixels from ``start`` over ``length``."""

    low: float
    high: float
    start: float
    length: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (value - self.low) / span * self.length

    @property
    def end(self) -> float:
        return self.start + self.length


def round_ticks(top: float, percent: bool) -> list[float]:
    """Round axis values from 0 up to ``top`` (at most 100 % for shares)."""
    if top <= 0:
        return [0.0]
    limit = min(top, 1.0) if percent else top
    return nice_ticks(0.0, limit)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round values in [low, high], in steps of 1, 2, 2.5 or 5 times 10ⁿ."""
    raw = (high - low) / count
    if not raw > 1e-12 or not math.isfinite(raw):  # no span, or none a float can step
        return [low] if math.isfinite(low) else []
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def grid(drawing: Drawing, scale: Scale, ticks: Sequence[float], top: float, bottom: float) -> None:
    """Light vertical lines at the ticks, behind what is drawn next."""
    with drawing.group("grid"):
        for tick in ticks:
            drawing.line((scale(tick), top), (scale(tick), bottom), GRID)


def bottom_axis(
    drawing: Drawing,
    scale: Scale,
    ticks: Sequence[float],
    texts: Sequence[str],
    y: float,
    title: str,
) -> None:
    """A horizontal axis at ``y``: its line, ticks, values and title below.

    A value at either end of the axis is set flush with it, not centred over the
    edge (where it would stand outside the picture).
    """
    with drawing.group("axis"):
        drawing.line((scale.start, y), (scale.end, y), MUTED)
        for tick in ticks:
            drawing.line((scale(tick), y), (scale(tick), y + 5), MUTED)
    with drawing.group("axis-label"):  # the values: not figures of the result
        for tick, text in zip(ticks, texts, strict=True):
            x = scale(tick)
            anchor: Anchor = "middle"
            if math.isclose(x, scale.start) and scale.low < scale.high:
                anchor = "start"
            elif math.isclose(x, scale.end):
                anchor = "end"
            drawing.text(x, y + 16, text, anchor=anchor)
    drawing.text(scale.start + scale.length / 2, y + 31, title, anchor="middle", fill=MUTED)


@dataclass(frozen=True)
class Rows:
    """A chart of labelled rows, one above the other, over a value axis."""

    scale: Scale  # the values, left to right
    top: float
    step: float
    count: int

    def centre(self, index: int) -> float:
        return self.top + (index + 0.5) * self.step

    @property
    def bottom(self) -> float:
        return self.top + self.step * self.count


LABEL_LIMIT = 240  # pixels for a row's label; a longer one ends in "…" (the table has it whole)
LABEL_GAP = 6


def rows_frame(
    drawing: Drawing,
    labels: Sequence[str],
    *,
    step: float,
    width: float,
    domain: tuple[float, float],
    ticks: Sequence[float],
    texts: Sequence[str],
    axis_title: str,
) -> Rows:
    """Labels on the left, one row per label, and an axis of ``width`` pixels below."""
    shown = [clipped(label, LABEL_LIMIT) for label in labels]
    left = PAD + max((text_width(label) for label in shown), default=0.0) + LABEL_GAP
    rows = Rows(Scale(domain[0], domain[1], left, width), PAD, step, len(labels))
    grid(drawing, rows.scale, ticks, rows.top, rows.bottom)
    bottom_axis(drawing, rows.scale, ticks, texts, rows.bottom, axis_title)
    with drawing.group("row-label"):
        for index, label in enumerate(shown):
            drawing.text(left - LABEL_GAP, rows.centre(index), label, anchor="end", middle=True)
    return rows


LEGEND_LIMIT = 320  # pixels for a legend entry's label
LEGEND_ROW = 16
_SWATCH = 10
_LEGEND_GAP = 16


def legend(
    drawing: Drawing, entries: Sequence[tuple[str, str]], *, x: float, y: float, width: float
) -> None:
    """Coloured squares with their labels, read left to right, in as many columns (at
    most six) as fit in ``width``; each column as wide as its widest entry.

    ``y`` is the first row's centre.
    """
    shown = [(clipped(label, LEGEND_LIMIT), colour) for label, colour in entries]
    entry_widths = [_SWATCH + 5 + text_width(label) for label, _colour in shown]
    for columns in range(min(len(shown), 6), 0, -1):
        widths = [max(entry_widths[column::columns]) for column in range(columns)]
        if sum(widths) + _LEGEND_GAP * (columns - 1) <= width:
            break
    with drawing.group("legend"):
        for index, (label, colour) in enumerate(shown):
            row, column = divmod(index, columns)
            left = x + sum(widths[:column]) + _LEGEND_GAP * column
            centre = y + row * LEGEND_ROW
            drawing.rect(left, centre - _SWATCH / 2, _SWATCH, _SWATCH, colour)
            drawing.text(left + _SWATCH + 5, centre, label, middle=True)
