"""How much a complete answer to a questionnaire can take, and the panel's fixed size.

Every draft and sealed envelope of a panel is padded to one size, so its
length says nothing about what a member wrote (``invitations.crypto.padding``,
docs/anonymity.md §4). That size must hold the largest answer the answering
pages accept. Open answers have a character limit per question type
(:data:`TEXT_LIMITS`, shown to members); every other answer is bounded by the
questionnaire's own names. Payloads are JSON with ``ensure_ascii=False``: a
character takes at most 4 bytes in UTF-8, and the characters JSON escapes
(quote, backslash, tab, newline; other control characters are removed before
storing) take 2.
"""

from __future__ import annotations

import json
import math

from ledenpanel.kernel.questionnaire.schema import (
    CHOICE_TYPES,
    OPEN_TYPES,
    Question,
    Questionnaire,
    QuestionType,
)

# Characters a member may write in one open answer; stated on the page.
TEXT_LIMITS = {QuestionType.SHORT_TEXT: 300, QuestionType.LONG_TEXT: 2000}
_BYTES_PER_CHARACTER = 4  # UTF-8's longest; JSON's escapes take 2
_NUMBER_BYTES = 32  # the longest float repr is 24 characters
# Everything a payload holds besides the answers: the background bands, the
# wording version, the assisted flag, the three evaluation answers, the page
# to resume on, the follow-up choices, keys and punctuation. Generous on purpose:
# the bands are a handful of short codes.
PAYLOAD_OVERHEAD = 4096
_ROUND_TO = 1024


def _text_bytes(text: str) -> int:
    return len(json.dumps(text, ensure_ascii=False).encode())


def answer_bound(question: Question) -> int:
    """The most bytes ``"name": answer, `` can take in a payload for ``question``."""
    key = _text_bytes(question.name) + 4  # ": " and ", "
    if question.type == QuestionType.INFO:
        return 0
    if question.type in OPEN_TYPES:
        return key + 2 + _BYTES_PER_CHARACTER * TEXT_LIMITS[question.type]
    if question.type == QuestionType.NUMBER:
        return key + _NUMBER_BYTES
    # Choices, scales, grids, rankings, points and ratings: at most every option
    # (as a list or as keys with a number), and every statement with the longest
    # option. Loose, and safe for every shape the answering pages store.
    names = [_text_bytes(option.name) for option in question.options]
    longest = max(names, default=0)
    options = sum(name + 4 + _NUMBER_BYTES for name in names)
    statements = sum(_text_bytes(s.name) + 4 + longest for s in question.statements)
    bound = key + 4 + options + statements
    if question.type not in CHOICE_TYPES:  # a rating: a number 0–10 or an option
        bound += _NUMBER_BYTES
    return bound


def answers_bound(questionnaire: Questionnaire) -> int:
    """The most bytes the answers of one member can take (every question answered)."""
    return 2 + sum(answer_bound(question) for question in questionnaire.questions())


def sealed_size(questionnaire: Questionnaire) -> int:
    """The one size every draft and envelope of the panel is padded to (bytes)."""
    needed = answers_bound(questionnaire) + PAYLOAD_OVERHEAD
    return math.ceil(needed / _ROUND_TO) * _ROUND_TO
