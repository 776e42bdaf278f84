"""One chart per question: a Vega-Lite spec, rendered on the server to an inline SVG.

The spec builders are plain functions of a question (as the report's view model
holds it) and the report's ``Translator``; they return a ``Chart``: the
Vega-Lite spec, a short title and the figures as text. ``render_svg`` turns a
chart into an ``<svg>`` element for the page with ``vl-convert`` (Vega-Lite and
Vega compiled into a Rust/Deno library: no browser, no script in the page, no
network: every URL is refused). The SVG is made accessible here: ``role="img"``,
an ``aria-label`` with the figures, ``<title>`` and ``<desc>``; Vega's own ARIA
(its field names in English) is switched off. The numbers in a chart are written
with the report's own formatters, so they read exactly as in the tables.

- agree scales: one diverging stacked bar, disagreeing to the left, agreeing to
  the right, the neutral middle across zero, "weet niet" as its own grey bar
  beside it (ColorBrewer RdBu, colour-blind safe);
- 0–10 ratings: the distribution, one column per point of the scale;
- choices, other ordered scales, ranks (share put first) and points (mean
  points): horizontal bars with their 95 % interval, in the form's order;
- numbers: the middle half (25 %–75 %) with the median, and the mean with its
  interval.

The same question gives the same spec and so the same SVG: a rendered SVG is
cached on the spec's JSON.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from .formats import DASH, fmt_number, fmt_percent, fmt_plain
from .i18n import Translator
from .lenient import as_number, dicts

VEGA_LITE_VERSION = (
    "6.4"  # bundled with vl-convert-python 1.9.0.post1; pinned: same input, same SVG
)
FONT = "DejaVu Sans"  # the report's font (report.css), so the chart is measured as it prints
WIDTH = 560  # the plotting width in pixels; the labels come on top of it
BAR_HEIGHT = 22

# ColorBrewer RdBu (Brewer & Harrower), marked colour-blind safe up to 9 classes:
# disagree red, agree blue. Its near-white middle is a light grey here, visible on white.
DIVERGING: dict[int, tuple[str, ...]] = {
    2: ("#ca0020", "#0571b0"),
    3: ("#ef8a62", "#cccccc", "#67a9cf"),
    4: ("#ca0020", "#f4a582", "#92c5de", "#0571b0"),
    5: ("#ca0020", "#f4a582", "#cccccc", "#92c5de", "#0571b0"),
    6: ("#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf", "#2166ac"),
    7: ("#b2182b", "#ef8a62", "#fddbc7", "#cccccc", "#d1e5f0", "#67a9cf", "#2166ac"),
    8: ("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac"),
    9: (
        "#b2182b",
        "#d6604d",
        "#f4a582",
        "#fddbc7",
        "#cccccc",
        "#d1e5f0",
        "#92c5de",
        "#4393c3",
        "#2166ac",
    ),
}
BAR = "#2166ac"  # one colour for bars that need no legend (RdBu's darkest blue)
DONT_KNOW = "#8c8c8c"  # "weet niet": grey, outside the scale's colours
LIGHT_BAR = "#92c5de"  # the middle half of a number's answers
INK = "#1a1a1a"  # text and intervals, as the report's text (report.css --text)
MUTED = "#454545"
CHAR_WIDTH = 7.0  # pixels per character of an 11 px number, to see whether it fits in a bar

# d3-format locales: the report's own "62 %" and "3,4" on the axes.
FORMAT_LOCALES: dict[str, dict[str, Any]] = {
    "nl": {
        "decimal": ",",
        "thousands": ".",
        "grouping": [3],
        "currency": ["€\u00a0", ""],
        "percent": "\u00a0%",
        "minus": "\u2212",
    },
    "en": {
        "decimal": ".",
        "thousands": ",",
        "grouping": [3],
        "currency": ["€", ""],
        "minus": "\u2212",
    },
}


@dataclass(frozen=True)
class Chart:
    """A question's chart: the Vega-Lite spec and its text alternative."""

    spec: dict[str, Any]
    title: str
    description: str  # the chart's figures as a sentence, for screen readers


