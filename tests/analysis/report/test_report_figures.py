"""Every number the report prints is a number of ``analysis.json``, and no hidden one.

The engine runs on a realistic panel (tests/support/report_panel.py: weighted,
three background variables, every question type, hidden groups). The checkers
(tests/support/report_figures.py) read the HTML and the PDF's text back and map
each figure to what it means: a question table's row to its option, a crosstab's
cell by its row and column to a group and an option, a row of who took part to
its category; every other figure must be a value of the result formatted the
report's way, or a constant of the report's own text. The second half shows that
the checkers fail when a figure is wrong, missing or hidden-but-shown.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import tempfile
from collections import Counter
from functools import cache
from pathlib import Path

from ledenpanel.analysis.report import fmt_count, fmt_percent, render_html, render_pdf
from tests.support.poppler import needs_poppler
from tests.support.report_figures import (
    DASH,
    derivable_participation,
    hidden_figures_in_result,
    html_findings,
    html_rows,
    pdf_findings,
    question_rows,
)
from tests.support.report_panel import REGIONS, realistic_result, report_panel

pytestmark = needs_poppler


def _result() -> dict:
    """A fresh copy of the engine's result, written and read back as analysis.json is."""
    return json.loads(json.dumps(realistic_result(), ensure_ascii=False))


@cache
def _pdf_text() -> tuple[str, int]:
    """The text of the result's PDF (``pdftotext -layout``) and its number of pages."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "report.pdf"
        pdf.write_bytes(render_pdf(_result()))
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"Pages:\s+(\d+)", info.stdout)
    assert found is not None
    return text, int(found.group(1))


def _report(findings) -> str:
    return "\n".join(str(finding) for finding in findings[:40])


def _question(result: dict, name: str) -> dict:
    return next(q for q in result["questions"] if q["name"] == name)


def _table(result: dict, question: str, by: str) -> dict:
    return next(
        t for t in result["groups"]["tables"] if t["question"] == question and t["by"] == by
    )


# -- the panel is what the checks need ------------------------------------------------


def test_the_panel_has_weights_every_question_type_and_hidden_groups() -> None:
    result = _result()
    assert result["weighting"] is not None
    assert {q["type"] for q in result["questions"]} >= {
        "select_one",
        "select_multiple",
        "rank",
        "points",
        "decimal",
        "text",
    }
    hidden_rows = [
        (t["question"], t["by"], row["group"])
        for t in result["groups"]["tables"]
        for row in t["groups"]
        if row["suppressed"]
    ]
    shown_rows = [row for t in result["groups"]["tables"] for row in t["groups"]]
    # Hidden for a unanimous answer (Noord-Holland on statement 3) and for too few answers.
    assert ("stelling_3", "region", "GW-NH") in hidden_rows
    assert any(question == "vervolg" for question, _by, _group in hidden_rows)
    assert len(shown_rows) > len(hidden_rows) > 10
    categories = result["representativeness"]["variables"][2]["categories"]
    assert any(category["suppressed"] for category in categories)


# -- the report against the result ---------------------------------------------------


def test_every_figure_in_the_html_is_the_result_s() -> None:
    result = _result()
    findings = html_findings(render_html(result), result)
    assert findings == [], _report(findings)


def test_every_figure_in_the_pdf_is_the_result_s() -> None:
    result = _result()
    text, pages = _pdf_text()
    findings = pdf_findings(text, render_html(result), result, pages)
    assert findings == [], _report(findings)


# -- nothing hidden gets out ----------------------------------------------------------


def test_a_hidden_group_carries_no_figure_in_analysis_json() -> None:
    result = _result()
    assert hidden_figures_in_result(result) == []
    for table in result["groups"]["tables"]:
        for row in table["groups"]:
            if row["suppressed"]:
                assert row["n"] is None
                assert "options" not in row


def _noord_holland_on_statement_3() -> list[str]:
    """What Noord-Holland's respondents really answered on statement 3 (hidden: unanimous)."""
    _form, responses, _population, _options = report_panel()
    members = responses.members_only()
    return [
        answer
        for place, answer in zip(
            members.background["region"], members.answers["stelling_3"], strict=True
        )
        if place == "GW-NH" and answer is not None
    ]


