"""The chart of a notable difference between groups: a dot plot with intervals.

One row per shown group: the group's (weighted) share for the option that
differs most, as a dot with its 95 % interval, and a dashed line at the whole
panel's figure, so the eye compares each group with the panel. Hidden groups
are not in the engine's ``dots`` and so never drawn.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .charts import Chart, drawn_share, figures_text, value_rows
from .drawing import BAR, INK, MUTED, Drawing, NotDrawn
from .formats import DASH, fmt_percent
from .i18n import Translator
from .lenient import as_dict, as_number, dicts


@dataclass(frozen=True)
class _Dot:
    label: str
    share: float | None
    low: float | None
    high: float | None
    text: str


def difference_chart(
    item: Mapping[str, Any], labels: Mapping[str, str], t: Translator
) -> Chart | None:
    """The dot plot of one notable difference; ``labels`` name its groups."""
    found = dicts(item.get("dots"))
    if len(found) < 2:
        return None
    panel = as_number(as_dict(item.get("largest_difference")).get("panel_share"))
    panel_text = "" if panel is None else fmt_percent(panel, t.lang)
    panel = None if panel is None else drawn_share(panel)
    dots = []
    for dot in found:
        share = as_number(dot.get("share"))
        low, high = as_number(dot.get("ci_low")), as_number(dot.get("ci_high"))
        dots.append(
            _Dot(
                labels.get(str(dot.get("group")), str(dot.get("label") or dot.get("group"))),
                None if share is None else drawn_share(share),
                None if low is None else drawn_share(low),
                None if high is None else drawn_share(high),
                fmt_percent(share, t.lang) if share is not None else DASH,
            )
        )
    top = max([dot.high or dot.share or 0 for dot in dots] + [panel or 0])
    room = min(1.0, top * 1.2) or 1.0

    drawing = Drawing()
    rows = value_rows(
        drawing,
        [dot.label for dot in dots],
        room=room,
        percent=True,
        lang=t.lang,
        axis_title=t.gettext("aandeel, met 95 %%-interval; stippellijn: hele panel"),
    )
    x = rows.scale
    if panel is not None:
        with drawing.group("panel"):
            drawing.line((x(panel), rows.top), (x(panel), rows.bottom), MUTED, dash="4 3")
    with drawing.group("marks"):
        for index, dot in enumerate(dots):
            centre = rows.centre(index)
            if dot.low is not None and dot.high is not None:
                drawing.line((x(dot.low), centre), (x(dot.high), centre), INK, 1.5)
            if dot.share is not None:
                drawing.dot(x(dot.share), centre, math.sqrt(80 / math.pi), BAR)  # 80 px²
    with drawing.group("values"):
        for index, dot in enumerate(dots):
            end = max(dot.share or 0, dot.high or 0)
            drawing.text(x(end) + 6, rows.centre(index), dot.text, middle=True)
    described = figures_text([(dot.label, dot.text) for dot in dots])
    if panel is not None:
        described += "; " + t.gettext("hele panel %(share)s", share=panel_text)
    title = t.gettext("Verschil tussen groepen")
    return Chart(drawing.svg(title=title, description=described), title, described)


def difference_svg(item: Mapping[str, Any], labels: Mapping[str, str], t: Translator) -> str | None:
    """The notable difference's dot plot as inline SVG, or None."""
    try:
        chart = difference_chart(item, labels, t)
    except NotDrawn:  # figures no chart can hold: the sentence still has them
        return None
    return None if chart is None else chart.svg