# -- helpers ------------------------------------------------------------------------


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "aria": False,  # Vega's ARIA names fields in English; the <svg> gets ours
        "axis": {
            "labelFontSize": 11,
            "titleFontSize": 11,
            "titleFontWeight": "normal",
            "labelColor": INK,
            "titleColor": MUTED,
            "domainColor": MUTED,
            "tickColor": MUTED,
            "gridColor": "#e3e6ea",
            "labelLimit": 240,
        },
        "legend": {
            "labelFontSize": 11,
            "labelColor": INK,
            "labelLimit": 320,
            "symbolType": "square",
            "symbolStrokeWidth": 0,
            "orient": "bottom",
            "direction": "horizontal",
            "title": None,
        },
        "text": {"fontSize": 11},
    }


def vega_spec(body: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": description,
        "background": "white",
        "padding": 4,
        "config": _config(),
        **body,
    }


def _unique(labels: Sequence[str]) -> list[str]:
    """Labels made unique (two options may share a label): the colour scale keys on them."""
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        count = seen.get(label, 0)
        seen[label] = count + 1
        unique.append(label if not count else f"{label} ({count + 1})")
    return unique


def _label(option: Mapping[str, Any]) -> str:
    return str(option.get("label") or option.get("name") or "")


def _ink(fill: str) -> str:
    """White text on a dark fill, dark text on a light one (relative luminance)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    channels = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return "#ffffff" if luminance < 0.25 else INK


def _fits(text: str, pixels: float) -> bool:
    """Whether a number fits inside a bar segment this wide (with a little room)."""
    return pixels >= CHAR_WIDTH * len(text) + 6


def _weighted_key(options: Sequence[Mapping[str, Any]], key: str) -> str:
    """The weighted figure where the panel was weighted, as the group tables show it."""
    weighted = f"weighted_{key}"
    return weighted if any(as_number(o.get(weighted)) is not None for o in options) else key


def _interval(option: Mapping[str, Any], key: str) -> tuple[float | None, float | None]:
    prefix = "weighted_" if key.startswith("weighted_") else ""
    base = key.removeprefix("weighted_")
    stem = "" if base in ("share", "mean") else f"{base}_"
    return (
        as_number(option.get(f"{prefix}{stem}ci_low")),
        as_number(option.get(f"{prefix}{stem}ci_high")),
    )


def axis_ticks(top: float, percent: bool) -> list[float]:
    """Round axis values from 0 up to ``top`` (at most 100 % for shares)."""
    if top <= 0:
        return [0.0]
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    limit = min(top, 1.0) if percent else top
    return [round(i * step, 10) for i in range(int(limit / step + 1e-9) + 1)]


def figures_text(items: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{label}: {value}" for label, value in items)


# -- the spec builders --------------------------------------------------------------


def agree_chart(question: Mapping[str, Any], t: Translator) -> Chart | None:
    """A diverging stacked bar: disagree left of zero, agree right, "weet niet" apart."""
    options = dicts(question.get("options"))
    key = _weighted_key(options, "share")
    opinion = [o for o in options if not o.get("dont_know")]
    unknown = [o for o in options if o.get("dont_know")]
    if len(opinion) not in DIVERGING:
        return bar_chart(question, t)
    shares = [as_number(o.get(key)) for o in opinion]
    if all(share is None for share in shares):
        return None
    values = [share or 0.0 for share in shares]
    labels = _unique([_label(o) for o in [*opinion, *unknown]])
    colours = list(DIVERGING[len(opinion)])
    half, middle = divmod(len(opinion), 2)
    neutral = values[half] if middle else 0.0
    bounds: list[tuple[float, float]] = [(0.0, 0.0)] * len(opinion)
    start = -neutral / 2
    for index in range(half - 1, -1, -1):  # outward from the middle, to the left
        bounds[index] = (start - values[index], start)
        start -= values[index]
    left = -start
    start = neutral / 2
    for index in range(half + middle, len(opinion)):
        bounds[index] = (start, start + values[index])
        start += values[index]
    right = start
    if middle:
        bounds[half] = (-neutral / 2, neutral / 2)
    extent = max(left, right, 0.05)
    extent = math.ceil(extent * 10 + 1e-9) / 10  # a round edge: 50 %, 60 %, …
    segments = [
        {
            "key": label,
            "x": round(low, 6),
            "x2": round(high, 6),
            "mid": round((low + high) / 2, 6),
            "text": fmt_percent(share, t.lang) if share is not None else DASH,
            "ink": _ink(colour),
            "labelled": _fits(fmt_percent(share, t.lang), (high - low) * WIDTH / (2 * extent)),
        }
        for label, (low, high), share, colour in zip(labels, bounds, shares, colours, strict=False)
    ]
    colour_scale = {"domain": labels, "range": colours + [DONT_KNOW] * len(unknown)}
    colour = {"field": "key", "type": "nominal", "scale": colour_scale, "sort": None}
    percent_axis = {
        "values": [round(v, 6) for v in _symmetric_ticks(extent)],
        "labelExpr": "format(abs(datum.value), '.0%')",
        "grid": True,
        # Zero in ink, behind the bar: the neutral share's number stays readable over it.
        "gridColor": {"condition": {"test": "datum.value === 0", "value": INK}, "value": "#e3e6ea"},
        "title": t.gettext("← oneens · gewogen aandeel van alle antwoorden · eens →")
        if key.startswith("weighted_")
        else t.gettext("← oneens · aandeel van alle antwoorden · eens →"),
    }
    pixels_per_share = WIDTH / (2 * extent)
    diverging = {
        "width": WIDTH,
        "height": BAR_HEIGHT + 8,
        "data": {"values": segments},
        "encoding": {
            "x": {
                "field": "x",
                "type": "quantitative",
                "scale": {"domain": [-extent, extent], "nice": False},
                "axis": percent_axis,
            },
        },
        "layer": [
            {
                "mark": {"type": "bar", "height": BAR_HEIGHT, "stroke": "white", "strokeWidth": 1},
                "encoding": {"x2": {"field": "x2"}, "color": colour},
            },
            *(
                {
                    "transform": [{"filter": f"datum.labelled && datum.ink == '{ink}'"}],
                    "mark": {"type": "text", "baseline": "middle", "color": ink},
                    "encoding": {
                        "x": {"field": "mid", "type": "quantitative"},
                        "text": {"field": "text"},
                    },
                }
                for ink in ("#ffffff", INK)
            ),
        ],
    }
    views: list[dict[str, Any]] = [diverging]
    figures = [(label, segment["text"]) for label, segment in zip(labels, segments, strict=False)]
    for option, label in zip(unknown, labels[len(opinion) :], strict=True):
        share = as_number(option.get(key))
        text = fmt_percent(share, t.lang) if share is not None else DASH
        figures.append((label, text))
        width = (share or 0) * pixels_per_share
        view_width = math.ceil(width + 48)
        views.append(
            {
                "width": view_width,
                "height": BAR_HEIGHT + 8,
                "title": {
                    "text": t.gettext("weet niet"),
                    "fontSize": 10,
                    "fontWeight": "normal",
                    "color": MUTED,
                    "orient": "bottom",
                },
                "data": {"values": [{"key": label, "x": 0, "x2": share or 0, "text": text}]},
                "encoding": {
                    "x": {
                        "field": "x",
                        "type": "quantitative",
                        "scale": {"domain": [0, view_width / pixels_per_share], "nice": False},
                        "axis": None,
                    }
                },
                "layer": [
                    {
                        "mark": {"type": "bar", "height": BAR_HEIGHT},
                        "encoding": {"x2": {"field": "x2"}, "color": colour},
                    },
                    {
                        "mark": {"type": "text", "align": "left", "dx": 4, "baseline": "middle"},
                        "encoding": {
                            "x": {"field": "x2", "type": "quantitative"},
                            "text": {"field": "text"},
                        },
                    },
                ],
            }
        )
    description = figures_text(figures)
    body = {"hconcat": views, "spacing": 16, "resolve": {"scale": {"color": "shared"}}}
    legend = {"columns": min(len(labels), 3 if max(map(len, labels)) > 14 else 6)}
    for view in views:
        view["layer"][0]["encoding"]["color"] = {**colour, "legend": legend}
    weighted = key.startswith("weighted_")
    title = _title(question, t, weighted)
    return Chart(vega_spec(body, description), title, description)


def _symmetric_ticks(extent: float) -> list[float]:
    step = 0.25 if extent > 0.6 else 0.2 if extent > 0.3 else 0.1
    count = int(extent / step + 1e-9)
    return [round(i * step, 10) for i in range(-count, count + 1)]


def rating_chart(question: Mapping[str, Any], t: Translator) -> Chart | None:
    """The distribution over a 0–10 (or any numbered) scale: one column per point."""
    options = dicts(question.get("options"))
    key = _weighted_key(options, "share")
    shares = [as_number(o.get(key)) for o in options]
    if not options or all(share is None for share in shares):
        return None
    labels = _unique([_label(o) for o in options])
    rows = [
        {
            "key": label,
            "share": share or 0,
            "text": fmt_percent(share, t.lang) if share is not None else DASH,
            "fill": DONT_KNOW if option.get("dont_know") else BAR,
        }
        for option, label, share in zip(options, labels, shares, strict=True)
    ]
    top = max(share or 0 for share in shares)
    body = {
        "width": WIDTH,
        "height": 150,
        "data": {"values": rows},
        "encoding": {
            "x": {
                "field": "key",
                "type": "ordinal",
                "sort": labels,
                "scale": {"domain": labels, "paddingInner": 0.15},
                "axis": {"labelAngle": 0, "title": t.gettext("antwoord"), "ticks": False},
            },
            "y": {
                "field": "share",
                "type": "quantitative",
                "scale": {"domain": [0, top * 1.18 or 0.1], "nice": False},
                "axis": {
                    "values": axis_ticks(top, percent=True),
                    "format": ".0%",
                    "title": t.gettext("aandeel"),
                },
            },
        },
        "layer": [
            {
                "mark": "bar",
                "encoding": {"color": {"field": "fill", "type": "nominal", "scale": None}},
            },
            {
                "mark": {"type": "text", "baseline": "bottom", "dy": -2, "fontSize": 10},
                "encoding": {"text": {"field": "text"}},
            },
        ],
    }
    description = figures_text([(row["key"], row["text"]) for row in rows])
    title = _title(question, t, key.startswith("weighted_"))
    return Chart(vega_spec(body, description), title, description)


def _bars(
    rows: list[dict[str, Any]],
    *,
    axis_title: str,
    percent: bool,
    description: str,
    title: str,
) -> Chart:
    """Horizontal bars in the given order, each with its interval and its number."""
    labels = [row["key"] for row in rows]
    top = max([row["value"] for row in rows] + [row["high"] or 0 for row in rows] + [0.0])
    room = top * 1.18 or 1.0  # the numbers stand right of the bars
    ticks = axis_ticks(room, percent)
    for row in rows:
        row["end"] = max(row["value"], row["high"] or 0)
    y = {
        "field": "key",
        "type": "nominal",
        "sort": labels,
        "scale": {"domain": labels, "paddingInner": 0.25},
        "axis": {"title": None, "ticks": False, "domain": False},
    }
    axis: dict[str, Any] = {"values": ticks, "title": axis_title}
    if percent:
        axis["format"] = ".0%"
    body = {
        "width": WIDTH - 160,
        "height": {"step": BAR_HEIGHT + 6},
        "data": {"values": rows},
        "encoding": {
            "y": y,
            "x": {
                "field": "value",
                "type": "quantitative",
                "scale": {"domain": [0, room], "nice": False},
                "axis": axis,
            },
        },
        "layer": [
            {
                "mark": {"type": "bar"},
                "encoding": {"color": {"field": "fill", "type": "nominal", "scale": None}},
            },
            {
                "transform": [{"filter": "datum.low != null && datum.high != null"}],
                "mark": {"type": "rule", "color": INK, "strokeWidth": 1.5},
                "encoding": {
                    "x": {"field": "low", "type": "quantitative"},
                    "x2": {"field": "high"},
                },
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 5, "baseline": "middle"},
                "encoding": {
                    "x": {"field": "end", "type": "quantitative"},
                    "text": {"field": "text"},
                },
            },
        ],
    }
    return Chart(vega_spec(body, description), title, description)


def _share_chart(
    question: Mapping[str, Any], t: Translator, *, key: str, titles: tuple[str, str]
) -> Chart | None:
    """Horizontal bars of one share per option (``key``), each with its interval.

    ``titles`` are the axis title unweighted and weighted (already translated).
    """
    options = dicts(question.get("options"))
    key = _weighted_key(options, key)
    if not options or all(as_number(o.get(key)) is None for o in options):
        return None
    rows = []
    for option, label in zip(options, _unique([_label(o) for o in options]), strict=True):
        share = as_number(option.get(key))
        low, high = _interval(option, key)
        rows.append(
            {
                "key": label,
                "value": share or 0,
                "low": low,
                "high": high,
                "text": fmt_percent(share, t.lang) if share is not None else DASH,
                "fill": DONT_KNOW if option.get("dont_know") else BAR,
            }
        )
    weighted = key.startswith("weighted_")
    return _bars(
        rows,
        axis_title=titles[1] if weighted else titles[0],
        percent=True,
        description=figures_text([(row["key"], row["text"]) for row in rows]),
        title=_title(question, t, weighted),
    )


def bar_chart(question: Mapping[str, Any], t: Translator) -> Chart | None:
    """Choices (and ordered scales other than agree and 0–10): the share per option."""
    titles = (
        t.gettext("aandeel, met 95 %%-interval"),
        t.gettext("gewogen aandeel, met 95 %%-interval"),
    )
    return _share_chart(question, t, key="share", titles=titles)


def rank_chart(question: Mapping[str, Any], t: Translator) -> Chart | None:
    """A ranking: the share that put each part first, with its interval."""
    titles = (
        t.gettext("aandeel dat dit op 1 zette, met 95 %%-interval"),
        t.gettext("gewogen aandeel dat dit op 1 zette"),
    )
    return _share_chart(question, t, key="share_first", titles=titles)


def points_chart(question: Mapping[str, Any], t: Translator) -> Chart | None:
    """A points division: the mean points per part, with its interval."""
    options = dicts(question.get("options"))
    key = _weighted_key(options, "mean")
    rows = []
    for option, label in zip(options, _unique([_label(o) for o in options]), strict=True):
        mean = as_number(option.get(key))
        low, high = _interval(option, key)
        rows.append(
            {
                "key": label,
                "value": mean or 0,
                "low": None if low is None else max(low, 0.0),
                "high": high,
                "text": fmt_number(mean, 1, t.lang),
                "fill": BAR,
            }
        )
    if not rows or all(as_number(o.get(key)) is None for o in options):
        return None
    weighted = key.startswith("weighted_")
    axis_title = (
        t.gettext("gewogen gemiddeld aantal punten, met 95 %%-interval")
        if weighted
        else t.gettext("gemiddeld aantal punten, met 95 %%-interval")
    )
    return _bars(
        rows,
        axis_title=axis_title,
        percent=False,
        description=figures_text([(row["key"], row["text"]) for row in rows]),
        title=_title(question, t, weighted),
    )


def numeric_chart(question: Mapping[str, Any], t: Translator) -> Chart | None:
    """A number: the middle half of the answers with the median, the mean with its interval."""
    weighted = as_number(question.get("weighted_mean")) is not None
    prefix = "weighted_" if weighted else ""
    mean = as_number(question.get(f"{prefix}mean"))
    low = as_number(question.get(f"{prefix}ci_low"))
    high = as_number(question.get(f"{prefix}ci_high"))
    q1, median, q3 = (as_number(question.get(k)) for k in ("q1", "median", "q3"))
    if mean is None and median is None:
        return None
    middle_label = t.gettext("middelste helft en mediaan")
    mean_label = t.gettext("gewogen gemiddelde") if weighted else t.gettext("gemiddelde")
    rows: list[dict[str, Any]] = []
    if q1 is not None and q3 is not None and median is not None:
        rows.append(
            {
                "key": middle_label,
                "from": q1,
                "to": q3,
                "point": median,
                "text": f"{fmt_plain(q1, t.lang)} – {fmt_plain(q3, t.lang)}; "
                + t.gettext("mediaan %(median)s", median=fmt_plain(median, t.lang)),
            }
        )
    if mean is not None:
        rows.append(
            {
                "key": mean_label,
                "from": low,
                "to": high,
                "point": mean,
                "text": fmt_number(mean, 1, t.lang),
            }
        )
    values = [v for row in rows for v in (row["from"], row["to"], row["point"]) if v is not None]
    span = (max(values) - min(values)) or abs(max(values)) or 1.0
    lowest = min(values) - 0.05 * span
    if min(values) >= 0:
        lowest = 0.0
    highest = max(values) + 0.45 * span  # room for the numbers on the right
    labels = [row["key"] for row in rows]
    for row in rows:
        row["end"] = max(v for v in (row["to"], row["point"]) if v is not None)
    body = {
        "width": WIDTH - 160,
        "height": {"step": BAR_HEIGHT + 8},
        "data": {"values": rows},
        "encoding": {
            "y": {
                "field": "key",
                "type": "nominal",
                "sort": labels,
                "scale": {"domain": labels},
                "axis": {"title": None, "ticks": False, "domain": False},
            },
            "x": {
                "field": "from",
                "type": "quantitative",
                "scale": {"domain": [lowest, highest], "nice": False, "zero": False},
                "axis": {"title": t.gettext("waarde"), "tickCount": 5},
            },
        },
        "layer": [
            {
                "transform": [{"filter": f"datum.key == {json.dumps(middle_label)}"}],
                "mark": {"type": "bar", "color": LIGHT_BAR, "height": BAR_HEIGHT},
                "encoding": {"x2": {"field": "to"}},
            },
            {
                "transform": [
                    {"filter": f"datum.key != {json.dumps(middle_label)} && datum.from != null"}
                ],
                "mark": {"type": "rule", "color": INK, "strokeWidth": 1.5},
                "encoding": {"x2": {"field": "to"}},
            },
            {
                "transform": [{"filter": f"datum.key == {json.dumps(middle_label)}"}],
                "mark": {"type": "tick", "color": INK, "thickness": 2, "size": BAR_HEIGHT},
                "encoding": {"x": {"field": "point", "type": "quantitative"}},
            },
            {
                "transform": [{"filter": f"datum.key != {json.dumps(middle_label)}"}],
                "mark": {"type": "point", "filled": True, "color": BAR, "size": 70, "opacity": 1},
                "encoding": {"x": {"field": "point", "type": "quantitative"}},
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 6, "baseline": "middle"},
                "encoding": {
                    "x": {"field": "end", "type": "quantitative"},
                    "text": {"field": "text"},
                },
            },
        ],
    }
    description = figures_text([(row["key"], row["text"]) for row in rows])
    return Chart(vega_spec(body, description), _title(question, t, weighted), description)


def _title(question: Mapping[str, Any], t: Translator, weighted: bool) -> str:
    number = question.get("number")
    if weighted:
        return t.gettext("Grafiek bij vraag %(number)s (gewogen)", number=number)
    return t.gettext("Grafiek bij vraag %(number)s", number=number)


def question_chart(question: Mapping[str, Any], t: Translator) -> Chart | None:
    """The chart that fits the question's type and scale; None when there is nothing to draw."""
    kind = question.get("type")
    scale = question.get("scale")
    if kind == "select_one" and scale == "agree":
        return agree_chart(question, t)
    if kind == "select_one" and scale == "rating":
        return rating_chart(question, t)
    if kind in ("select_one", "select_multiple"):
        return bar_chart(question, t)
    if kind == "rank":
        return rank_chart(question, t)
    if kind == "points":
        return points_chart(question, t)
    if kind in ("integer", "decimal"):
        return numeric_chart(question, t)
    return None


