"""One POST of an answering page as a pure step: what was answered, what is
wrong, and where the member goes next.

The view does what the step decides (save the draft, submit, show the next
page); the decision itself needs no request, database or keys, so every
button and every page boundary is tested here on plain dicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ledenpanel.kernel.questionnaire.schema import Section
from ledenpanel.responses.answering.parsing import parse_page
from ledenpanel.responses.answering.types import Answer, AnswerError


@dataclass(frozen=True)
class PageStep:
    """The outcome of one POST of page ``index``."""

    # The page to show: the next or previous one, or the same one when
    # the page has errors or was only saved.
    index: int
    # Everything answered so far, this page's answers included (also when
    # some are invalid, so the member sees what they typed).
    answers: dict[str, Answer]
    errors: list[AnswerError]
    # The last page's send button was pressed and the page has no errors.
    submit: bool
    # "Opslaan en later verder": save, and say so instead of showing a page.
    later: bool


def page_index(raw: str | None, *, resume_at: int, count: int) -> int:
    """The page a request asks for, kept within the questionnaire."""
    try:
        index = int(raw) if raw is not None else resume_at
    except ValueError:
        index = resume_at
    return min(max(index, 0), max(count - 1, 0))


def page_step(
    sections: list[Section],
    *,
    index: int,
    earlier: Mapping[str, Answer],
    data: Mapping[str, list[str]],
) -> PageStep:
    """Read page ``index`` from ``data`` (the POST, field → values) and decide.

    Buttons are fields: ``back``, ``next``, ``submit`` (on the last page
    only) and ``later``. With errors the member stays on the page and
    nothing is submitted.
    """
    on_page, errors = parse_page(sections[index], data, earlier=dict(earlier))
    answers = {**earlier, **on_page}
    last = len(sections) - 1
    if errors:
        return PageStep(index, answers, errors, submit=False, later=False)
    submit = "submit" in data and index == last
    if "back" in data:
        index = max(index - 1, 0)
    elif "next" in data:
        index = min(index + 1, last)
    return PageStep(index, answers, [], submit=submit, later="later" in data and not submit)
