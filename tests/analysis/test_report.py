"""The analysis report: complete, correct, escaped, self-contained, and printable."""

from __future__ import annotations

import ast
import copy
import io
import re
import shutil
import subprocess
import time
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest

from ledenpanel.analysis import report
from ledenpanel.analysis.report import (
    fmt_count,
    fmt_number,
    fmt_p,
    fmt_percent,
    fmt_percent_range,
    fmt_plain,
    fmt_points,
    fmt_range,
    fmt_signed,
    i18n,
    render_html,
    render_pdf,
    rendering,
)
from tests.support.report_result import AGES, build_result, withheld_result

ASSUMPTION_NL = (
    "Marges en intervallen gaan ervan uit dat, binnen de weegcellen, de leden die "
    "antwoordden lijken op de leden die dat niet deden."
)
# -- reading the HTML back ----------------------------------------------------------


class _Cells(HTMLParser):
    """Collects each table row's classes and its <td> texts."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[tuple[str, str]]]] = []
        self._cell: list[str] | None = None
        self._cell_class = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "tr":
            self.rows.append((classes, []))
        elif tag == "td":
            self._cell, self._cell_class = [], classes

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1][1].append((self._cell_class, "".join(self._cell).strip()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _rows(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    parser = _Cells()
    parser.feed(html)
    return parser.rows


def _text(html: str) -> str:
    """The visible text, tags dropped and whitespace collapsed."""
    body = re.sub(r"<style>.*?</style>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body)))


# -- the tests ----------------------------------------------------------------------


def test_it_is_self_contained_with_no_script_and_nothing_external(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in html
    assert "<style>" in html
    assert "@page" in html
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<link" not in lowered
    assert "<img" not in lowered
    assert "<iframe" not in lowered
    assert "@import" not in lowered
    assert "url(" not in lowered
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", lowered)
    # Every link is a jump inside the page.
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', html))
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", lowered)  # no event handlers


def test_it_escapes_labels_titles_and_quotes(html: str) -> None:
    assert "Is &lt;b&gt;niet vet&lt;/b&gt; &amp; zo?" in html
    assert "<b>niet vet</b>" not in html
    assert "Ledenpanel wonen &amp; &lt;zorg&gt;" in html
    assert "&lt;script&gt;alert(" in html
    assert "<script>alert" not in html


def test_it_never_prints_a_suppressed_figure_even_when_the_input_carries_one(html: str) -> None:
    suppressed_cells = [
        text
        for classes, cells in _rows(html)
        for cell_class, text in cells
        if "suppressed" in classes.split() or "suppressed" in cell_class.split()
    ]
    # Crosstabs: 4 statements and 1 choice question × 2 variables, one hidden row each,
    # plus the hidden register category of the representativeness table.
    assert len(suppressed_cells) > 30
    assert set(suppressed_cells) == {"—"}
    assert "88 %" not in html  # the stale 0.8765 of the hidden rows
    assert "verborgen: te weinig deelnemers (minder dan 10)" in html


def test_it_shows_the_assumption_wherever_intervals_are_shown() -> None:
    for weighted in (True, False):
        page = render_html(build_result(weighted=weighted))
        # Near the top, under the weighting, in the method section and under every
        # question's table of intervals (9 of the 10 questions; the open one has none).
        assert page.count(ASSUMPTION_NL) >= 3 + 9
        top = page.index(ASSUMPTION_NL)
        assert top < page.index('id="vragen"')


def test_it_withholds_every_figure_below_k_respondents() -> None:
    page = render_html(withheld_result())
    text = _text(page)
    assert "6 leden hebben de vragen beantwoord" in text
    assert "Met minder dan 10 deelnemers tonen we geen uitkomsten" in text
    assert "<table" not in page
    assert "%" not in text
    assert ASSUMPTION_NL not in page


def test_it_renders_every_question_type_in_form_order(html: str) -> None:
    names = [question["name"] for question in build_result()["questions"]]
    assert re.findall(r'<h3 id="vraag-([^"]+)"', html) == names
    text = _text(html)
    for expected in (
        "weet niet",  # the marked "weet niet" option
        "Top-2: Mee eens of Helemaal mee eens",
        "62 %",  # top-2 share
        "3,4",  # the mean on the agree scale
        "Gemiddelde plaats",
        "van de 100 te verdelen punten",
        "41,5",
        "Mediaan",
        "12,3",  # the numeric mean
        "11,7 – 13,0",
        "Middelste helft (25 %–75 %) 4 – 18",
        "openbaar vervoer",
        "bus, trein, ov",
        "De bus in ons dorp rijdt nog maar eens per uur.",
        "Contributie mag omlaag voor studenten.",
        "meer antwoorden mogelijk",
        "schaal van 1 (Helemaal mee oneens) tot 5 (Helemaal mee eens)",
        "schaal van 0 tot 10",
    ):
        assert expected in text, expected


def test_it_shows_weighted_figures_only_when_the_panel_was_weighted() -> None:
    weighted = _text(render_html(build_result(weighted=True)))
    plain = _text(render_html(build_result(weighted=False)))
    assert "Gewogen aandeel" in weighted
    assert "Gewogen aandeel" not in plain
    assert "Taylor-linearisatie" in weighted
    assert "Gewogen naar Leeftijd, Gender" in weighted
    assert "deelnemers op Leeftijd, Gender dezelfde verdeling" in weighted  # the method
    assert "1,23" in weighted  # the weighting effect
    assert "Twee lege weegcellen samengevoegd met hun buren." in weighted
    assert "De uitkomsten zijn niet gewogen" in plain


def test_it_marks_unreliable_estimates_and_says_why(html: str) -> None:
    assert '<span class="flag">onbetrouwbaar</span>' in html
    assert "effectieve n onder 30" in html
    assert "breder dan 30 procentpunten" in html


def test_it_shows_response_and_representativeness_with_cramers_v_before_p(html: str) -> None:
    text = _text(html)
    assert "800" in text
    assert "4.000" in text
    assert "21 %" in text
    assert "98 %" in text
    assert "37" in text  # open-link responses, apart
    caption = re.search(r"<caption>Leeftijd — (.*?)</caption>", html.replace("&lt;", "<"))
    assert caption is not None
    assert caption.group(1).index("Cramér’s V 0,12") < caption.group(1).index("p < 0,001")
    assert "R-indicator: 0,91" in text
    assert "16-34: −0,015" in text
    assert "65+: +0,011" in text
    assert "onbekend-in-register: —" in text


def test_it_lists_notable_differences_and_compact_crosstabs(html: str) -> None:
    text = _text(html)
    assert "groep 16-34 kiest “Helemaal mee eens” 52 % tegen 36 % in het hele panel" in text
    assert "Naar Leeftijd" in text
    assert "Naar Gender" in text
    assert "_onbekend" not in text
    assert "onbekend — —" in text
    assert "Cramér’s V 0,18 · p gecorrigeerd 0,003" in text


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("groups", "De leden vallen uiteen in 2 meningsgroepen"),
        ("no_groups", "Er zijn geen duidelijke groepen."),
        ("too_few", "Te weinig leden beantwoordden de stellingen"),
        ("none", "Niet berekend: daarvoor zijn minstens drie stellingen nodig."),
    ],
)
def test_it_states_the_opinion_group_outcome_plainly(outcome: str, expected: str) -> None:
    text = _text(render_html(build_result(opinion=outcome)))
    assert expected in text
    if outcome == "groups":
        assert "Groep A: 420 leden (55 %)" in text
        assert "Nederland moet investeren in kernenergie." in text
        assert "69 procentpunt" in text
    if outcome == "no_groups":
        assert "Wat de leden breed delen" in text
        assert "Alle leden" in text
        assert "65 %" in text


def test_it_lists_the_discussion_points_with_their_evidence(html: str) -> None:
    text = _text(html)
    assert "Duidelijke meerderheid (79 %) eens" in text
    assert "eens 79 % · oneens 8 % · n = 790" in text
    assert "Cramér’s V 0,18 · p (gecorrigeerd) 0,003" in text
    assert '<a href="#vraag-woningbouw">' in html


def test_it_prints_a_dash_for_every_missing_figure() -> None:
    result = build_result(weighted=False, opinion="none")
    result.update(
        population_size=None,
        response_rate=None,
        representativeness=None,
        groups=None,
        discussion_points=[],
    )
    result["response"] = {
        "completes": 800,
        "open_responses": 0,
        "invited": None,
        "rr1": None,
        "contact_rate": None,
    }
    numeric = next(q for q in result["questions"] if q["type"] == "integer")
    numeric.update(mean=None, ci_low=None, ci_high=None, q1=None, median=None, q3=None)
    statement = result["questions"][0]
    statement["mean"] = None
    statement["options"][0].update(share=None, ci_low=None, ci_high=None)
    del result["questions"][-1]["themes"]
    text = _text(render_html(result))
    assert "Er is geen ledenbestand om de deelnemers mee te vergelijken." in text
    assert "Er zijn geen achtergrondkenmerken" in text
    assert "Leden in totaal —" in text
    assert "Gemiddelde —" in text


def test_numbers_are_formatted_the_dutch_way() -> None:
    assert fmt_percent(0.62) == "62 %"
    assert fmt_percent(0.003) == "< 1 %"
    assert fmt_percent(0.998) == "> 99 %"
    assert fmt_percent(0) == "0 %"
    assert fmt_percent(1) == "100 %"
    assert fmt_percent(None) == "—"
    assert fmt_percent(float("nan")) == "—"
    assert fmt_percent(1.8e306) == "—"  # no percentage a float can hold (×100 overflows)
    assert fmt_number(3.4123) == "3,4"
    assert fmt_number(-0.04) == "0,0"
    assert fmt_number(-2.25, 2) == "−2,25"
    assert fmt_count(12345) == "12.345"
    assert fmt_plain(9.0) == "9"
    assert fmt_plain(9.25) == "9,2"
    assert fmt_count(None) == "—"
    assert fmt_percent_range(0.5512, 0.6849) == "55–68 %"
    assert fmt_percent_range(0.55, None) == "—"
    assert fmt_range(-0.5, 1.25) == "−0,5 – 1,2"
    assert fmt_p(0.00001) == "< 0,001"
    assert fmt_p(0.0234) == "0,023"
    assert fmt_signed(0.011) == "+0,011"
    assert fmt_signed(-0.0152) == "−0,015"


def test_it_renders_a_readable_pdf() -> None:
    from pypdf import PdfReader

    result = build_result(variables={"gender": ["man", "vrouw", "anders"]})
    result["questions"] = result["questions"][:2]
    result["groups"]["tables"] = result["groups"]["tables"][:2]
    pdf = render_pdf(result)
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "sociale huurwoningen" in text


def test_it_renders_40_questions_with_4_crosstab_variables_in_under_a_second() -> None:
    result = build_result(
        variables={
            "age": [*AGES, "_onbekend"],
            "gender": ["man", "vrouw", "anders"],
            "region": ["Noord", "Oost", "Zuid", "West"],
            "tenure": ["< 2 jaar", "2-10 jaar", "> 10 jaar"],
        },
        extra_statements=30,
    )
    assert len(result["questions"]) == 40
    render_html(copy.deepcopy(result))  # templates compiled once, as in a worker
    started = time.perf_counter()
    page = render_html(result)
    assert time.perf_counter() - started < 1.0
    assert (
        page.count('class="figures crosstab') == 4 * 35
    )  # every single-choice question by every variable


def test_it_renders_a_partial_or_odd_result_without_failing() -> None:
    odd = {
        "questions": [
            None,
            {"name": "x", "type": "select_one", "options": [None, {"name": "a"}]},
            {"name": "t", "type": "text", "themes": {"themes": [None, {"label": "x"}]}},
        ],
        "groups": {"tables": [None, {"question": "x", "by": "v", "groups": [None]}]},
        "opinion_groups": {"outcome": "groups", "groups": [None]},
        "discussion_points": [None, {"kind": "x"}],
        "representativeness": {"variables": [None], "r_indicator": {"partials": {"v": None}}},
        "weighting": {"trim": None},
    }
    for result in ({}, odd):
        assert "</html>" in render_html(result)


def test_after_a_sample_it_compares_with_the_population_without_an_r_indicator() -> None:
    result = build_result()
    representativeness = result["representativeness"]
    representativeness.update(compared_with="population", r_indicator=None)
    for category in representativeness["variables"][0]["categories"]:
        category["response_rate"] = None
    text = _text(render_html(result))
    assert "naast die van alle leden" in text
    assert "% van niet-deelnemers" not in text
    assert "R-indicator" not in text


# -- the English translation ----------------------------------------------------------

CATALOG = report.LOCALE_DIR / "en" / "LC_MESSAGES" / "report.po"
# Dutch words of the report's own text; none may survive in the English report once
# the result's own texts (labels, titles, quotes, notes) are taken out.
DUTCH_WORDS = (
    "samenvatting inhoud weging gewogen gesprekspunten onbetrouwbaar verborgen vraag "
    "vragen uitkomsten deelnemers leden lid gemiddelde gemiddeld meningsgroepen groep "
    "stelling stellingen procentpunt procentpunten respons schaal onbekend pagina zie "
    "aandeel aandelen aantal kerncijfers aanname eens oneens weet niet geen thema "
    "antwoorden gecorrigeerd opvallend verschil linearisatie intervallen de het een "
    "van en met tot naar bij op voor zijn"
).split()
DATA_KEYS = {"label", "title", "text", "method"}
DATA_LIST_KEYS = {"quotes", "terms", "notes"}


def _data_texts(result: Any) -> list[str]:
    """The result's own texts, printed as they are in every language."""
    found: list[str] = []
    if isinstance(result, dict):
        for key, value in result.items():
            if key in DATA_KEYS and isinstance(value, str):
                found.append(value)
            elif key in DATA_LIST_KEYS and isinstance(value, list):
                found += [item for item in value if isinstance(item, str)]
                found += _data_texts([item for item in value if not isinstance(item, str)])
            else:
                found += _data_texts(value)
    elif isinstance(result, list):
        for item in result:
            found += _data_texts(item)
    representativeness = result.get("representativeness") if isinstance(result, dict) else None
    if isinstance(representativeness, dict):
        for variable in representativeness["variables"]:
            found += [category["name"] for category in variable["categories"]]
        for partial in representativeness["r_indicator"]["partials"].values():
            found += list(partial["categories"])
    return found