# -- rendering ----------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _vega_svg(spec_json: str, lang: str) -> str:
    """The SVG vl-convert draws, simplified; same spec, same SVG (so cached)."""
    import vl_convert  # loads its JavaScript runtime once per process (about a second)

    svg = vl_convert.vegalite_to_svg(
        json.loads(spec_json),
        vl_version=VEGA_LITE_VERSION,
        allowed_base_urls=[],  # data is inline; nothing may be fetched
        format_locale=FORMAT_LOCALES.get(lang, FORMAT_LOCALES["nl"]),
    )
    return simplify_svg(svg)


# -- simpler SVG --------------------------------------------------------------------
#
# Vega writes a scene graph for the browser: every mark in two or three nested groups,
# an empty "background" and a hidden "foreground" path in each, ARIA roles and
# pointer events on everything. The PDF pays for each element three times (the HTML
# parser, the CSS cascade, WeasyPrint's SVG renderer), so the chart keeps only what is
# drawn: the same picture (tests/analysis/report/test_charts.py compares every drawn
# element) with a third fewer elements (national panel: 3,968 to 2,576) and a third
# less text. Anything unexpected (another namespace) leaves the SVG as Vega wrote it.

_SVG = "{http://www.w3.org/2000/svg}"
_SILENT = frozenset(  # attributes that change nothing in a static picture
    {"role", "aria-roledescription", "aria-hidden", "aria-label", "pointer-events"}
)
_PAINT = ("fill", "stroke")
_IDENTITY = frozenset({"translate(0,0)", "translate(0, 0)"})


