"""One chart per question, drawn on the server as an inline SVG (see ``drawing``).

Each builder is a plain function of a question (as the report's view model
holds it) and the report's ``Translator``; it returns a ``Chart``: the SVG, a
short title and the figures as text, which the SVG also carries for screen
readers (``role="img"``, ``aria-label``, ``<title>``, ``<desc>``). The numbers in
a chart are written with the report's own formatters, so they read exactly as
in the tables.

- agree scales: one diverging stacked bar, disagreeing to the left, agreeing to
  the right, the neutral middle across zero, "weet niet" as its own grey bar
  beside it (ColorBrewer RdBu, colour-blind safe), with a legend in scale order;
- 0–10 ratings: the distribution, one column per point of the scale;
- choices, other ordered scales, ranks (share put first) and points (mean
  points): horizontal bars with their 95 % interval, in the form's order;
- numbers: the middle half (25 %–75 %) with the median, and the mean with its
  interval.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .drawing import (
    BAR,
    DONT_KNOW,
    FONT_SIZE,
    GRID,
    INK,
    LEGEND_ROW,
    LIGHT_BAR,
    MUTED,
    PAD,
    SMALL,
    WHITE,
    Drawing,
    NotDrawn,
    Rows,
    Scale,
    bottom_axis,
    clipped,
    grid,
    ink_on,
    legend,
    nice_ticks,
    round_ticks,
    rows_frame,
    text_width,
)
from .formats import DASH, fmt_axis, fmt_number, fmt_percent, fmt_plain
from .i18n import Translator
from .lenient import as_number, dicts

WIDTH = 560  # the plotting width in pixels; the labels come on top of it
BAR_HEIGHT = 22
ROW_STEP = BAR_HEIGHT + 6  # one row of horizontal bars: a bar and the room between

# ColorBrewer RdBu per number of scale points (see drawing for why these colours).
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


@dataclass(frozen=True)
class Chart:
    """A question's chart: the SVG and its text alternative."""

    svg: str
    title: str
    description: str  # the chart's figures as a sentence, for screen readers


# -- helpers ------------------------------------------------------------------------


def _label(option: Mapping[str, Any]) -> str:
    return str(option.get("label") or option.get("name") or "")


def _fits(text: str, pixels: float) -> bool:
    """Whether a number fits inside a bar segment this wide (with a little room)."""
    return pixels >= text_width(text) + 6


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