def _without_data(text: str, result: dict) -> str:
    for data in sorted(set(_data_texts(result)), key=len, reverse=True):
        text = text.replace(data, " ")
    return text


def _dutch_words_left(page: str, result: dict) -> set[str]:
    words = set(re.findall(r"[a-zà-ÿ]+", _without_data(_text(page), result).lower()))
    return words & set(DUTCH_WORDS)


@pytest.mark.parametrize(
    ("opinion", "weighted"),
    [("groups", True), ("no_groups", False), ("too_few", True), ("none", False)],
)
def test_the_english_report_has_no_dutch_of_its_own_but_keeps_the_data(
    opinion: str, weighted: bool
) -> None:
    result = build_result(opinion=opinion, weighted=weighted)
    page = render_html(result, lang="en")
    text = _text(page)

    assert '<html lang="en">' in page
    assert _dutch_words_left(page, result) == set()
    assert "pagina" not in page  # the printed page footer is translated too
    for question in result["questions"]:
        assert unescape(question["label"]) in text  # the party's own words stay
    assert "Summary" in text
    assert "How it was calculated" in text
    # The check itself finds Dutch: the Dutch report is full of it.
    assert {"samenvatting", "weging", "onbetrouwbaar"} <= _dutch_words_left(
        render_html(result), result
    )


