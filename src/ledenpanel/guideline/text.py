"""Small text helpers shared by the rules: words, sentences, the texts to check."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ledenpanel.kernel.questionnaire.schema import Question, QuestionType

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(]?[A-Z0-9À-Ý])")
# "ja" / "nee" style options: such a question asks for agreement with its label.
YES_WORDS = frozenset({"ja", "yes", "wel", "voor"})
NO_WORDS = frozenset({"nee", "no", "niet", "tegen"})


@dataclass(frozen=True)
class Text:
    """One piece of wording to check.

    ``statement`` is true when members answer it by (dis)agreeing: an agree
    scale's label, a grid statement, or a yes/no question. Rules about
    negations, absolutes and open doors apply most strictly there.
    ``where`` names a grid statement in messages ("" for the label).
    """

    text: str
    statement: bool
    where: str = ""


def words(text: str) -> list[str]:
    """The words of ``text`` in lower case."""
    return [match.group(0).lower() for match in WORD.finditer(text)]


def raw_words(text: str) -> list[str]:
    return [match.group(0) for match in WORD.finditer(text)]


def sentences(text: str) -> list[str]:
    parts = [part.strip() for part in SENTENCE_END.split(text.strip())]
    return [part for part in parts if part]


def clauses(text: str) -> list[str]:
    """Sentences split further at ; and : (a colon often introduces the statement)."""
    out: list[str] = []
    for sentence in sentences(text):
        out.extend(part.strip() for part in re.split(r"[;:]\s+", sentence) if part.strip())
    return out


def tidy(text: str) -> str:
    """Typographic quotes and dashes made plain, spaces collapsed; case kept."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("–", "-").replace("—", " - ")
    return re.sub(r"\s+", " ", text).strip()


def normalise(text: str) -> str:
    """`tidy` and lower case (same length as `tidy`'s result)."""
    return tidy(text).lower()


def is_yes_no(question: Question) -> bool:
    """A single choice between yes and no (plus perhaps "weet niet")."""
    if question.type != QuestionType.SINGLE_CHOICE:
        return False
    answers = question.answer_options
    if not 2 <= len(answers) <= 4:
        return False
    firsts = {(words(option.label) or [""])[0] for option in answers}
    return bool(firsts & YES_WORDS) and bool(firsts & NO_WORDS) and len(firsts) <= 3


def texts(question: Question) -> Iterator[Text]:
    """The wording a member reads as the question itself (not the options)."""
    if question.type == QuestionType.GRID:
        if question.label.strip():
            yield Text(question.label, statement=False)
        for statement in question.statements:
            if statement.label.strip():
                yield Text(statement.label, statement=True, where=statement.label)
        return
    if question.label.strip():
        statement = question.type == QuestionType.AGREE_SCALE or is_yes_no(question)
        yield Text(question.label, statement=statement)