def figures_text(items: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{label}: {value}" for label, value in items)


def drawn_share(value: Any) -> float:
    """A share as a chart draws it: within [0, 1], nothing (0) where it is missing.

    A figure outside [0, 1] is no share; its text says what it is, the chart
    does not follow it off the scale.
    """
    number = as_number(value)
    return 0.0 if number is None else min(max(number, 0.0), 1.0)


NUMBER_LIMIT = 1e12  # no count, amount or points in a panel comes near this


def drawn_number(value: float | None) -> float | None:
    """A number as a chart draws it: within ±``NUMBER_LIMIT``, 0 below a billionth.

    A figure beyond that is no answer to a question (a broken file, another
    engine); its text says what it is, the chart stays on a scale it can draw.
    """
    if value is None:
        return None
    if abs(value) < 1e-9:
        return 0.0
    return min(max(value, -NUMBER_LIMIT), NUMBER_LIMIT)


def _share_text(share: float | None, t: Translator) -> str:
    return fmt_percent(share, t.lang) if share is not None else DASH


def _title(question: Mapping[str, Any], t: Translator, weighted: bool) -> str:
    number = question.get("number")
    if weighted:
        return t.gettext("Grafiek bij vraag %(number)s (gewogen)", number=number)
    return t.gettext("Grafiek bij vraag %(number)s", number=number)


# -- agree scales -------------------------------------------------------------------


def _diverging_bounds(values: Sequence[float]) -> list[tuple[float, float]]:
    """Each scale point's segment: outward from the neutral middle, which lies across zero."""
    half, middle = divmod(len(values), 2)
    neutral = values[half] if middle else 0.0
    bounds: list[tuple[float, float]] = [(-neutral / 2, neutral / 2)] * len(values)
    start = -neutral / 2
    for index in range(half - 1, -1, -1):  # to the left
        bounds[index] = (start - values[index], start)
        start -= values[index]
    start = neutral / 2
    for index in range(half + middle, len(values)):  # to the right
        bounds[index] = (start, start + values[index])
        start += values[index]
    return bounds


def _symmetric_ticks(extent: float) -> list[float]:
    step = 0.25 if extent > 0.6 else 0.2 if extent > 0.3 else 0.1
    count = int(extent / step + 1e-9)
    return [round(i * step, 10) for i in range(-count, count + 1)]


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
    bounds = _diverging_bounds([drawn_share(share) for share in shares])
    reach = max(-bounds[0][0], bounds[-1][1], 0.05)
    extent = math.ceil(reach * 10 + 1e-9) / 10  # a round edge: 50 %, 60 %, …
    colours = DIVERGING[len(opinion)]
    weighted = key.startswith("weighted_")

    drawing = Drawing()
    top, bottom = PAD, PAD + BAR_HEIGHT + 8
    bar_top, centre = top + 4, top + 4 + BAR_HEIGHT / 2
    scale = Scale(-extent, extent, PAD, WIDTH)
    ticks = _symmetric_ticks(extent)
    grid(drawing, scale, [tick for tick in ticks if tick], top, bottom)
    # Zero in ink, behind the bar: the neutral share's number stays readable over it.
    with drawing.group("zero"):
        drawing.line((scale(0), top), (scale(0), bottom), INK)
    texts = [_share_text(share, t) for share in shares]
    with drawing.group("bars"):
        for (low, high), colour in zip(bounds, colours, strict=True):
            drawing.rect(
                scale(low), bar_top, scale(high) - scale(low), BAR_HEIGHT, colour, edge=WHITE
            )
    with drawing.group("values"):
        for (low, high), colour, text in zip(bounds, colours, texts, strict=True):
            if _fits(text, scale(high) - scale(low)):
                x = scale((low + high) / 2)
                drawing.text(x, centre, text, anchor="middle", fill=ink_on(colour), middle=True)
    axis_title = (
        t.gettext("← oneens · gewogen aandeel van alle antwoorden · eens →")
        if weighted
        else t.gettext("← oneens · aandeel van alle antwoorden · eens →")
    )
    bottom_axis(
        drawing, scale, ticks, fmt_axis([abs(v) for v in ticks], True, t.lang), bottom, axis_title
    )

    # "Weet niet" beside the scale, on the same pixels per share, with its caption below.
    figures = list(zip([_label(o) for o in opinion], texts, strict=True))
    x = scale.end + 16
    for option in unknown:
        share = as_number(option.get(key))
        text = _share_text(share, t)
        figures.append((_label(option), text))
        width = drawn_share(share) * WIDTH / (2 * extent)
        with drawing.group("bars"):
            drawing.rect(x, bar_top, width, BAR_HEIGHT, DONT_KNOW)
        drawing.text(x + width + 4, centre, text, middle=True)
        caption = t.gettext("weet niet")
        room = max(width + 4 + text_width(text), text_width(caption, SMALL))
        drawing.text(x + room / 2, bottom + 14, caption, anchor="middle", size=SMALL, fill=MUTED)
        x += room + 16

    labels = [label for label, _text in figures]
    entries = list(zip(labels, [*colours, *[DONT_KNOW] * len(unknown)], strict=True))
    legend_top = bottom + 31 + 12  # below the axis title
    legend(drawing, entries, x=PAD, y=legend_top + LEGEND_ROW / 2, width=drawing.right - PAD)
    title, description = _title(question, t, weighted), figures_text(figures)
    return Chart(drawing.svg(title=title, description=description), title, description)


# -- 0–10 ratings -------------------------------------------------------------------

_RATING_HEIGHT = 150
_COLUMN_GAP = 0.15  # of a column's step, between columns (half of it at either end)


def rating_chart(question: Mapping[str, Any], t: Translator) -> Chart | None:
    """The distribution over a 0–10 (or any numbered) scale: one column per point."""
    options = dicts(question.get("options"))
    key = _weighted_key(options, "share")
    shares = [as_number(o.get(key)) for o in options]
    if not options or all(share is None for share in shares):
        return None
    heights = [drawn_share(share) for share in shares]
    highest = max(heights)
    ticks = round_ticks(highest, percent=True)
    tick_texts = fmt_axis(ticks, True, t.lang)
    axis_title = t.gettext("aandeel")

    drawing = Drawing()
    left = PAD + FONT_SIZE + 6 + max(text_width(text) for text in tick_texts) + 7
    top, bottom = PAD + SMALL, PAD + SMALL + _RATING_HEIGHT
    value = Scale(0.0, highest * 1.18 or 0.1, bottom, -_RATING_HEIGHT)  # upwards
    with drawing.group("grid"):
        for tick in ticks:
            drawing.line((left, value(tick)), (left + WIDTH, value(tick)), GRID)
    with drawing.group("axis"):
        drawing.line((left, top), (left, bottom), MUTED)
        for tick in ticks:
            drawing.line((left - 5, value(tick)), (left, value(tick)), MUTED)
    with drawing.group("axis-label"):
        for tick, text in zip(ticks, tick_texts, strict=True):
            drawing.text(left - 7, value(tick), text, anchor="end", middle=True)
    middle = (top + bottom) / 2
    drawing.text(PAD + FONT_SIZE - 2, middle, axis_title, anchor="middle", fill=MUTED, turned=True)

    step = WIDTH / len(options)  # a column and the gap beside it
    column = step * (1 - _COLUMN_GAP)
    starts = [left + step * (_COLUMN_GAP / 2 + index) for index in range(len(options))]
    texts = [_share_text(share, t) for share in shares]
    with drawing.group("bars"):
        for option, start, height in zip(options, starts, heights, strict=True):
            fill = DONT_KNOW if option.get("dont_know") else BAR
            drawing.rect(start, value(height), column, bottom - value(height), fill)
    with drawing.group("values"):
        for start, height, text in zip(starts, heights, texts, strict=True):
            drawing.text(start + column / 2, value(height) - 3, text, anchor="middle", size=SMALL)
    labels = [_label(o) for o in options]
    drawing.line((left, bottom), (left + WIDTH, bottom), MUTED)
    with drawing.group("axis-label"):
        for start, label in zip(starts, labels, strict=True):
            drawing.text(start + column / 2, bottom + 16, clipped(label, step), anchor="middle")
    drawing.text(left + WIDTH / 2, bottom + 31, t.gettext("antwoord"), anchor="middle", fill=MUTED)

    title = _title(question, t, key.startswith("weighted_"))
    description = figures_text(list(zip(labels, texts, strict=True)))
    return Chart(drawing.svg(title=title, description=description), title, description)


# -- horizontal bars: choices, ranks, points ----------------------------------------


def value_rows(
    drawing: Drawing,
    labels: Sequence[str],
    *,
    room: float,
    percent: bool,
    lang: str,
    axis_title: str,
) -> Rows:
    """A row per label over an axis from 0 to ``room`` (shares, or numbers): the frame
    of the bar charts and of the dot plot of a difference between groups."""
    ticks = round_ticks(room, percent)
    return rows_frame(
        drawing,
        labels,
        step=ROW_STEP,
        width=WIDTH - 160,
        domain=(0.0, room),
        ticks=ticks,
        texts=fmt_axis(ticks, percent, lang),
        axis_title=axis_title,
    )


@dataclass(frozen=True)
class _Bar:
    label: str
    value: float
    low: float | None
    high: float | None
    text: str
    fill: str = BAR


def _bars(bars: Sequence[_Bar], *, axis_title: str, percent: bool, title: str, lang: str) -> Chart:
    """Horizontal bars in the given order, each with its interval and its number."""
    highest = max([bar.value for bar in bars] + [bar.high or 0 for bar in bars] + [0.0])
    room = highest * 1.18 or 1.0  # the numbers stand right of the bars
    drawing = Drawing()
    rows = value_rows(
        drawing,
        [bar.label for bar in bars],
        room=room,
        percent=percent,
        lang=lang,
        axis_title=axis_title,
    )
    x = rows.scale
    thickness = ROW_STEP * 0.75
    with drawing.group("bars"):
        for index, bar in enumerate(bars):
            drawing.rect(
                x(0), rows.centre(index) - thickness / 2, x(bar.value) - x(0), thickness, bar.fill
            )
    with drawing.group("intervals"):
        for index, bar in enumerate(bars):
            if bar.low is not None and bar.high is not None:
                centre = rows.centre(index)
                drawing.line((x(bar.low), centre), (x(bar.high), centre), INK, 1.5)
    with drawing.group("values"):
        for index, bar in enumerate(bars):
            end = max(bar.value, bar.high or 0)
            drawing.text(x(end) + 5, rows.centre(index), bar.text, middle=True)
    description = figures_text([(bar.label, bar.text) for bar in bars])
    return Chart(drawing.svg(title=title, description=description), title, description)


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
    bars = []
    for option in options:
        share = as_number(option.get(key))
        low, high = (None if end is None else drawn_share(end) for end in _interval(option, key))
        fill = DONT_KNOW if option.get("dont_know") else BAR
        text = _share_text(share, t)
        bars.append(_Bar(_label(option), drawn_share(share), low, high, text, fill))
    weighted = key.startswith("weighted_")
    return _bars(
        bars,
        axis_title=titles[1] if weighted else titles[0],
        percent=True,
        title=_title(question, t, weighted),
        lang=t.lang,
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
    """A points division: the mean points per part, with its interval (never below 0)."""
    options = dicts(question.get("options"))
    key = _weighted_key(options, "mean")
    if not options or all(as_number(o.get(key)) is None for o in options):
        return None
    bars = []
    for option in options:
        mean = as_number(option.get(key))
        low, high = (drawn_number(end) for end in _interval(option, key))
        low = None if low is None else max(low, 0.0)
        text = fmt_number(mean, 1, t.lang)
        bars.append(_Bar(_label(option), drawn_number(mean) or 0.0, low, high, text))
    weighted = key.startswith("weighted_")
    axis_title = (
        t.gettext("gewogen gemiddeld aantal punten, met 95 %%-interval")
        if weighted
        else t.gettext("gemiddeld aantal punten, met 95 %%-interval")
    )
    return _bars(
        bars,
        axis_title=axis_title,
        percent=False,
        title=_title(question, t, weighted),
        lang=t.lang,
    )


# -- numbers ------------------------------------------------------------------------


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
    middle_half = q1 is not None and q3 is not None and median is not None
    figures: list[tuple[str, str]] = []
    if middle_half:
        figures.append(
            (
                t.gettext("middelste helft en mediaan"),
                f"{fmt_plain(q1, t.lang)} – {fmt_plain(q3, t.lang)}; "
                + t.gettext("mediaan %(median)s", median=fmt_plain(median, t.lang)),
            )
        )
    if mean is not None:
        mean_label = t.gettext("gewogen gemiddelde") if weighted else t.gettext("gemiddelde")
        figures.append((mean_label, fmt_number(mean, 1, t.lang)))
    q1, q3, median, mean, low, high = (drawn_number(v) for v in (q1, q3, median, mean, low, high))
    values = [v for v in (q1, q3, median, mean, low, high) if v is not None]
    span = (max(values) - min(values)) or abs(max(values)) or 1.0
    lowest = 0.0 if min(values) >= 0 else min(values) - 0.05 * span
    highest = max(values) + 0.45 * span  # room for the numbers on the right
    ticks = nice_ticks(lowest, highest)

    drawing = Drawing()
    rows = rows_frame(
        drawing,
        [label for label, _text in figures],
        step=BAR_HEIGHT + 8,
        width=WIDTH - 160,
        domain=(lowest, highest),
        ticks=ticks,
        texts=fmt_axis(ticks, False, t.lang),
        axis_title=t.gettext("waarde"),
    )
    x = rows.scale
    ends = []
    with drawing.group("marks"):
        if middle_half:
            assert q1 is not None  # for the type checker, as middle_half says
            assert q3 is not None
            assert median is not None
            centre = rows.centre(0)
            drawing.rect(x(q1), centre - BAR_HEIGHT / 2, x(q3) - x(q1), BAR_HEIGHT, LIGHT_BAR)
            drawing.line(
                (x(median), centre - BAR_HEIGHT / 2), (x(median), centre + BAR_HEIGHT / 2), INK, 2
            )
            ends.append(max(q3, median))
        if mean is not None:
            centre = rows.centre(len(figures) - 1)
            if low is not None and high is not None:
                drawing.line((x(low), centre), (x(high), centre), INK, 1.5)
            drawing.dot(x(mean), centre, math.sqrt(70 / math.pi), BAR)  # 70 px²
            ends.append(max(v for v in (high, mean) if v is not None))
    with drawing.group("values"):
        for index, ((_label_text, text), end) in enumerate(zip(figures, ends, strict=True)):
            drawing.text(x(end) + 6, rows.centre(index), text, middle=True)
    title, description = _title(question, t, weighted), figures_text(figures)
    return Chart(drawing.svg(title=title, description=description), title, description)


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


def chart_svg(question: Mapping[str, Any], t: Translator) -> str | None:
    """The question's chart as inline SVG, or None when it has no chart (or its figures
    cannot be drawn: the table below the chart still has every one)."""
    try:
        chart = question_chart(question, t)
    except NotDrawn:
        return None
    return None if chart is None else chart.svg