def _paints_nothing(node: ET.Element) -> bool:
    """An element that is never drawn: hidden, or a background path without paint."""
    if node.get("display") == "none":
        return True
    return (
        node.tag == f"{_SVG}path"
        and node.get("class") in ("background", "foreground")
        and not any(node.get(name) not in (None, "none") for name in _PAINT)
    )


def _prune(node: ET.Element) -> list[ET.Element]:
    """The node simplified, as the elements that replace it (none, itself or its children).

    A group that sets nothing (no attribute but its class once the identity transform
    and the silent ones are gone) is replaced by its children; Vega's named mark groups
    (``class="mark-rect …"``, not ``mark-group``) stay, so a reader of the SVG finds
    the bars, rules and labels in them as Vega drew them.
    """
    if _paints_nothing(node):
        return []
    for name in _SILENT.intersection(node.attrib):
        del node.attrib[name]
    if node.get("opacity") == "1":
        del node.attrib["opacity"]
    if node.get("transform") in _IDENTITY:
        del node.attrib["transform"]
    children = [kept for child in list(node) for kept in _prune(child)]
    node[:] = children
    if node.tag != f"{_SVG}g":
        return [node]
    if not children:
        return []
    kind = node.get("class", "")
    named = kind.startswith("mark-") and not kind.startswith("mark-group")
    if set(node.attrib) <= {"class"} and not named:
        return children
    return [node]