def test_the_english_report_reads_naturally_where_it_is_built_in_code() -> None:
    result = build_result()
    text = _text(render_html(result, lang="en"))
    for expected in (
        "scale from 1 (Helemaal mee oneens) to 5 (Helemaal mee eens)",
        "scale from 0 to 10",
        "Top-2: Mee eens or Helemaal mee eens",
        "Taylor linearisation after weighting on Leeftijd, Gender",
        "agree 79% · disagree 8% · n = 790",
        "Clear majority",  # the kind of a discussion point
        "unknown — —",  # the unknown group of a crosstab
        "69 percentage points",
        "Group A: 420 members (55%)",
        "group 16-34 chooses “Helemaal mee eens” 52% against 36% in the whole panel",
        "<strong>" not in text and "Twee lege weegcellen samengevoegd met hun buren.",
    ):
        assert expected in text, expected
    withheld = _text(render_html(withheld_result(), lang="en"))
    assert "6 members answered the questions." in withheld


def test_the_english_report_formats_numbers_the_english_way() -> None:
    text = _text(render_html(build_result(), lang="en"))
    for expected in ("62%", "3.4", "4,000", "12.3", "11.7 – 13.0", "<1%", "p < 0.001"):
        assert expected in text, expected
    for dutch in ("62 %", "3,4", "4.000", "< 1 %"):
        assert dutch not in text, dutch


