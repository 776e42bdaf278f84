"""One POST of an answering page, decided without a request (answering/flow.py)."""

from __future__ import annotations

from ledenpanel.responses.answering import pages
from ledenpanel.responses.answering.flow import page_index, page_step
from tests.builders import two_page_questionnaire

SECTIONS = pages(two_page_questionnaire())


def _post(**fields: str) -> dict[str, list[str]]:
    return {name: [value] for name, value in fields.items()}


def test_next_goes_on_with_the_pages_answers_merged_into_the_earlier_ones():
    step = page_step(
        SECTIONS, index=0, earlier={"waarom": "x"}, data=_post(q_meedoen="eens", next="1")
    )

    assert (step.index, step.errors, step.submit, step.later) == (1, [], False, False)
    assert step.answers == {"waarom": "x", "meedoen": "eens"}


def test_an_error_keeps_the_member_on_the_page_whatever_button_was_pressed():
    step = page_step(SECTIONS, index=0, earlier={}, data=_post(q_meedoen="bestaat_niet", next="1"))

    assert step.index == 0
    assert step.errors
    assert not step.submit


def test_back_never_goes_before_the_first_page_and_next_never_past_the_last():
    assert page_step(SECTIONS, index=0, earlier={}, data=_post(back="1")).index == 0
    assert page_step(SECTIONS, index=1, earlier={}, data=_post(next="1")).index == 1


def test_send_counts_only_on_the_last_page_and_later_only_without_send():
    assert not page_step(SECTIONS, index=0, earlier={}, data=_post(submit="1")).submit
    last = page_step(SECTIONS, index=1, earlier={}, data=_post(submit="1", later="1"))
    assert (last.submit, last.later) == (True, False)
    assert page_step(SECTIONS, index=1, earlier={}, data=_post(later="1")).later


def test_the_page_asked_for_stays_within_the_questionnaire():
    assert page_index(None, resume_at=1, count=2) == 1
    assert page_index("7", resume_at=0, count=2) == 1
    assert page_index("-3", resume_at=0, count=2) == 0
    assert page_index("abc", resume_at=1, count=2) == 1
    assert page_index("0", resume_at=0, count=0) == 0