def _write(node: ET.Element, out: list[str]) -> None:
    tag = node.tag.removeprefix(_SVG)
    attributes = "".join(
        f' {name}="{escape(value, quote=True)}"' for name, value in node.attrib.items()
    )
    if len(node) == 0 and not node.text:
        out.append(f"<{tag}{attributes}/>")
        return
    out.append(f"<{tag}{attributes}>{escape(node.text or '', quote=False)}")
    for child in node:
        _write(child, out)
        if child.tail:
            out.append(escape(child.tail, quote=False))
    out.append(f"</{tag}>")


def simplify_svg(svg: str) -> str:
    """Vega's SVG without what draws nothing (see above); the picture stays the same."""
    root = ET.fromstring(svg)  # noqa: S314 - vl-convert's own output, not a member's file
    names = (name for node in root.iter() for name in (node.tag, *node.attrib))
    if any(name.startswith("{") and not name.startswith(_SVG) for name in names):
        return svg  # xlink or another namespace: not what Vega writes for these charts
    root[:] = [kept for child in list(root) for kept in _prune(child)]
    out = [f'<svg xmlns="{_SVG[1:-1]}"']
    out.extend(f' {name}="{escape(value, quote=True)}"' for name, value in root.attrib.items())
    out.append(">")
    for child in root:
        _write(child, out)
    out.append("</svg>")
    return "".join(out)