def test_a_hidden_group_shows_only_dashes_in_the_html_and_the_pdf() -> None:
    """Noord-Holland on statement 3: everyone there agrees strongly, so its row is hidden; its
    true figures (its n, 100 %) are in no row of it. The checkers above check every
    hidden row this way; this is the one case spelled out."""
    answers = _noord_holland_on_statement_3()
    assert answers
    assert set(answers) == {"helemaal_eens"}
    result = _result()
    row = next(r for r in _table(result, "stelling_3", "region")["groups"] if r["group"] == "GW-NH")
    assert row["suppressed"]
    assert row["n"] is None
    assert "options" not in row

    north = [cells for head, cells in html_rows(render_html(result)) if head == "Noord-Holland"]
    hidden = [cells for cells in north if set(cells) == {DASH}]
    assert hidden, "no hidden Noord-Holland row on the page"
    shown = [cells for cells in north if DASH not in cells]
    assert shown, "Noord-Holland is shown in the other tables"
    assert all(set(cells) <= {DASH} or DASH not in cells for cells in north), north

    text, _pages = _pdf_text()
    dashed = [
        line for line in text.splitlines() if line.strip().startswith("Noord-") and DASH in line
    ]
    assert len(dashed) >= len(hidden)
    assert all(not re.search(r"\d", line) for line in dashed), dashed


def test_a_hidden_number_of_respondents_cannot_be_worked_out_from_the_other_figures() -> None:
    """Who took part by region hides Drenthe (15 members, nobody answered) and, to cover
    it, Gelderland. Whatever else the report shows must not give either back: not the
    list of groups, not a crosstab's group sizes, not the total minus the shown rows."""
    result = _result()
    categories = result["representativeness"]["variables"][2]["categories"]
    assert {c["name"] for c in categories if c["suppressed"]} == {"GW-DR", "GW-GE"}
    found = derivable_participation(result)
    assert found == [], "\n".join(found)


# -- the checkers can fail -------------------------------------------------------------


def _tamper(page: str, old: str, new: str, *, after: str | tuple[str, ...]) -> str:
    """``page`` with the first ``old`` after ``after`` (one text, or each in turn)
    replaced by ``new``."""
    start = 0
    for anchor in (after,) if isinstance(after, str) else after:
        start = page.index(anchor, start)
    at = page.index(old, start)
    return page[:at] + new + page[at + len(old) :]


def test_the_html_checker_flags_a_figure_in_the_wrong_row() -> None:
    result = _result()
    page = render_html(result)
    question = _question(result, "stelling_1")
    first, second = question["options"][0], question["options"][1]
    wrong = fmt_percent(second["share"])  # a real figure of the page, in the wrong row
    assert wrong != fmt_percent(first["share"])
    tampered = _tamper(
        page,
        f">{fmt_percent(first['share'])}<",
        f">{wrong}<",
        after=f'<th scope="row">{first["label"]}',
    )
    findings = html_findings(tampered, result)
    assert any(f.figure == wrong and "Helemaal mee oneens" in f.where for f in findings), _report(
        findings
    )
    # …and that the share it replaced is now missing from its row.
    assert any(f.why == "is missing" for f in findings)


def test_the_html_checker_flags_a_wrong_crosstab_cell_and_a_wrong_key_figure() -> None:
    result = _result()
    page = render_html(result)
    table = _table(result, "kanaal", "region")
    row = next(r for r in table["groups"] if not r["suppressed"])
    label = REGIONS[row["group"]]
    email = fmt_percent(row["options"][0]["weighted_share"])
    post = fmt_percent(row["options"][1]["weighted_share"])
    caption = "Hoe wilt u het liefst bericht krijgen? — naar Regio"
    tampered = _tamper(
        page, f">{email}<", f">{post}<", after=(caption, f'<th scope="row">{label}</th>')
    )
    assert email != post
    findings = html_findings(tampered, result)
    assert any("crosstab kanaal by region" in f.where and f.figure == post for f in findings), (
        _report(findings)
    )

    respondents = fmt_count(result["n_responses"])
    tampered = page.replace(f">{respondents}<", f">{fmt_count(result['n_responses'] + 1)}<", 1)
    findings = html_findings(tampered, result)
    assert [f.figure for f in findings] == [fmt_count(result["n_responses"] + 1)], _report(findings)


def test_the_html_checker_flags_a_hidden_row_that_shows_its_figures() -> None:
    """Noord-Holland's hidden row on statement 3 given its true figures: caught."""
    result = _result()
    page = render_html(result)
    answers = _noord_holland_on_statement_3()
    statement = _question(result, "stelling_3")["label"]
    start = page.index("<tr", page.index(f"{statement} — naar Regio"))
    while True:
        end = page.index("</tr>", start)
        if f">{REGIONS['GW-NH']}<" in page[start:end]:
            break
        start = page.index("<tr", end)
    row = page[start:end]
    assert row.count(f">{DASH}<") > 2
    revealed = row.replace(f">{DASH}<", f">{fmt_count(len(answers))}<", 1)
    revealed = revealed.replace(f">{DASH}<", ">0 %<", 4).replace(f">{DASH}<", ">100 %<", 1)
    findings = html_findings(page[:start] + revealed + page[end:], result)
    shown = [f for f in findings if f.why == "is shown for a hidden group"]
    assert len(shown) == 6, _report(findings)
    assert {f.figure for f in shown} == {fmt_count(len(answers)), "0 %", "100 %"}


