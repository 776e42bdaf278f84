"""The charts in the report: one per question, in scale order, with the result's own
numbers, drawn on the server as plain inline SVG (no script, no address), also in the PDF."""

from __future__ import annotations

import copy
import io
import itertools
import re
from html import unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledenpanel.analysis.report import (
    charts,
    drawing,
    fmt_number,
    fmt_percent,
    render_html,
    render_pdf,
)
from ledenpanel.analysis.report.formats import fmt_axis
from ledenpanel.analysis.report.i18n import translator
from tests.support.poppler import needs_poppler, pdftotext
from tests.support.report_result import build_result

CHARTED = ("select_one", "select_multiple", "rank", "points", "integer", "decimal")


def _article(page: str, name: str) -> str:
    found = re.search(
        rf'<article class="question" aria-labelledby="vraag-{re.escape(name)}">(.*?)</article>',
        page,
        re.DOTALL,
    )
    assert found is not None, name
    return found.group(1)


def _svg(page: str, name: str) -> str:
    found = re.search(r"<svg\b.*?</svg>", _article(page, name), re.DOTALL)
    assert found is not None, f"no chart for {name}"
    return found.group(0)


def _texts(svg: str) -> list[str]:
    """The text the chart draws (its <text> elements), in drawing order."""
    return [unescape(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def _bars(svg: str) -> list[tuple[float, float, str]]:
    """The bars the chart draws: x, width and fill, in drawing order."""
    bars = []
    for group in re.findall(r'<g class="bars">(.*?)</g>', svg, re.DOTALL):
        for x, width, fill in re.findall(
            r'<rect x="([-0-9.]+)" y="[-0-9.]+" width="([-0-9.]+)" height="[-0-9.]+"'
            r' fill="(#[0-9a-f]{6})"',
            group,
        ):
            bars.append((float(x), float(width), fill))
    return bars


def _zero(svg: str) -> float:
    """Where the diverging bar's zero line stands."""
    zero = re.search(r'<g class="zero"><line x1="([-0-9.]+)"', svg)
    assert zero is not None
    return float(zero.group(1))


def _question(result: dict, name: str) -> dict:
    return next(q for q in result["questions"] if q["name"] == name)


def test_it_draws_a_chart_for_every_question_type(result: dict, page: str) -> None:
    kinds = set()
    for question in result["questions"]:
        article = _article(page, question["name"])
        if question["type"] in CHARTED:
            svg = _svg(page, question["name"])
            assert '<figure class="chart">' in article
            assert 'role="img"' in svg
            assert "aria-label=" in svg
            assert "<title>" in svg
            assert "<desc>" in svg
            assert article.index("<svg") < article.index("<table")  # the table stays, below
            kinds.add((question["type"], question.get("scale")))
        else:
            assert "<svg" not in article
    assert kinds == {
        ("select_one", "agree"),
        ("select_one", "rating"),
        ("select_one", None),
        ("select_multiple", None),
        ("rank", None),
        ("points", None),
        ("integer", None),
    }


def test_an_agree_scale_is_one_diverging_bar_in_scale_order_with_dont_know_apart(
    result: dict, page: str
) -> None:
    question = _question(result, "kernenergie")
    opinion = [o for o in question["options"] if not o["dont_know"]]
    unknown = [o for o in question["options"] if o["dont_know"]]
    svg = _svg(page, "kernenergie")
    bars = _bars(svg)
    scale_bars, apart = bars[: len(opinion)], bars[len(opinion) :]

    # Left to right in scale order, touching: disagree, neutral, agree.
    assert [fill for _x, _w, fill in scale_bars] == list(charts.DIVERGING[5])
    for (x, width, _fill), (next_x, _w, _f) in itertools.pairwise(scale_bars):
        assert x + width == pytest.approx(next_x, abs=0.02)  # coordinates have two decimals
    # Every bar as long as its share, "weet niet" on the same scale of pixels, beside it.
    shares = [o["weighted_share"] for o in [*opinion, *unknown]]
    pixels_per_share = scale_bars[0][1] / shares[0]
    assert [width for _x, width, _f in bars] == pytest.approx(
        [share * pixels_per_share for share in shares], rel=1e-3, abs=0.02
    )
    assert [fill for _x, _w, fill in apart] == [charts.DONT_KNOW]
    # The neutral middle lies across zero: as much of it left of zero as right.
    assert scale_bars[2][0] + scale_bars[2][1] / 2 == pytest.approx(_zero(svg), abs=0.5)

    # The legend lists the options in scale order, "weet niet" last.
    texts = _texts(svg)
    legend = [text for text in texts if text in {o["label"] for o in question["options"]}]
    assert legend == [o["label"] for o in question["options"]]


def test_the_numbers_in_each_chart_are_the_results(result: dict, page: str) -> None:
    for question in result["questions"]:
        if question["type"] not in CHARTED:
            continue
        svg = _svg(page, question["name"])
        texts = _texts(svg)
        desc = unescape(re.search(r"<desc>(.*?)</desc>", svg).group(1))
        kind = question["type"]
        options = question.get("options", [])
        if kind in ("select_one", "select_multiple"):
            expected = [(o["label"], fmt_percent(o["weighted_share"])) for o in options]
        elif kind == "rank":
            expected = [(o["label"], fmt_percent(o["weighted_share_first"])) for o in options]
        elif kind == "points":
            expected = [(o["label"], fmt_number(o["weighted_mean"], 1)) for o in options]
        else:
            expected = [("gewogen gemiddelde", fmt_number(question["weighted_mean"], 1))]
        # The text alternative has every figure, the drawing every figure that fits.
        assert all(f"{label}: {value}" in desc for label, value in expected), desc
        drawn = [value for _label, value in expected if value in texts]
        assert len(drawn) >= len(expected) - 2, (question["name"], texts)

    # Bars are as long as their figure: the choice chart's widths are proportional to it.
    channel = _question(result, "kanaal")
    widths = [width for _x, width, _fill in _bars(_svg(page, "kanaal"))]
    shares = [option["weighted_share"] for option in channel["options"]]
    assert [w / widths[0] for w in widths] == pytest.approx(
        [s / shares[0] for s in shares], rel=1e-3
    )
    # And the 0–10 distribution has one column per point, in scale order.
    rating = _svg(page, "cijfer")
    axis = [text for text in _texts(rating) if text.isdigit()]
    assert axis == [str(point) for point in range(11)]


def test_the_page_runs_no_script_and_names_no_address(page: str, english_page: str) -> None:
    for html in (page, english_page):
        lowered = html.lower()
        assert lowered.count("<svg") == 10  # 9 questions and one notable difference
        assert "<script" not in lowered
        assert "http" not in lowered  # not even an SVG namespace: HTML puts <svg> in it
        assert "url(" not in lowered
        assert "xlink" not in lowered
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", lowered)
        assert "<foreignobject" not in lowered
        assert "<image" not in lowered


def test_a_label_cannot_break_out_of_the_chart() -> None:
    result = build_result()
    channel = _question(result, "kanaal")
    channel["options"][0]["label"] = "<script>alert('x')</script> & \"zo\""
    page = render_html(result)
    svg = _svg(page, "kanaal")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(" in svg


def test_the_english_chart_speaks_english_and_writes_english_numbers(
    result: dict, english_page: str
) -> None:
    svg = _svg(english_page, "woningbouw")
    texts = _texts(svg)
    assert "← disagree · weighted share of all answers · agree →" in texts
    assert "don't know" in texts
    assert "42%" in texts
    assert "Chart for question 1 (weighted)" in svg
    assert not any("\u00a0%" in text or " %" in text for text in texts)
    dutch = _texts(render_html(result).split('vraag-woningbouw">', 1)[1].split("</svg>")[0])
    assert "42 %" in dutch
    assert "weet niet" in dutch


def test_a_chart_is_the_same_every_time() -> None:
    question = dict(_question(build_result(), "woningbouw"), number=1)
    t = translator("nl")
    first = charts.chart_svg(question, t)
    assert charts.chart_svg(copy.deepcopy(question), t) == first


def test_the_pdf_draws_the_charts() -> None:
    from pypdf import PdfReader

    result = build_result(variables={"gender": ["man", "vrouw", "anders"]})
    result["questions"] = result["questions"][:1]
    result["groups"]["tables"] = result["groups"]["tables"][:1]
    reader = PdfReader(io.BytesIO(render_pdf(result)))
    drawn = "".join(_streams(page) for page in reader.pages)
    # The agree scale's colours are PDF fill colours: the SVG is drawn, not dropped.
    fills = [
        tuple(float(value) for value in found)
        for found in re.findall(r"([0-9.]+) ([0-9.]+) ([0-9.]+) rg\b", drawn)
    ]
    for colour in ("#ca0020", "#0571b0", charts.DONT_KNOW):
        rgb = tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        assert any(fill == pytest.approx(rgb, abs=1e-3) for fill in fills), colour
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "oneens · gewogen aandeel van alle antwoorden · eens" in text


def _streams(page) -> str:
    """The page's drawing instructions, its form XObjects (the SVGs) included."""
    contents = page.get_contents()
    found = [] if contents is None else [contents.get_data().decode("latin-1")]
    pending = [page.get("/Resources")]
    seen: set[int] = set()
    while pending:
        resources = pending.pop()
        resources = resources.get_object() if resources is not None else None
        if not resources or "/XObject" not in resources:
            continue
        for reference in resources["/XObject"].values():
            stream = reference.get_object()
            if id(stream) in seen or stream.get("/Subtype") != "/Form":
                continue
            seen.add(id(stream))
            found.append(stream.get_data().decode("latin-1"))
            pending.append(stream.get("/Resources"))
    return "\n".join(found)


def test_a_question_nobody_answered_gets_one_line() -> None:
    result = build_result()
    channel = _question(result, "kanaal")
    channel.update(n_valid=0, effective_n=0.0, unreliable=True)
    for option in channel["options"]:
        option.update(
            count=0,
            share=None,
            ci_low=None,
            ci_high=None,
            weighted_share=None,
            weighted_ci_low=None,
            weighted_ci_high=None,
            unreliable=True,
        )
    article = _article(render_html(result), "kanaal")
    assert "Geen antwoorden op deze vraag." in article
    assert "onbetrouwbaar" not in article
    assert "<table" not in article
    assert "<svg" not in article
    english = _article(render_html(result, lang="en"), "kanaal")
    assert "No answers to this question." in english


def test_a_label_with_its_own_number_is_not_numbered_twice() -> None:
    result = build_result()
    _question(result, "onderwerpen")["label"] = "6. Over welke onderwerpen wilt u meepraten?"
    page = render_html(result)
    heading = re.search(r'<h3 id="vraag-onderwerpen">(.*?)</h3>', page).group(1)
    assert heading == "6. Over welke onderwerpen wilt u meepraten?"
    first = re.search(r'<h3 id="vraag-woningbouw">(.*?)</h3>', page).group(1)
    assert first.startswith('<span class="number">1.</span>')


def test_an_amount_or_count_has_no_interval_below_zero() -> None:
    result = build_result()
    years = _question(result, "jaren_lid")
    years.update(mean=2.1, ci_low=-0.8, ci_high=5.0, weighted_mean=2.0)
    years.update(weighted_ci_low=-1.2, weighted_ci_high=5.2, q1=0.0, median=1.0, q3=3.0)
    budget = _question(result, "begroting")
    budget["options"][0].update(ci_low=-1.5, weighted_ci_low=-0.5)
    page = render_html(result)
    for name in ("jaren_lid", "begroting"):
        article = _article(page, name)
        assert "−" not in article, name  # no minus sign anywhere: no bound below 0
    assert "0,0 – 5,0" in _article(page, "jaren_lid")
    assert "0,0 – 5,2" in _article(page, "jaren_lid")
    assert "0,0 – 43,5" in _article(page, "begroting")

    # A quantity that may be negative (the result says so) keeps its interval.
    years["nonnegative"] = False
    assert "−0,8 – 5,0" in _article(render_html(result), "jaren_lid")


# -- the drawing itself and the PDF's tables -------------------------------------------

# What a chart may hold: shapes and text, nothing that runs, fetches or styles.
_ELEMENTS = {"svg", "title", "desc", "g", "rect", "line", "circle", "text"}
_ATTRIBUTES = {
    "class", "x", "y", "width", "height", "fill", "stroke", "stroke-width", "stroke-dasharray",
    "x1", "y1", "x2", "y2", "cx", "cy", "r", "text-anchor", "font-size", "font-family",
    "transform", "viewBox", "role", "aria-label", "focusable",
}  # fmt: skip


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_chart_is_plain_svg_of_shapes_and_text(
    page: str, english_page: str, lang: str
) -> None:
    import xml.etree.ElementTree as ET

    html = page if lang == "nl" else english_page
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)
    assert len(svgs) == 10
    for svg in svgs:
        root = ET.fromstring(svg)  # noqa: S314 - our own drawing, in a test
        for node in root.iter():
            assert node.tag in _ELEMENTS, node.tag
            assert set(node.attrib) <= _ATTRIBUTES, (node.tag, node.attrib)
            transform = node.get("transform")
            assert transform is None or transform.startswith("rotate(-90 "), transform
        width, height = float(root.get("width")), float(root.get("height"))
        assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
        # Everything drawn lies inside the picture.
        for node in root.iter("rect"):
            assert float(node.get("x", 0)) + float(node.get("width")) <= width
            assert float(node.get("y", 0)) + float(node.get("height")) <= height


def test_a_long_label_is_shortened_in_the_chart_and_whole_in_its_text() -> None:
    result = build_result()
    long_label = "Via de nieuwsbrief van de afdeling, die eens per maand verschijnt " * 3
    _question(result, "kanaal")["options"][0]["label"] = long_label.strip()
    svg = _svg(render_html(result), "kanaal")
    shortened = next(text for text in _texts(svg) if text.startswith("Via de nieuwsbrief"))
    assert shortened.endswith("…")
    assert drawing.text_width(shortened) <= drawing.LABEL_LIMIT
    assert long_label.strip() in unescape(re.search(r"<desc>(.*?)</desc>", svg).group(1))


def test_text_is_measured_in_the_report_s_font() -> None:
    # DejaVu Sans: "W" is about 0.99 em wide, "i" 0.28 em.
    assert drawing.text_width("W", 10) == pytest.approx(9.89, abs=0.05)
    assert drawing.text_width("iiii", 10) == pytest.approx(4 * 2.78, abs=0.05)
    assert drawing.clipped("kort", 100) == "kort"
    shortened = drawing.clipped("W" * 40, 100)  # as much as fits, then "…"
    assert shortened.endswith("…")
    assert drawing.text_width(shortened) <= 100 < drawing.text_width("W" + shortened)


def test_a_large_number_right_of_its_bar_widens_the_picture_not_overflows_it() -> None:
    result = build_result()
    budget = _question(result, "begroting")
    budget["options"][0].update(weighted_mean=123456.7, weighted_ci_high=123999.0)
    svg = _svg(render_html(result), "begroting")
    width = float(re.search(r'<svg[^>]* width="([0-9.]+)"', svg).group(1))
    number = re.search(r'<text x="([0-9.]+)"[^>]*>123\.456,7</text>', svg)
    assert number is not None
    assert float(number.group(1)) + drawing.text_width("123.456,7") <= width


@pytest.mark.parametrize(
    ("values", "percent", "lang", "expected"),
    [
        ([0, 0.25, 0.5], True, "nl", ["0 %", "25 %", "50 %"]),
        ([0, 0.005, 0.01], True, "en", ["0.0%", "0.5%", "1.0%"]),
        ([0, 2.5, 5], False, "nl", ["0,0", "2,5", "5,0"]),
        ([0, 1000, 2000], False, "nl", ["0", "1.000", "2.000"]),
        ([-0.5, 0, 0.5], True, "en", ["\u221250%", "0%", "50%"]),
    ],
)
def test_axis_values_have_the_fewest_decimals_that_write_them_exactly(
    values: list[float], percent: bool, lang: str, expected: list[str]
) -> None:
    assert fmt_axis(values, percent, lang) == expected


@needs_poppler
def test_a_wide_crosstab_stays_on_the_page() -> None:
    """However many options, a crosstab in the PDF is never wider than its page."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    from ledenpanel.analysis.report.rendering import _css

    tables = []
    for options in (6, 11, 14, 17, 24):
        head = "".join(
            f'<th scope="col" class="num">Helemaal mee oneens optie {n}</th>'
            for n in range(options)
        )
        row = "".join('<td class="num">100 %</td>' for _ in range(options))
        tables.append(
            f'<table class="figures crosstab"><caption>{options} opties</caption>'
            f'<thead><tr><th scope="col">Lidmaatschapsduur</th><th scope="col" class="num">n'
            f"</th>{head}</tr></thead><tbody>"
            f'<tr><th scope="row">Zuid-Holland Noord</th><td class="num">10.000</td>{row}</tr>'
            "</tbody></table>"
        )
    page = f"<html lang='nl'><style>{_css('nl')}</style><body>{''.join(tables)}</body></html>"
    pdf = HTML(string=page, url_fetcher=URLFetcher(allowed_protocols=frozenset())).write_pdf()
    boxes = pdftotext(pdf, "-bbox")
    right = 595.28 - 16 / 25.4 * 72  # A4 less the right margin (report.css @page)
    words = re.findall(r'xMax="([0-9.]+)"[^>]*>([^<]*)<', boxes)
    assert len(words) > 100
    beyond = [(word, float(x)) for x, word in words if float(x) > right + 0.5]
    assert beyond == []
    for figure in ("100", "10.000"):  # every figure whole: no number cut off
        assert sum(word == figure for _, word in words) >= 5


# -- odd results ------------------------------------------------------------------------

_ODD = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 1e9, "x", True]),
)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(
        ["woningbouw", "cijfer", "kanaal", "onderwerpen", "prioriteit", "begroting", "jaren_lid"]
    ),
    figures=st.lists(_ODD, min_size=12, max_size=12),
    options=st.integers(min_value=0, max_value=12),
)
def test_any_figure_gives_a_chart_that_can_be_drawn_or_none(
    name: str, figures: list, options: int
) -> None:
    """A result from another engine or a broken file: a share of 1e9, −1, NaN, a string.
    The chart stays on its scale and inside its picture; nothing raises."""
    import xml.etree.ElementTree as ET

    from ledenpanel.analysis.report import chart_stamps

    question = copy.deepcopy(dict(_QUESTIONS[name], number=1))
    keys = ("share", "weighted_share", "ci_low", "ci_high", "weighted_ci_low", "weighted_ci_high")
    keys += ("share_first", "weighted_share_first", "mean", "weighted_mean")
    stock = question.get("options") or [{}]
    question["options"] = [dict(stock[i % len(stock)]) for i in range(options)]
    for index, option in enumerate(question["options"]):
        for key, value in zip(keys, figures[index:] + figures[:index], strict=False):
            option[key] = value
    for key, value in zip(("mean", "weighted_mean", "q1", "median", "q3"), figures, strict=False):
        question[key] = value

    svg = charts.chart_svg(question, translator("nl"))

    if svg is not None:
        root = ET.fromstring(svg)  # noqa: S314 - our own drawing, in a test
        width, height = float(root.get("width")), float(root.get("height"))
        assert height < 1000  # no runaway axis: a handful of ticks, one row per option
        for rect in root.iter("rect"):
            assert (
                0
                <= float(rect.get("x", 0))
                <= float(rect.get("x", 0)) + float(rect.get("width"))
                <= width
            )
        chart_stamps.draw_charts(chart_stamps.slot_charts(svg).charts)


_QUESTIONS = {question["name"]: question for question in build_result()["questions"]}


@settings(max_examples=200, deadline=None)
@given(
    dots=st.lists(st.tuples(_ODD, _ODD, _ODD), max_size=9),
    panel=_ODD,
)
def test_any_figure_gives_a_dot_plot_that_can_be_drawn_or_none(dots: list, panel: object) -> None:
    from ledenpanel.analysis.report import chart_stamps
    from ledenpanel.analysis.report.group_charts import difference_svg

    item = {
        "dots": [
            {"group": f"g{n}", "share": share, "ci_low": low, "ci_high": high}
            for n, (share, low, high) in enumerate(dots)
        ],
        "largest_difference": {"panel_share": panel},
    }
    svg = difference_svg(item, {}, translator("nl"))
    if svg is not None:
        chart_stamps.draw_charts(chart_stamps.slot_charts(svg).charts)