def test_numbers_are_formatted_the_english_way() -> None:
    assert fmt_percent(0.62, lang="en") == "62%"
    assert fmt_percent(0.003, lang="en") == "<1%"
    assert fmt_percent(0.998, lang="en") == ">99%"
    assert fmt_number(3.4123, lang="en") == "3.4"
    assert fmt_number(-2.25, 2, lang="en") == "−2.25"
    assert fmt_count(12345, lang="en") == "12,345"
    assert fmt_plain(1234.25, lang="en") == "1,234.2"
    assert fmt_percent_range(0.5512, 0.6849, lang="en") == "55–68%"
    assert fmt_range(-0.5, 1.25, lang="en") == "−0.5 – 1.2"
    assert fmt_p(0.00001, lang="en") == "< 0.001"
    assert fmt_p(0.0234, lang="en") == "0.023"
    assert fmt_signed(-0.0152, lang="en") == "−0.015"
    assert fmt_points(0.3, lang="en") == "30 percentage points"
    assert fmt_points(0.01, lang="en") == "1 percentage point"
    assert fmt_points(0.3) == "30 procentpunt"
    assert fmt_count(12345, lang="fr") == "12.345"  # an unknown language is Dutch


def test_dutch_is_the_default_and_an_unknown_language_falls_back_to_it() -> None:
    result = build_result()
    dutch = render_html(result)
    assert render_html(result, lang="nl") == dutch
    assert render_html(result, lang="fr") == dutch
    assert render_html(result, lang="EN-gb") == render_html(result, lang="en")
    assert '<html lang="nl">' in dutch


