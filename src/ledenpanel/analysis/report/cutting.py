"""The report page cut into documents that are printed apart and joined (``printing``).

WeasyPrint prints one document on one core. The page is therefore cut, at
page breaks it may take, into:

- the **front**: the title, the summary and the table of contents. It is
  printed last, when every other part's pages are known: its contents list
  page numbers (``target-counter``) of headings in the other parts;
- two **parts** of about equal cost, the rest of the report cut between two
  questions (or two sections), printed side by side;
- the **crosstab appendix**, set by reportlab (``table_appendix``).

A part links to headings in other parts ("zie Vraag 3", the contents); WeasyPrint
drops a link whose target is not in the document, so each document ends with a
page of **stand-ins**: an empty element for every id it links to but does not
hold. ``joining`` drops those pages and points each link at the real heading.
The front's stand-ins also carry the page each heading will be on
(``counter-reset: page N``), so its contents print the real numbers.

Every part starts a page, so the report has a page break before "Wie deden mee"
and one between two questions that it would not have in one document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

APPENDIX_ID = "bijlage-groepen"  # the crosstab appendix's heading (the template's)
STAND_INS_ID = "stand-ins"  # the first page of stand-ins: where a document's own pages end
# reportlab sets a table about ten times faster than WeasyPrint prints it (measured on
# the national report's appendix: 0.8 s against 8.5 s of processor time).
REPORTLAB_SPEEDUP = 10
_APPENDIX_OPEN = f'<section aria-labelledby="{APPENDIX_ID}" class="appendix">'
_QUESTIONS_OPEN = '<section aria-labelledby="vragen">'
_TOC_OPEN = '<nav aria-labelledby="inhoud" class="toc">'
_NO_FOOTER = "<style>@page { @bottom-right { content: none; } }</style>\n</head>"
_MAIN = "\n<main>\n"
_TAIL = "\n</main>\n</body>\n</html>\n"
_CUTS = re.compile(r'<article class="question"|<section\b')
_LINK = re.compile(r'href="#([^"]+)"')
_ID = re.compile(r'\sid="([^"]+)"')
_TAG = re.compile(r"<[^>]*>")
_CHART = re.compile(r"<svg\b.*?</svg>", re.S)  # an inline chart, drawn by reportlab


@dataclass(frozen=True)
class Cut:
    """The page as documents printed apart, each without its footer."""

    head: str  # up to and including <body>, footers switched off
    front: str  # the title, summary and contents (opening <main>)
    parts: tuple[str, ...]  # the rest, as whole documents ending with their stand-ins
    appendix: str | None  # the crosstab appendix as a document of its own, if any

    def front_document(self, pages: Mapping[str, int] | None = None) -> str:
        """The front as a document, its stand-ins on the pages ``pages`` gives each
        target (a first print, to count its own pages: all on one page after it)."""
        return self.head + self.front + stand_ins(self.front, pages) + _TAIL


def cut_page(html: str) -> Cut | None:
    """The page cut into front, two parts and appendix; None if it is not the report's
    usual shape (then it is printed in one go).

    The parts are cut so that both printers finish together: the first part's also
    sets the appendix, the second's also prints the front once (see ``printing``).
    """
    body = html.find("<body>")
    main = html.find("<main>", body)
    toc = html.find(_TOC_OPEN, main)
    end = html.rfind("</main>")
    if min(body, main, toc, end) < 0 or html.count("</head>") != 1:
        return None
    front_end = html.index("</nav>", toc) + len("</nav>")
    head = html[: body + len("<body>")].replace("</head>", _NO_FOOTER)
    rest = html[front_end:end]
    appendix = None
    start = rest.find(_APPENDIX_OPEN)
    if start >= 0:
        close = rest.index("</section>", start) + len("</section>")
        appendix = head + _MAIN + rest[start:close] + _TAIL
        rest = rest[:start] + rest[close:]
    front = html[body + len("<body>") : front_end]
    spare = cost(appendix or "") / REPORTLAB_SPEEDUP - cost(front)
    parts = (head + _MAIN + part + stand_ins(part) + _TAIL for part in _halves(rest, spare) if part)
    return Cut(
        head=head,
        front=front,
        parts=tuple(parts),
        appendix=appendix,
    )


def cost(markup: str) -> float:
    """What printing ``markup`` costs WeasyPrint, in units of about 0.4 ms here: its
    words and half its tags. (Fitted on the national report's parts, questions,
    text and tables: within 3 % of one another; tags alone are 30 % off.) A chart
    counts as one image: reportlab draws it (``chart_stamps``), in a millisecond."""
    markup = _CHART.sub("<img>", markup)
    return len(_TAG.sub(" ", markup).split()) + markup.count("<") / 2


def _halves(rest: str, spare: float) -> tuple[str, str]:
    """``rest`` cut before a section or a question, where the cost on either side (plus
    ``spare`` on the first) is most equal. A cut inside the questions closes their
    section in the first half and opens it again, without its heading, in the second."""
    questions = rest.find(_QUESTIONS_OPEN)
    questions_end = rest.find("</section>", questions) if questions >= 0 else -1
    first_question = rest.find("<article", questions) if questions >= 0 else -1
    total = cost(rest)
    best: tuple[float, int] | None = None
    first, counted = 0.0, 0  # the cost before the cut, counted up to ``counted``
    for found in _CUTS.finditer(rest):
        at = found.start()
        first += cost(rest[counted:at])  # a cut is at a tag: no word is split
        counted = at
        if at == first_question or not rest[:at].strip():  # the heading stays with it
            continue
        gap = abs(first + spare - (total - first))
        if best is None or gap < best[0]:
            best = (gap, at)
    if best is None:
        return rest, ""
    at = best[1]
    if questions < at < questions_end and rest.startswith("<article", at):
        return rest[:at] + "</section>\n", _QUESTIONS_OPEN + "\n" + rest[at:]
    return rest[:at], rest[at:]


def stand_ins(markup: str, pages: Mapping[str, int] | None = None) -> str:
    """Empty elements for every id ``markup`` links to and does not hold, on pages
    after it: all on one, or each on the page ``pages`` gives it (``counter-reset``,
    so a ``target-counter`` reads that number)."""
    held = set(_ID.findall(markup))
    wanted = sorted(set(_LINK.findall(markup)) - held)
    if not wanted:
        return ""
    if pages is None:
        return _page(wanted, None, first=True)
    by_page: dict[int | None, list[str]] = {}
    for name in wanted:
        by_page.setdefault(pages.get(name), []).append(name)
    ordered = sorted(by_page.items(), key=lambda item: (item[0] is None, item[0] or 0))
    return "".join(
        _page(names, number, first=not index) for index, (number, names) in enumerate(ordered)
    )


def _page(names: Iterable[str], number: int | None, *, first: bool) -> str:
    """A page of stand-ins; the first is marked, so the printer knows where the
    document's own pages end."""
    mark = f' id="{STAND_INS_ID}"' if first else ""
    reset = f" counter-reset: page {number};" if number is not None else ""
    inside = "".join(f'<div id="{name}"></div>' for name in names)
    return f'\n<div{mark} style="break-before: page;{reset}">{inside}</div>'