_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_NAMESPACES = re.compile(r'\s+xmlns(:xlink)?="[^"]*"')
_SIZE = re.compile(r'\s(width|height)="([0-9.]+)"')


def render_svg(chart: Chart, lang: str) -> str:
    """The chart as an ``<svg>`` element for the HTML page, with its text alternative.

    The namespace declarations go (HTML parsing puts ``<svg>`` in its namespace
    itself; the page names no ``http`` address at all); width and height stay as
    the SVG's intrinsic size, the CSS scales it down to the column.
    """
    spec_json = json.dumps(chart.spec, sort_keys=True, ensure_ascii=False)
    svg = _vega_svg(spec_json, lang)
    opened = _SVG_OPEN.search(svg)
    if opened is None:
        raise ValueError("vl-convert returned no <svg> element")
    attributes = _NAMESPACES.sub("", opened.group(1))
    attributes = attributes.replace('class="marks"', 'class="chart"')
    label = f"{chart.title}. {chart.description}"
    head = (
        f'<svg{attributes} role="img" aria-label="{escape(label)}" focusable="false">'
        f"<title>{escape(chart.title)}</title><desc>{escape(chart.description)}</desc>"
    )
    return head + svg[opened.end() :]


def chart_svg(question: Mapping[str, Any], t: Translator) -> str | None:
    """The question's chart as inline SVG, or None when it has no chart."""
    chart = question_chart(question, t)
    if chart is None:
        return None
    try:
        return render_svg(chart, t.lang)
    except ValueError:  # vl-convert refused the spec: the table below still has every figure
        return None
