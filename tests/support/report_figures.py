"""Every figure the report prints, accounted for by the result (``analysis.json``).

``html_findings(html, result)`` reads the report page back and returns what it
cannot account for, each as a ``Finding`` (where, the figure, why). It checks
against the meaning of the result, not against the page's layout:

- **question tables** (inside the element that holds ``id="vraag-<name>"``):
  each row is matched to its option by label (or to the mean, the top-2 or a
  theme), and each cell must be one of *that* row's figures, formatted the
  report's way; conversely each option's count, share and weighted share must be
  in its row;
- **crosstabs** (a table whose caption names a question and a background
  variable): each cell is mapped by its row and column headers to a group and
  an option (either orientation), and must be exactly that cell's figure; a
  hidden group shows only "—"; every crosstab of the result is found;
- **who took part** (a table whose row headers are the categories of a
  representativeness variable): each cell one of that category's figures;
- **everything else** (text, charts, summary, points, method): each figure must
  be a value of the result formatted the report's way, a number quoted from one
  of the result's own texts, or a constant of the report's own text (found in
  its template and modules, so a changed template brings its own constants).
  Chart axis labels are scale ticks, not figures.

``pdf_findings(pdf_text, html, result)`` checks the PDF's text (``pdftotext
-layout``) the same way where it keeps rows on one line: question rows precise,
hidden crosstab rows only dashes, and every other figure one the page prints.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from html.parser import HTMLParser
from typing import Any

from ledenpanel.analysis.report import (
    HERE,
    fmt_count,
    fmt_number,
    fmt_p,
    fmt_percent,
    fmt_percent_range,
    fmt_plain,
    fmt_points,
    fmt_range,
    fmt_signed,
)

DASH = "—"
UNKNOWN_GROUP = "_onbekend"

# One figure as the Dutch report writes it: "12–18 %", "< 1 %", "3,0 – 3,3", "−0,015",
# "1.234", "62 %". Hyphens ("16-34") are not minus signs: a band label is two numbers.
FIGURE = re.compile(
    r"(?<![\w.,])(?:"
    r"\d{1,3}–\d{1,3} %"
    r"|[<>] \d{1,3} %"
    r"|[<>] \d+,\d+"
    r"|[−+]?\d[\d.]*(?:,\d+)? – [−+]?\d[\d.]*(?:,\d+)?"
    r"|[−+]?\d[\d.]*(?:,\d+)?(?: %)?"
    r")(?![\w])"
)


def normal(text: str) -> str:
    """Spaces as spaces (the charts use no-break spaces), and "5%" as "5 %" (pdftotext
    drops the narrow space WeasyPrint sets before "%")."""
    text = re.sub(r"[\u00a0\u202f\u2009]", " ", text)
    text = re.sub(r"(\d)%", r"\1 %", text)
    text = re.sub(r"([<>])\s*(\d)", r"\1 \2", text)
    return re.sub(r"\s+", " ", text)


def figures(text: str) -> list[str]:
    return [match.group(0).rstrip(".") for match in FIGURE.finditer(normal(text))]


def parts(figure: str) -> set[str]:
    """A figure and, for an interval, its two ends (as a line break may split it)."""
    found = {figure}
    match = re.fullmatch(r"(\d{1,3})–(\d{1,3}) %", figure)
    if match:
        found |= {match.group(1), f"{match.group(2)} %"}
    if " – " in figure:
        found |= set(figure.split(" – "))
    return found


# -- reading the page back ------------------------------------------------------------

VOID = {"meta", "br", "img", "hr", "input", "link", "col", "wbr", "source", "area", "base"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find_all(self, tag: str) -> list[Node]:
        return [node for node in self.walk() if node.tag == tag and node is not self]

    def text(self, skip: Iterable[Node] = ()) -> str:
        skipped = set(map(id, skip))
        out: list[str] = []

        def visit(node: Node) -> None:
            if id(node) in skipped or node.tag in ("style", "script"):
                return
            for child in node.children:
                if isinstance(child, str):
                    out.append(child)
                else:
                    visit(child)
                    out.append(" ")

        visit(self)
        return re.sub(r"\s+", " ", "".join(out)).strip()

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        for node in [self.current, *self.current.ancestors()]:
            if node.tag == tag:
                self.current = node.parent or self.root
                return

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass
class Table:
    node: Node
    caption: str
    header: list[str]  # the column headers (the last header row)
    rows: list[tuple[str, list[str], Node]]  # (row header, cell texts, the row)


def read_table(node: Node) -> Table:
    caption = next((c.text() for c in node.find_all("caption")), "")
    header: list[str] = []
    rows = []
    for row in node.find_all("tr"):
        cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("th", "td")]
        if cells and all(c.tag == "th" for c in cells):
            header = [c.text() for c in cells]
            continue
        heads = [c for c in cells if c.tag == "th"]
        data = [c.text() for c in cells if c.tag == "td"]
        rows.append((heads[0].text() if heads else "", data, row))
    return Table(node, caption, header, rows)


# -- what the result says, formatted the report's way -----------------------------------


def _clamped(low: Any, high: Any, lowest: float | None, highest: float | None) -> tuple:
    """An interval as the report clamps it (viewmodels: a share within [0, 1], …)."""

    def clamp(value: Any) -> Any:
        if not isinstance(value, int | float):
            return value
        if lowest is not None:
            value = max(value, lowest)
        if highest is not None:
            value = min(value, highest)
        return value

    return clamp(low), clamp(high)


def _pct_range(entry: Mapping, stem: str = "", *, weighted: bool = False) -> str:
    prefix = "weighted_" if weighted else ""
    low, high = _clamped(
        entry.get(f"{prefix}{stem}ci_low"), entry.get(f"{prefix}{stem}ci_high"), 0, 1
    )
    return fmt_percent_range(low, high)


def _range(entry: Mapping, stem: str = "", *, weighted: bool = False, bounds=(None, None)) -> str:
    prefix = "weighted_" if weighted else ""
    low, high = _clamped(
        entry.get(f"{prefix}{stem}ci_low"), entry.get(f"{prefix}{stem}ci_high"), *bounds
    )
    return fmt_range(low, high)


@dataclass
class Row:
    """What one row of a question table may and must show."""

    allowed: set[str]
    required: set[str]


def _choice_row(option: Mapping) -> Row:
    required = {fmt_count(option.get("count")), fmt_percent(option.get("share"))}
    allowed = required | {_pct_range(option)}
    if "weighted_share" in option:
        required.add(fmt_percent(option.get("weighted_share")))
        allowed |= {fmt_percent(option.get("weighted_share")), _pct_range(option, weighted=True)}
    return Row(allowed | required, required)


def _rank_row(option: Mapping, parts_count: int) -> Row:
    bounds = (1.0, float(parts_count))
    required = {fmt_number(option.get("mean_rank")), fmt_percent(option.get("share_first"))}
    allowed = required | {
        _range(option, "mean_rank_", bounds=bounds),
        _pct_range(option, "share_first_"),
        fmt_count(option.get("count_first")),
        fmt_number(option.get("weighted_mean_rank")),
        fmt_percent(option.get("weighted_share_first")),
        _range(option, "mean_rank_", weighted=True, bounds=bounds),
        _pct_range(option, "share_first_", weighted=True),
    }
    return Row(allowed, required)


def _points_row(option: Mapping, total: Any) -> Row:
    bounds = (0.0, total if isinstance(total, int | float) else None)
    required = {fmt_number(option.get("mean"))}
    allowed = required | {
        _range(option, bounds=bounds),
        fmt_number(option.get("weighted_mean")),
        _range(option, weighted=True, bounds=bounds),
    }
    return Row(allowed, required)


def _mean_row(mean: Mapping, bounds=(None, None)) -> Row:
    required = {fmt_number(mean.get("mean"))}
    allowed = required | {
        _range(mean, bounds=bounds),
        fmt_number(mean.get("weighted_mean")),
        _range(mean, weighted=True, bounds=bounds),
    }
    return Row(allowed, required)


def _top2_row(top2: Mapping) -> Row:
    required = {fmt_percent(top2.get("share"))}
    allowed = required | {
        _pct_range(top2),
        fmt_percent(top2.get("weighted_share")),
        _pct_range(top2, weighted=True),
        fmt_count(top2.get("count")),
    }
    return Row(allowed, required)


def _numeric_row(question: Mapping) -> Row:
    stated = question.get("nonnegative")
    q1 = question.get("q1")
    nonnegative = stated is True or (stated is None and isinstance(q1, int | float) and q1 >= 0)
    bounds = (0.0 if nonnegative else None, None)
    row = _mean_row(question, bounds)
    quartiles = [question.get(key) for key in ("q1", "median", "q3")]
    row.required.add(fmt_plain(question.get("median")))
    row.allowed |= {fmt_plain(v) for v in quartiles} | {fmt_number(v) for v in quartiles}
    row.allowed |= {
        f"{fmt_plain(quartiles[0])} – {fmt_plain(quartiles[2])}",
        fmt_range(quartiles[0], quartiles[2]),
        fmt_number(question.get("sd")),
    }
    row.allowed |= row.required
    return row


def question_rows(question: Mapping) -> dict[str, Row]:
    """Row label → what that row may and must show; "" → the question as a whole."""
    kind = question.get("type")
    options = [o for o in question.get("options") or [] if isinstance(o, Mapping)]
    rows: dict[str, Row] = {}
    for option in options:
        label = str(option.get("label") or option.get("name"))
        if kind == "rank":
            rows[label] = _rank_row(option, len(options))
        elif kind == "points":
            rows[label] = _points_row(option, question.get("total"))
        else:
            rows[label] = _choice_row(option)
    if isinstance(question.get("mean"), Mapping):
        rows["#mean"] = _mean_row(question["mean"])
    if isinstance(question.get("top2"), Mapping):
        rows["#top2"] = _top2_row(question["top2"])
    if kind in ("integer", "decimal"):
        rows["#numeric"] = _numeric_row(question)
    themes = question.get("themes") if isinstance(question.get("themes"), Mapping) else {}
    for theme in themes.get("themes") or []:
        shown = {fmt_count(theme.get("count")), fmt_percent(theme.get("share"))}
        rows[str(theme.get("label"))] = Row(set(shown), set(shown))
    whole: set[str] = set()
    for row in rows.values():
        whole |= row.allowed
    whole |= {
        fmt_count(question.get(key))
        for key in ("n_valid", "effective_n", "n_opinion", "effective_n_opinion")
    }
    whole |= {fmt_percent(question.get(key)) for key in ("agree", "disagree")}
    whole |= {fmt_count(themes.get(key)) for key in ("n_answers", "n_themed", "unassigned")}
    whole.add(fmt_plain(question.get("total")))
    # Numeric option labels ("7" of a 0–10 rating) and numbers quoted from the
    # question's texts (the themes' method) are the question's own too.
    whole |= {str(o.get("label")) for o in options if re.fullmatch(r"\d+", str(o.get("label")))}
    for _key, value, _parent in _walk(question):
        if isinstance(value, str):
            whole |= set(figures(value))
    opinion = [o for o in options if not o.get("dont_know")]
    if question.get("scale") and opinion:
        # "schaal van 1 (…) tot 5 (…)", "schaal van 0 tot 10"
        whole |= {str(len(opinion)), str(opinion[0].get("name")), str(opinion[-1].get("name"))}
    rows[""] = Row(whole - {DASH}, set())
    return rows


def _walk(value: Any, key: str = "") -> Iterator[tuple[str, Any, Mapping | None]]:
    if isinstance(value, Mapping):
        for k, v in value.items():
            if isinstance(v, Mapping | list):
                yield from _walk(v, str(k))
            else:
                yield str(k), v, value
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, Mapping | list):
                yield from _walk(item, key)
            else:
                yield key, item, None


def result_figures(result: Mapping) -> set[str]:
    """Every value of the result in every way the report formats one, every interval
    of it, and every number quoted in its texts (notes, methods, titles)."""
    found: set[str] = set()
    for key, value, parent in _walk(result):
        if key == "timings":
            continue
        if isinstance(value, str):
            found |= set(figures(value))
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        found |= {
            fmt_count(value),
            fmt_plain(value),
            fmt_percent(value),
            fmt_points(value).split(" ")[0],
            fmt_p(value),
            fmt_signed(value),
            *(fmt_number(value, digits) for digits in (1, 2, 3)),
        }
        if "margin" in key:  # a margin of error in percentage points, one decimal
            found.add(fmt_number(value * 100, 1))
        if parent is not None and key.endswith("ci_low"):
            stem = key[: -len("ci_low")]
            high = parent.get(f"{stem}ci_high")
            low, high_c = _clamped(value, high, 0, None)
            found |= {
                fmt_percent_range(value, high),
                fmt_range(value, high),
                fmt_percent_range(*_clamped(value, high, 0, 1)),
                fmt_range(low, high_c),
            }
    # Who took part: the share of the non-respondents, from the two counts shown.
    for variable in (result.get("representativeness") or {}).get("variables") or []:
        for category in variable.get("categories") or []:
            found.add(fmt_percent(_other_share(variable, category)))
    return found - {DASH}


def _other_share(variable: Mapping, category: Mapping) -> float | None:
    total, population = variable.get("other_total"), category.get("population")
    respondents = None if category.get("suppressed") else category.get("respondents")
    if not total or population is None or respondents is None:
        return None
    return max(population - respondents, 0) / total


@cache
def report_constants() -> frozenset[str]:
    """The figures of the report's own text: its template's text and the messages its
    modules mark for translation ("95 %-interval", "minstens 60 %", "(0 = geen, 1 =
    volledig)"), so a changed template brings its own constants along."""
    template = (HERE / "templates" / "report.html.j2").read_text(encoding="utf-8")
    texts = [re.sub(r"\{[{%#].*?[}%#]\}", " ", template, flags=re.DOTALL)]
    texts += re.findall(r"_\(\s*\"([^\"]*)\"", template)
    for module in sorted(HERE.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in {"gettext", "ngettext", "N_", "_"}:
                texts += [
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                ]
    found: set[str] = set()
    for text in texts:
        found |= set(figures(text.replace("%%", "%")))
    return frozenset(found)


# -- the checks ----------------------------------------------------------------------


@dataclass
class Finding:
    where: str
    figure: str
    why: str

    def __str__(self) -> str:
        return f"{self.where}: {self.figure!r} {self.why}"


def _labels(result: Mapping) -> dict[str, Any]:
    questions = [q for q in result.get("questions") or [] if isinstance(q, Mapping)]
    groups = result.get("groups") if isinstance(result.get("groups"), Mapping) else {}
    values = result.get("value_labels") or {}
    variables = {}
    group_labels: dict[str, dict[str, str]] = {}
    for variable in groups.get("variables") or []:
        name = str(variable.get("name"))
        variables[name] = str(variable.get("label") or name)
        group_labels[name] = {}
        for group in variable.get("groups") or []:
            group_labels[name][str(group.get("name"))] = group_label(
                name, group.get("name"), group.get("label"), values
            )
    return {
        "questions": questions,
        "variables": variables,
        "groups": group_labels,
        "values": values,
    }


def group_label(variable: Any, name: Any, label: Any, value_labels: Mapping) -> str:
    """The label the board reads for a group: "onbekend", a unit's name, or its label."""
    if name == UNKNOWN_GROUP:
        return "onbekend"
    if label not in (None, "", name):
        return str(label)
    return str((value_labels.get(str(variable)) or {}).get(str(name), name))


def _match_label(text: str, labels: Iterable[str]) -> str | None:
    """The longest label the row header starts with (a tag such as "weet niet" may follow)."""
    text = normal(text).strip()
    found = [label for label in labels if text == label or text.startswith(label + " ")]
    return max(found, key=len) if found else None


def _check_cells(
    where: str, cells: list[str], row: Row, findings: list[Finding], *, dash_ok: bool = True
) -> set[str]:
    shown: set[str] = set()
    for cell in cells:
        cell_figures = figures(cell)
        shown |= set(cell_figures)
        for figure in cell_figures:
            if figure not in row.allowed:
                findings.append(Finding(where, figure, "is not one of this row's figures"))
        if not cell_figures and DASH in cell and not dash_ok:
            findings.append(Finding(where, DASH, "hides a figure the result shows"))
    return shown


def _question_findings(
    root: Node, result: Mapping, constants: frozenset[str], findings: list[Finding]
) -> list[Node]:
    """Each question's tables row by row, and its other figures against the question."""
    checked: list[Node] = []
    labels = _labels(result)
    for number, question in enumerate(labels["questions"], 1):
        name = str(question.get("name"))
        anchor = next((n for n in root.walk() if n.attrs.get("id") == f"vraag-{name}"), None)
        if anchor is None:
            findings.append(Finding(f"question {name}", "", "has no element id=vraag-…"))
            continue
        holder = next(
            (a for a in anchor.ancestors() if a.tag in ("article", "section", "div")), anchor
        )
        checked.append(holder)
        rows = question_rows(question)
        whole = rows.pop("")
        no_answers = question.get("n_valid") == 0
        seen: dict[str, set[str]] = {}
        tables = [read_table(node) for node in holder.find_all("table")]
        for table in tables:
            for head, cells, _node in table.rows:
                where = f"question {number} ({name}), row {head!r}"
                key = _match_label(head, [k for k in rows if not k.startswith("#")])
                if key is None:
                    lowered = head.lower()
                    key = (
                        "#top2"
                        if lowered.startswith("top-2") and "#top2" in rows
                        else "#mean"
                        if lowered.startswith(("gemiddelde", "mean")) and "#mean" in rows
                        else "#numeric"
                        if "#numeric" in rows
                        else None
                    )
                row = rows.get(key) if key else None
                if row is None:
                    findings.append(Finding(where, head, "is a row of no option of the question"))
                    row = Row(set(whole.allowed), set())
                seen.setdefault(key or head, set()).update(
                    _check_cells(where, cells, row, findings)
                )
        for key, row in rows.items():
            if no_answers:
                continue
            if key not in seen:
                findings.append(Finding(f"question {number} ({name})", key, "has no row"))
                continue
            for figure in sorted(row.required - seen[key] - {DASH}):
                findings.append(
                    Finding(f"question {number} ({name}), row {key!r}", figure, "is missing")
                )
        # The rest of the question: its heading, counts, captions, chart.
        allowed = whole.allowed | constants | {str(number), f"{number}."}
        ticks = [g for g in holder.walk() if "axis-label" in g.classes]
        skip = [t.node for t in tables] + ticks
        rest = figures(_text_without_labels(holder.text(skip), result))
        if not no_answers and fmt_count(question.get("n_valid")) not in rest:
            findings.append(
                Finding(
                    f"question {number} ({name})",
                    fmt_count(question.get("n_valid")),
                    "n is missing",
                )
            )
        for figure in rest:
            if figure not in allowed:
                findings.append(
                    Finding(f"question {number} ({name}), text", figure, "is not the question's")
                )
        for table in tables:
            for figure in figures(_text_without_labels(table.caption, result)):
                if figure not in allowed:
                    findings.append(
                        Finding(f"question {number} ({name}), caption", figure, "is not its own")
                    )
    return checked


def _crosstab_findings(root: Node, result: Mapping, findings: list[Finding]) -> list[Node]:
    labels = _labels(result)
    groups = result.get("groups") if isinstance(result.get("groups"), Mapping) else {}
    weighted = isinstance(result.get("weighting"), Mapping)
    questions = {str(q.get("name")): q for q in labels["questions"]}
    wanted = {
        (str(t.get("question")), str(t.get("by"))): t
        for t in groups.get("tables") or []
        if isinstance(t, Mapping)
    }
    found: set[tuple[str, str]] = set()
    checked: list[Node] = []
    for node in root.find_all("table"):
        table = read_table(node)
        caption = normal(table.caption)
        matches = [
            key
            for key in wanted
            if str(questions.get(key[0], {}).get("label", key[0])) in caption
            and labels["variables"].get(key[1], key[1]) in caption
        ]
        if not matches:
            continue
        key = max(matches, key=lambda k: len(str(questions[k[0]].get("label"))))
        found.add(key)
        checked.append(node)
        _check_crosstab(table, wanted[key], questions[key[0]], labels, weighted, findings)
    for key in sorted(set(wanted) - found):
        findings.append(Finding(f"crosstab {key[0]} by {key[1]}", "", "is not in the report"))
    return checked


def _check_crosstab(
    table: Table,
    found: Mapping,
    question: Mapping,
    labels: Mapping,
    weighted: bool,
    findings: list[Finding],
) -> None:
    variable = str(found.get("by"))
    where = f"crosstab {question.get('name')} by {variable}"
    option_of = {
        str(o.get("label") or o.get("name")): str(o.get("name"))
        for o in question.get("options") or []
    }
    rows_by_label = {}
    for row in found.get("groups") or []:
        label = group_label(variable, row.get("group"), row.get("label"), labels["values"])
        label = labels["groups"].get(variable, {}).get(str(row.get("group")), label)
        rows_by_label[label] = row
    test = found.get("test") if isinstance(found.get("test"), Mapping) else {}
    caption_ok = {
        fmt_number(test.get("cramers_v"), 2),
        fmt_p(test.get("p_adjusted")),
        fmt_p(test.get("p")),
    }
    for figure in figures(_text_without_labels(table.caption, {"questions": [question]})):
        if figure not in caption_ok:
            findings.append(Finding(f"{where}, caption", figure, "is not the table's test"))
    columns = table.header[1:]
    # Groups as rows and options as columns, or turned: options as rows.
    turned = bool(table.rows) and _match_label(table.rows[0][0], option_of) is not None
    seen_rows: set[str] = set()
    for head, cells, _node in table.rows:
        for column, cell in zip(columns, cells, strict=False):
            group_key, option_key = (column, head) if turned else (head, column)
            group = rows_by_label.get(normal(group_key).strip())
            if group is None:
                findings.append(Finding(where, group_key, "is no group of the table"))
                continue
            seen_rows.add(str(group.get("group")))
            cell_where = f"{where}, {group_key!r} × {option_key!r}"
            if group.get("suppressed"):
                if normal(cell).strip() != DASH:
                    findings.append(Finding(cell_where, cell, "is shown for a hidden group"))
                continue
            if normal(option_key).strip() == "n":
                expected = fmt_count(group.get("n"))
            else:
                name = option_of.get(normal(option_key).strip())
                cell_of = {str(o.get("name")): o for o in group.get("options") or []}
                if name is None or name not in cell_of:
                    findings.append(Finding(cell_where, cell, "is in no option's column"))
                    continue
                option = cell_of[name]
                share = option.get("weighted_share") if weighted else None
                expected = fmt_percent(share if share is not None else option.get("share"))
            if normal(cell).strip() != expected:
                findings.append(Finding(cell_where, cell, f"should be {expected!r}"))
    for row in found.get("groups") or []:
        if str(row.get("group")) not in seen_rows:
            findings.append(Finding(where, str(row.get("group")), "group has no row"))


def _representativeness_findings(
    root: Node, result: Mapping, findings: list[Finding], claimed: list[Node]
) -> list[Node]:
    found = result.get("representativeness")
    if not isinstance(found, Mapping):
        return []
    values = result.get("value_labels") or {}
    checked = []
    for variable in found.get("variables") or []:
        name = str(variable.get("name"))
        categories = {}
        for category in variable.get("categories") or []:
            code = str(category.get("name"))
            shown = {
                fmt_count(category.get("population")),
                fmt_percent(category.get("population_share")),
            }
            if not category.get("suppressed"):
                shown |= {
                    fmt_count(category.get("respondents")),
                    fmt_percent(category.get("respondent_share")),
                    fmt_percent(category.get("response_rate")),
                    fmt_percent(_other_share(variable, category)),
                }
            row = Row(shown - {DASH}, {fmt_count(category.get("population"))})
            categories[code] = (category, row)
            categories[group_label(name, code, None, values)] = (category, row)
        for node in root.find_all("table"):
            if node in claimed:
                continue
            table = read_table(node)
            heads = [normal(head).strip() for head, _c, _n in table.rows]
            if not heads or not all(head in categories for head in heads):
                continue
            if len(heads) < len(variable.get("categories") or []):
                continue
            checked.append(node)
            where = f"who took part by {name}"
            caption = {fmt_number(variable.get("cramers_v"), 2), fmt_p(variable.get("p"))}
            for figure in figures(table.caption):
                if figure not in caption:
                    findings.append(Finding(f"{where}, caption", figure, "is not its test"))
            for head, cells, _node in table.rows:
                category, row = categories[normal(head).strip()]
                _check_cells(f"{where}, row {head!r}", cells, row, findings)
                if category.get("suppressed"):
                    for cell in cells[2:]:
                        if figures(cell):
                            findings.append(
                                Finding(f"{where}, row {head!r}", cell, "is shown though hidden")
                            )
    return checked


def _result_labels(result: Mapping) -> list[str]:
    """The result's own names and texts that hold digits but are no figures ("16-34")."""
    found: set[str] = set()
    for key, value, _parent in _walk(result):
        named = key in {"label", "name", "terms", "quotes", "text", "statement", "option"}
        if key == "group" or (named and isinstance(value, str) and re.search(r"[A-Za-z]", value)):
            found.add(str(value))
    found |= {str(label) for label in result.get("labels") or []}
    for variable in (result.get("representativeness") or {}).get("variables") or []:
        found |= {str(c.get("name")) for c in variable.get("categories") or []}
    for labels in (result.get("value_labels") or {}).values():
        found |= {str(v) for v in labels.values()}
    return sorted((label for label in found if re.search(r"\d", label)), key=len, reverse=True)


@cache
def _label_pattern(labels: tuple[str, ...]) -> re.Pattern[str] | None:
    if not labels:
        return None
    alternatives = "|".join(re.escape(normal(label)) for label in labels)
    return re.compile(rf"(?<![\w.,])(?:{alternatives})(?![\w])")


def _text_without_labels(text: str, result: Mapping) -> str:
    """The text with the result's names and labels taken out: "16-34" is no figure."""
    text = normal(unescape(text))
    pattern = _label_pattern(tuple(_result_labels(result)))
    return text if pattern is None else pattern.sub(" ", text)


def html_findings(html: str, result: Mapping) -> list[Finding]:
    """Every figure of the page the result does not account for (see the module)."""
    root = parse(html)
    findings: list[Finding] = []
    constants = report_constants()
    checked = _question_findings(root, result, constants, findings)
    checked += _crosstab_findings(root, result, findings)
    checked += _representativeness_findings(root, result, findings, checked)
    # Everything else: a figure of the result, a number it quotes, or the report's own.
    allowed = result_figures(result) | constants
    allowed |= {str(n) for n in range(1, len(result.get("questions") or []) + 1)}
    ticks = [node for node in root.walk() if "axis-label" in node.classes]
    body = next((n for n in root.walk() if n.tag == "body"), root)
    rest = _text_without_labels(body.text([*checked, *ticks]), result)
    for figure in figures(rest):
        if figure not in allowed:
            context = rest[max(rest.find(figure) - 60, 0) : rest.find(figure) + 20]
            findings.append(Finding(f"text …{context}…", figure, "is in no part of the result"))
    return findings


def html_rows(html: str) -> list[tuple[str, list[str]]]:
    """Every table row of the page: its header and its cells' texts."""
    rows = []
    for node in parse(html).find_all("table"):
        rows += [(normal(head).strip(), cells) for head, cells, _n in read_table(node).rows]
    return rows


def page_figures(html: str, result: Mapping) -> set[str]:
    """Every figure the page prints (chart ticks too), and the ends of its intervals."""
    root = parse(html)
    body = next((n for n in root.walk() if n.tag == "body"), root)
    found: set[str] = set()
    for figure in figures(_text_without_labels(body.text(), result)):
        found |= parts(figure)
    return found


def pdf_findings(pdf_text: str, html: str, result: Mapping, pages: int) -> list[Finding]:
    """The PDF's text (``pdftotext -layout``) against the page and the result."""
    findings: list[Finding] = []
    lines = [normal(line).strip() for line in pdf_text.splitlines()]
    # The page footer: "pagina 3 van 12".
    footer = re.compile(r"pagina (\d+) van (\d+)$")
    body_lines = []
    for line in lines:
        match = footer.search(line)
        if match:
            if not (1 <= int(match.group(1)) <= int(match.group(2)) == pages):
                findings.append(Finding("pdf footer", match.group(0), f"is not of {pages} pages"))
            line = line[: match.start()]
        body_lines.append(line)
    text = "\n".join(body_lines)
    # 1. Every figure is one the page prints.
    printed = page_figures(html, result)
    for figure in figures(_text_without_labels(text, result)):
        if not parts(figure) & printed and figure not in report_constants():
            findings.append(Finding("pdf", figure, "is not on the report page"))
    # 2. Question rows, where a row is one line: its figures are that option's.
    only_labels = {"labels": _result_labels(result)}
    labels = _labels(result)
    for number, question in enumerate(labels["questions"], 1):
        label = normal(str(question.get("label")))
        starts = [
            i for i, line in enumerate(body_lines) if line.startswith(f"{number}. {label[:25]}")
        ]
        if not starts:
            if not re.match(r"\s*\d", label):
                findings.append(Finding(f"pdf question {number}", label, "has no heading"))
            continue
        end = next(
            (
                i
                for i, line in enumerate(body_lines[starts[0] + 1 :], starts[0] + 1)
                if re.match(rf"{number + 1}\. ", line) or line in {"Verschillen tussen groepen"}
            ),
            len(body_lines),
        )
        segment = body_lines[starts[0] : end]
        rows = question_rows(question)
        rows.pop("")
        named = {
            k: v for k, v in rows.items() if not k.startswith("#") and re.search(r"[A-Za-z]", k)
        }
        segment_figures: set[str] = set()
        for line in segment:
            line_figures = figures(_text_without_labels(line, only_labels))
            segment_figures |= {p for f in line_figures for p in parts(f)}
            key = _match_label(line, named)
            if key is None:
                continue
            for figure in line_figures:
                if figure not in named[key].allowed:
                    findings.append(
                        Finding(f"pdf question {number}, row {key!r}", figure, "is not its own")
                    )
        if question.get("n_valid") == 0:
            continue
        for key, row in named.items():
            for figure in sorted(row.required - segment_figures - {DASH}):
                findings.append(Finding(f"pdf question {number}, {key!r}", figure, "is missing"))
    # 3. A hidden crosstab row is only dashes: as many such lines as the page has rows.
    hidden_rows: dict[str, int] = {}
    for head, cells in html_rows(html):
        if cells and all(normal(c).strip() == DASH for c in cells):
            hidden_rows[head] = hidden_rows.get(head, 0) + 1
    for head, count in hidden_rows.items():
        # A narrow column wraps a label ("Noord-" / "Holland"): its first line starts the row.
        starts = {head, _first_segment(head)}
        rows = [
            (line, line[len(start) :])
            for line in body_lines
            for start in starts
            if line.startswith(start + " ") or (start.endswith("-") and line.startswith(start))
        ]
        public = _population_figures(result, head)
        dashed = [line for line, rest in rows if not set(figures(rest)) - public and DASH in line]
        leaked = [line for line, rest in rows if DASH in line and set(figures(rest)) - public]
        for line in leaked:
            findings.append(Finding("pdf hidden row", line, "mixes dashes and figures"))
        if len(dashed) < count:
            findings.append(
                Finding(f"pdf rows of {head!r}", str(len(dashed)), f"hidden rows, page has {count}")
            )
    return findings


# -- hidden figures --------------------------------------------------------------------


def hidden_figures_in_result(result: Mapping) -> list[str]:
    """Every object the result marks ``suppressed`` that still carries a figure.

    A hidden crosstab row has no ``n`` and no options; a hidden category of who took
    part shows its members (the register is no secret), never its respondents."""
    found = []
    register = {"name", "label", "population", "population_share", "suppressed", "group"}
    for path, item in _objects(result, "result"):
        if item.get("suppressed") is not True:
            continue
        for key, value in item.items():
            if key in register:
                continue
            if value not in (None, [], {}):
                found.append(f"{path}.{key} = {value!r}")
    return found


def _objects(value: Any, path: str) -> Iterator[tuple[str, Mapping]]:
    if isinstance(value, Mapping):
        yield path, value
        for key, item in value.items():
            yield from _objects(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _objects(item, f"{path}[{index}]")


def _band_range(label: str) -> tuple[float, float] | None:
    match = re.fullmatch(r"\s*(<)?\s*(\d+)\s*(?:-\s*(\d+))?\s*(\+)?\s*", label)
    if match is None:
        return None
    below, low, high, plus = match.groups()
    if below:
        return (float("-inf"), float(low) - 0.5)
    if plus:
        return (float(low), float("inf"))
    return (float(low), float(high or low))


def _atoms_of(group: str, atoms: list[str], named: list[str]) -> set[str] | None:
    """The register's categories a (possibly merged) crosstab group holds."""
    if group in atoms:
        return {group}
    span = _band_range(group)
    if span is not None:
        inside = set()
        for atom in atoms:
            own = _band_range(atom)
            if own is None:
                return None
            if span[0] <= own[0] and own[1] <= span[1]:
                inside.add(atom)
        return inside
    if group == "overig":
        covered = set().union(*(_atoms_of(g, atoms, []) or set() for g in named if g != group))
        return set(atoms) - covered
    return None


def derivable_participation(result: Mapping) -> list[str]:
    """Hidden numbers of respondents (who took part) that the report's other figures give.

    Per background variable, the unknowns are the respondents per register category.
    Known are the shown categories, the whole panel, and every crosstab group's size:
    the group's ``n`` in the variable list, and its ``n`` in the crosstab of every
    question all respondents answered. A hidden category whose respondents are a
    linear combination of those is given away."""
    import numpy as np

    found = []
    representativeness = result.get("representativeness") or {}
    groups = result.get("groups") or {}
    n_all = result.get("n_responses")
    everyone = {q.get("name") for q in result.get("questions") or [] if q.get("n_valid") == n_all}
    for variable in representativeness.get("variables") or []:
        name = variable.get("name")
        categories = variable.get("categories") or []
        atoms = [str(c.get("name")) for c in categories]
        known: list[tuple[np.ndarray, float, str]] = []

        def vector(members: set[str], atoms: list[str] = atoms) -> np.ndarray:
            return np.array([1.0 if atom in members else 0.0 for atom in atoms])

        for category in categories:
            if not category.get("suppressed") and category.get("respondents") is not None:
                known.append(
                    (vector({str(category["name"])}), category["respondents"], "its own row")
                )
        coded = next((v for v in groups.get("variables") or [] if v.get("name") == name), None)
        sizes: list[tuple[str, Any, str]] = []
        if coded is not None:
            named = [str(g.get("name")) for g in coded.get("groups") or []]
            if UNKNOWN_GROUP not in named and n_all is not None:
                known.append((np.ones(len(atoms)), n_all, "all respondents"))
            sizes += [
                (str(g.get("name")), g.get("n"), "the list of groups")
                for g in coded.get("groups") or []
                if not g.get("suppressed")
            ]
            for table in groups.get("tables") or []:
                if table.get("by") == name and table.get("question") in everyone:
                    sizes += [
                        (str(row.get("group")), row.get("n"), f"crosstab {table['question']}")
                        for row in table.get("groups") or []
                        if not row.get("suppressed")
                    ]
            for group, size, source in sizes:
                members = _atoms_of(group, atoms, named)
                if members is not None and size is not None:
                    known.append((vector(members), size, f"{group} = {size} in {source}"))
        if not known:
            continue
        matrix = np.array([vector_ for vector_, _v, _s in known])
        values = np.array([value for _x, value, _s in known], dtype=float)
        for index, category in enumerate(categories):
            if not category.get("suppressed"):
                continue
            target = np.zeros(len(atoms))
            target[index] = 1.0
            weights, *_ = np.linalg.lstsq(matrix.T, target, rcond=None)
            if np.abs(matrix.T @ weights - target).max() < 1e-6:
                used = [
                    known[i][2]
                    for i in np.flatnonzero(np.abs(weights) > 1e-6)
                    if "crosstab" in known[i][2] or "list" in known[i][2]
                ]
                derived = round(float(weights @ values))
                found.append(
                    f"{name} = {category.get('name')}: its hidden number of respondents is "
                    f"{derived}, from {', '.join(used[:3]) or 'the shown rows'}"
                )
    return found


def _first_segment(label: str) -> str:
    """A label's first line where a narrow column wraps it: "Noord-Holland" → "Noord-"."""
    match = re.match(r"[^\s\d-]+-(?=[^\W\d])", label)
    return match.group() if match else label


def _population_figures(result: Mapping, label: str) -> set[str]:
    """The member counts a hidden row of "who took part" keeps (not about answering)."""
    public: set[str] = set()
    found = result.get("representativeness") or {}
    for variable in found.get("variables") or []:
        values = result.get("value_labels", {}).get(variable.get("name"), {})
        for category in variable.get("categories") or []:
            if values.get(category["name"], category["name"]) == label:
                public.add(fmt_count(category["population"]))
                public.add(fmt_percent(category["population_share"]))
    return public