def test_rendering_in_one_language_leaves_the_next_rendering_alone() -> None:
    result = build_result()
    pages = [render_html(result, lang=lang) for lang in ("nl", "en", "nl", "en", "nl")]
    assert pages[0] == pages[2] == pages[4]
    assert pages[1] == pages[3]
    assert "Samenvatting" in pages[4]
    assert "Summary" not in pages[4]
    assert "Summary" in pages[3]
    assert "Samenvatting" not in pages[3]
    assert fmt_percent(0.62) == "62 %"  # the formatters keep no language either


def _po_entries(path) -> list[dict[str, Any]]:
    """The entries of a .po file: msgid, msgid_plural, msgstr[...] and flags."""
    entries: list[dict[str, Any]] = []
    entry: dict[str, Any] = {"flags": set()}
    key = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if "msgid" in entry:
                entries.append(entry)
            entry, key = {"flags": set()}, None
        elif line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return entries


def _template_msgids() -> set[str]:
    source = (report.HERE / "templates" / "report.html.j2").read_text(encoding="utf-8")
    environment = rendering.template_environment("nl")  # the same policies as when rendering
    found: set[str] = set()
    for _line, _function, message in environment.extract_translations(source):
        found |= {m for m in (message if isinstance(message, tuple) else (message,)) if m}
    return found


def _module_msgids() -> set[str]:
    found: set[str] = set()
    for module in sorted(report.HERE.glob("*.py")):
        found |= _msgids_in(module)
    return found


def _msgids_in(module) -> set[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else None
        name = name or getattr(node.func, "id", None)
        count = {"gettext": 1, "N_": 1, "ngettext": 2}.get(str(name), 0)
        found |= {
            arg.value
            for arg in node.args[:count]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
        }
    return found


def test_the_english_catalog_translates_exactly_the_marked_texts() -> None:
    entries = [entry for entry in _po_entries(CATALOG) if entry["msgid"]]
    msgids = {entry["msgid"] for entry in entries}
    marked = _template_msgids() | _module_msgids()

    assert len(marked) > 150
    assert marked - msgids == set(), "marked for translation but not in report.po"
    assert msgids - marked == set(), "in report.po but no longer used"
    for entry in entries:
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        translations = [value for key, value in entry.items() if key.startswith("msgstr")]
        assert translations, f"no msgstr: {entry['msgid']}"
        assert all(translations), f"untranslated: {entry['msgid']}"


def test_the_compiled_english_catalog_is_the_po_file() -> None:
    catalog = i18n.catalog("en")
    for entry in _po_entries(CATALOG):
        if entry["msgid"] and "msgid_plural" not in entry:
            assert catalog.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_msgfmt_accepts_the_english_catalog_with_everything_translated() -> None:
    checked = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOG)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert re.fullmatch(r"\d+ translated messages?\.\n", checked.stderr), checked.stderr


def test_it_renders_a_readable_english_pdf() -> None:
    from pypdf import PdfReader

    result = build_result(variables={"gender": ["man", "vrouw", "anders"]})
    result["questions"] = result["questions"][:2]
    result["groups"]["tables"] = result["groups"]["tables"][:2]
    pdf = render_pdf(result, lang="en")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Summary" in text
    assert "page 1 of" in text
    assert "sociale huurwoningen" in text  # the party's question, as written
