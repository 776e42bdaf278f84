"""From a member's submitted form to validated answers (pure Python, no Django).

The answering pages show one section per page (:func:`pages`). A POST of a
page goes through :func:`parse_page`, which reads the field names that
``templates/questionnaire/_question.html`` renders:

- ``q_<name>`` for single and multiple choice (checkboxes send several
  values), agree scales, ratings, numbers and text;
- ``q_<name>__<statement>`` for the rows of a grid;
- ``q_<name>__<option>`` for ranking positions and for points.

Stored answers (:data:`Answer`) by question type:

===================  =====================================================
single_choice,       the option name (``str``)
agree_scale
multiple_choice      option names in option order (``list[str]``)
rating               ``int`` 0–10, or the "weet niet" option name
grid                 statement name → option name (``dict[str, str]``)
ranking              option name → position 1..k (``dict[str, int]``)
points               option name → points, every option (``dict[str, int]``)
number               ``float``
short/long_text      stripped text (``str``)
info                 nothing
===================  =====================================================

A typical POST handler::

    answers, errors = parse_page(section, data, earlier=draft)
    if not errors:
        draft = drop_hidden(questionnaire, {**draft, **answers})

``answers`` has a key for every answerable question of the page (``None``
when empty, invalid or hidden), so merging it forgets what a member cleared;
:func:`drop_hidden` then forgets answers on *other* pages that a changed
answer has hidden. Before the final submit :func:`check_complete` catches
required questions on pages the member never saw.
"""

from ledenpanel.responses.answering.parsing import check_complete, parse_page
from ledenpanel.responses.answering.summary import summary
from ledenpanel.responses.answering.types import Answer, AnswerError, is_empty
from ledenpanel.responses.answering.visibility import (
    drop_hidden,
    estimated_progress,
    is_visible,
    pages,
    visible_questions,
)

__all__ = [
    "Answer",
    "AnswerError",
    "check_complete",
    "drop_hidden",
    "estimated_progress",
    "is_empty",
    "is_visible",
    "pages",
    "parse_page",
    "summary",
    "visible_questions",
]
