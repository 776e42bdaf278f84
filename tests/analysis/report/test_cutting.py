"""The report page cut into documents printed apart (cutting.py): nothing lost, nothing
twice, the parts of about equal cost, and stand-ins for every link that leaves a part."""

from __future__ import annotations

import re

from ledenpanel.analysis.report import render_html
from ledenpanel.analysis.report.cutting import (
    APPENDIX_ID,
    REPORTLAB_SPEEDUP,
    STAND_INS_ID,
    cost,
    cut_page,
    stand_ins,
)
from tests.support.report_result import build_result

_ID = re.compile(r'\sid="([^"]+)"')
_STAND_INS = re.compile(rf'<div id="{STAND_INS_ID}".*', re.S)


def _own(document: str) -> str:
    """A document without its stand-ins."""
    return _STAND_INS.sub("", document)


def _body(document: str) -> str:
    """A document's own content: after <body>, before its stand-ins."""
    return _own(document)[document.index("<body>") :]


def test_every_element_of_the_page_is_in_exactly_one_document(page: str) -> None:
    cut = cut_page(page)
    assert cut is not None

    documents = [cut.front_document(), *cut.parts, cut.appendix or ""]
    held = [name for document in documents for name in _ID.findall(_own(document))]
    assert sorted(held) == sorted(_ID.findall(page))
    # The same words in the same order: only tags were added (the stand-ins, the
    # questions' section closed and reopened).
    assert [word for document in documents for word in _words(document)] == _words(page)


def _words(document: str) -> list[str]:
    return re.sub(r"<[^>]+>", " ", _body(document)).split()


def test_the_front_holds_the_summary_and_the_contents_and_nothing_after(page: str) -> None:
    cut = cut_page(page)
    assert cut is not None

    front = _own(cut.front_document())
    assert 'id="samenvatting"' in front
    assert 'id="inhoud"' in front
    assert 'id="wie-deden-mee"' not in front
    assert 'id="wie-deden-mee"' in cut.parts[0]
    assert cut.appendix is not None
    assert f'id="{APPENDIX_ID}"' in cut.appendix
    for document in (cut.front_document(), *cut.parts, cut.appendix):
        assert document.count("<style>") == 2  # the report's CSS, then its footer left out
        assert document.rstrip().endswith("</html>")


def test_the_parts_cost_about_the_same_once_the_appendix_and_front_are_counted() -> None:
    page = render_html(build_result(extra_statements=20))
    cut = cut_page(page)
    assert cut is not None
    assert len(cut.parts) == 2

    first, second = (cost(_body(part)) for part in cut.parts)
    spare = cost(cut.appendix or "") / REPORTLAB_SPEEDUP - cost(cut.front)
    largest_question = max(cost(a) for a in re.findall(r"<article.*?</article>", page, re.S))
    assert abs(first + spare - second) <= largest_question  # within one cut's step


def test_a_cut_between_questions_reopens_their_section_without_its_heading() -> None:
    cut = cut_page(render_html(build_result(extra_statements=20)))
    assert cut is not None
    first, second = (_own(part) for part in cut.parts)

    assert 'id="vragen"' in first  # thirty questions: the cut falls among them
    assert first.count("<article") + second.count("<article") == 30
    assert re.search(r"</article>\s*</section>\s*(</main>\s*</body>\s*</html>\s*)?$", first)
    opened = second[second.index("<main>") + len("<main>") :].lstrip()
    assert opened.startswith('<section aria-labelledby="vragen">\n<article class="question"')
    assert 'id="vragen"' not in second


def test_stand_ins_stand_for_every_link_that_leaves_the_document() -> None:
    markup = '<a href="#here">x</a><h2 id="here">x</h2><a href="#a">a</a><a href="#b">b</a>'

    assert _ID.findall(stand_ins(markup)) == [STAND_INS_ID, "a", "b"]
    paged = stand_ins(markup, {"a": 12, "b": 40})
    assert "counter-reset: page 12;" in paged
    assert "counter-reset: page 40;" in paged
    assert paged.count("break-before: page") == 2  # each on the page it will be on
    assert stand_ins('<h2 id="here">x</h2><a href="#here">x</a>') == ""


def test_a_page_not_of_the_report_s_shape_is_not_cut() -> None:
    assert cut_page("<html><head></head><body><p>Geen verslag</p></body></html>") is None
