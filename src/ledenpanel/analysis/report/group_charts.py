"""The chart of a notable difference between groups: a dot plot with intervals.

One row per shown group: the group's (weighted) share for the option that
differs most, as a dot with its 95 % interval, and a dashed line at the whole
panel's figure, so the eye compares each group with the panel. Hidden groups
are not in the engine's ``dots`` and so never drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .charts import (
    BAR,
    BAR_HEIGHT,
    INK,
    MUTED,
    WIDTH,
    Chart,
    axis_ticks,
    figures_text,
    render_svg,
    vega_spec,
)
from .formats import DASH, fmt_percent
from .i18n import Translator
from .lenient import as_dict, as_number, dicts


def difference_chart(
    item: Mapping[str, Any], labels: Mapping[str, str], t: Translator
) -> Chart | None:
    """The dot plot of one notable difference; ``labels`` name its groups."""
    dots = dicts(item.get("dots"))
    if len(dots) < 2:
        return None
    panel = as_number(as_dict(item.get("largest_difference")).get("panel_share"))
    rows = []
    for dot in dots:
        share = as_number(dot.get("share"))
        rows.append(
            {
                "key": labels.get(str(dot.get("group")), str(dot.get("label") or dot.get("group"))),
                "value": share,
                "low": as_number(dot.get("ci_low")),
                "high": as_number(dot.get("ci_high")),
                "text": fmt_percent(share, t.lang) if share is not None else DASH,
            }
        )
    keys = [row["key"] for row in rows]
    # Each group layer names its own y: the panel's line (no group) spans the whole height.
    y = {
        "field": "key",
        "type": "nominal",
        "sort": keys,
        "scale": {"domain": keys},
        "axis": {"title": None, "ticks": False, "domain": False},
    }
    top = max([row["high"] or row["value"] or 0 for row in rows] + [panel or 0])
    room = min(1.0, top * 1.2) or 1.0
    for row in rows:
        row["end"] = max(row["value"] or 0, row["high"] or 0)
    layers: list[dict[str, Any]] = [
        {
            "transform": [{"filter": "datum.low != null && datum.high != null"}],
            "mark": {"type": "rule", "color": INK, "strokeWidth": 1.5},
            "encoding": {
                "y": y,
                "x": {"field": "low", "type": "quantitative"},
                "x2": {"field": "high"},
            },
        },
        {
            "mark": {"type": "point", "filled": True, "color": BAR, "size": 80, "opacity": 1},
            "encoding": {"y": y, "x": {"field": "value", "type": "quantitative"}},
        },
        {
            "mark": {"type": "text", "align": "left", "dx": 6, "baseline": "middle"},
            "encoding": {
                "y": y,
                "x": {"field": "end", "type": "quantitative"},
                "text": {"field": "text"},
            },
        },
    ]
    panel_text = ""
    if panel is not None:
        panel_text = t.gettext("hele panel %(share)s", share=fmt_percent(panel, t.lang))
        layers.insert(
            0,
            {
                "data": {"values": [{"panel": panel}]},
                "mark": {"type": "rule", "color": MUTED, "strokeDash": [4, 3]},
                "encoding": {"x": {"field": "panel", "type": "quantitative"}},
            },
        )
    body = {
        "width": WIDTH - 160,
        "height": {"step": BAR_HEIGHT + 6},
        "data": {"values": rows},
        "encoding": {
            "x": {
                "field": "value",
                "type": "quantitative",
                "scale": {"domain": [0, room], "nice": False},
                "axis": {
                    "values": axis_ticks(room, percent=True),
                    "format": ".0%",
                    "title": t.gettext("aandeel, met 95 %%-interval; stippellijn: hele panel"),
                },
            },
        },
        "layer": layers,
    }
    described = [(row["key"], row["text"]) for row in rows]
    description = figures_text(described) + (f"; {panel_text}" if panel_text else "")
    title = t.gettext("Verschil tussen groepen")
    return Chart(vega_spec(body, description), title, description)


def difference_svg(item: Mapping[str, Any], labels: Mapping[str, str], t: Translator) -> str | None:
    """The notable difference's dot plot as inline SVG, or None."""
    chart = difference_chart(item, labels, t)
    if chart is None:
        return None
    try:
        return render_svg(chart, t.lang)
    except ValueError:  # vl-convert refused the spec: the sentence still has the figures
        return None