def test_the_html_checker_flags_a_number_that_is_in_no_part_of_the_result() -> None:
    result = _result()
    page = render_html(result)
    tampered = page.replace("</h2>", "</h2><p>Bijna 37,5 % wil iets anders.</p>", 1)
    findings = html_findings(tampered, result)
    assert [f.figure for f in findings] == ["37,5 %"], _report(findings)


def test_the_html_checker_flags_a_dropped_question_row_and_a_dropped_crosstab() -> None:
    result = _result()
    page = render_html(result)
    question = _question(result, "kanaal")
    label = question["options"][2]["label"]
    start = page.index(f'<th scope="row">{label}</th>', page.index('id="vraag-kanaal"'))
    row_start = page.rindex("<tr", 0, start)
    row_end = page.index("</tr>", start) + len("</tr>")
    findings = html_findings(page[:row_start] + page[row_end:], result)
    assert any(f.figure == label and f.why == "has no row" for f in findings), _report(findings)

    caption = page.index("Hoe wilt u het liefst bericht krijgen? — naar Gender")
    table_start = page.rindex("<table", 0, caption)
    table_end = page.index("</table>", caption) + len("</table>")
    findings = html_findings(page[:table_start] + page[table_end:], result)
    assert any(
        f.where == "crosstab kanaal by gender" and f.why == "is not in the report" for f in findings
    ), _report(findings)


def test_the_pdf_checker_flags_a_changed_figure_and_a_leaked_hidden_row() -> None:
    result = _result()
    page = render_html(result)
    text, pages = _pdf_text()
    assert pdf_findings(text, page, result, pages) == []

    # Question 2's first row with the count of its third: a figure the page prints,
    # in the wrong row.
    question = _question(result, "stelling_2")
    first, third = question["options"][0], question["options"][2]
    lines = text.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith(f"2. {question['label']}"))
    at = next(
        i
        for i, line in enumerate(lines[heading:], heading)
        if line.strip().startswith(first["label"]) and re.search(r"\d", line)
    )
    count = re.compile(rf"(?<![\d.,–]){fmt_count(first['count'])}(?![\d.,–%])")
    assert count.search(lines[at])
    assert fmt_count(third["count"]) not in question_rows(question)[first["label"]].allowed
    lines[at] = count.sub(fmt_count(third["count"]), lines[at], count=1)
    findings = pdf_findings("\n".join(lines), page, result, pages)
    assert [(f.where, f.figure) for f in findings] == [
        (f"pdf question 2, row {first['label']!r}", fmt_count(third["count"])),
        (f"pdf question 2, {first['label']!r}", fmt_count(first["count"])),
    ], _report(findings)

    # A hidden crosstab row with a figure in it.
    hidden = next(
        line for line in text.splitlines() if line.strip().startswith("Noord-") and DASH in line
    )
    findings = pdf_findings(
        text.replace(hidden, hidden.replace(DASH, "120", 1), 1), page, result, pages
    )
    assert any("mixes dashes and figures" in f.why for f in findings), _report(findings)

    # A figure the page does not print.
    findings = pdf_findings(text + "\nNog 4.321 leden\n", page, result, pages)
    assert [f.figure for f in findings] == ["4.321"], _report(findings)


def test_the_derivation_check_finds_a_group_size_that_gives_a_hidden_row_back() -> None:
    """The subtraction check itself works: a shown total of the hidden rows is found."""
    result = _result()
    clean = copy.deepcopy(result)
    variable = clean["representativeness"]["variables"][0]  # age: nothing hidden
    category = variable["categories"][0]
    category.update(respondents=None, respondent_share=None, response_rate=None, suppressed=True)
    found = derivable_participation(clean)
    assert any(f.startswith(f"age = {category['name']}") for f in found), found
    assert Counter(f.split(":")[0] for f in found)[f"age = {category['name']}"] == 1


def test_the_html_checker_flags_a_page_rendered_from_other_figures() -> None:
    """The page of a result whose figures differ in two places from analysis.json:
    exactly those two places are found."""
    result = _result()
    other = copy.deepcopy(result)
    option = _question(other, "kanaal")["options"][1]
    option["weighted_share"] = round(option["weighted_share"] + 0.03, 4)
    row = next(r for r in _table(other, "stelling_2", "age")["groups"] if not r["suppressed"])
    row["n"] += 1
    findings = html_findings(render_html(other), result)
    where = {f.where.split(",")[0] for f in findings}
    assert where == {"question 6 (kanaal)", "crosstab stelling_2 by age"}, _report(findings)
