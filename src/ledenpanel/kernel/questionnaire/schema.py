"""A questionnaire as plain dataclasses, with a JSON form for storage.

This is the one definition every part shares: the builder edits it, versions
store it as JSON, the guideline linter checks it, XLSForm import and export
convert it, the answering pages render it and the analysis reads it.

Choice-like questions (single and multiple choice, agree scales, grids,
ranking, points) always carry their options explicitly, in scale order for
scales, so a form imported from XLSForm keeps its own wording. Options marked
``dont_know`` ("weet niet / geen mening") are answerable but left out of
means and top-2-box in the analysis.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
# Option and statement names: XLSForm choice names ("99", "weet_niet"); they
# also become field names (points, grids), so no spaces or punctuation.
VALUE_PATTERN = re.compile(r"^[A-Za-z0-9_]{1,64}$")


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    AGREE_SCALE = "agree_scale"  # one statement on a 5- or 7-point agree scale
    RATING = "rating"  # 0-10
    RANKING = "ranking"  # put the options in order
    POINTS = "points"  # divide a fixed total over the options (constant sum)
    NUMBER = "number"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    GRID = "grid"  # several statements on one shared scale
    INFO = "info"  # text only, no answer


CHOICE_TYPES = frozenset(
    {
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.AGREE_SCALE,
        QuestionType.GRID,
        QuestionType.RANKING,
        QuestionType.POINTS,
    }
)
SCALE_TYPES = frozenset({QuestionType.AGREE_SCALE, QuestionType.GRID})
OPEN_TYPES = frozenset({QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT})

# Standard agree scales in scale order (negative → positive).
AGREE_5 = (
    ("helemaal_oneens", "Helemaal mee oneens"),
    ("oneens", "Mee oneens"),
    ("neutraal", "Neutraal"),
    ("eens", "Mee eens"),
    ("helemaal_eens", "Helemaal mee eens"),
)
AGREE_7 = (
    ("helemaal_oneens", "Helemaal mee oneens"),
    ("oneens", "Mee oneens"),
    ("enigszins_oneens", "Enigszins mee oneens"),
    ("neutraal", "Neutraal"),
    ("enigszins_eens", "Enigszins mee eens"),
    ("eens", "Mee eens"),
    ("helemaal_eens", "Helemaal mee eens"),
)
DONT_KNOW = ("weet_niet", "Weet niet / geen mening")
# Choice names that mark "don't know / no opinion" in XLSForm files.
DONT_KNOW_NAMES = frozenset({"weet_niet", "geen_mening", "dk", "99"})


class Operator(StrEnum):
    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    SELECTED = "selected"  # a multiple-choice answer includes the value
    GREATER_THAN = "greater_than"
    LESS_THAN = "less_than"
    ANSWERED = "answered"


class SchemaError(ValueError):
    """A questionnaire that cannot be valid; ``path`` says where."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class Option:
    name: str
    label: str
    dont_know: bool = False
    # Labels in other languages, by language code ("en").
    translations: dict[str, str] = field(default_factory=dict)


@dataclass
class Statement:
    """One row of a grid question."""

    name: str
    label: str
    translations: dict[str, str] = field(default_factory=dict)


@dataclass
class Condition:
    """Show a question only if an earlier answer meets this."""

    question: str
    operator: Operator
    value: str = ""


@dataclass
class Author:
    """Who asks a question: members can always see it ("Wie stelt deze vraag?")."""

    name: str
    role: str = ""
    unit: str = ""


@dataclass
class Question:
    name: str
    type: QuestionType
    label: str
    hint: str = ""
    required: bool = True
    options: list[Option] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    randomize: bool = False
    show_if: list[Condition] = field(default_factory=list)  # all must hold
    points_total: int = 100
    minimum: float | None = None
    maximum: float | None = None
    author: Author | None = None
    rationale: str = ""
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # lang → label/hint
    # The library question it was copied from ("<template>/<question>"), kept
    # through edits: results of the same template question can be compared
    # across panels.
    origin: str = ""

    @property
    def answer_options(self) -> list[Option]:
        """Options that carry an opinion (without "weet niet")."""
        return [option for option in self.options if not option.dont_know]

    @property
    def has_dont_know(self) -> bool:
        return any(option.dont_know for option in self.options)


@dataclass
class Section:
    name: str
    title: str = ""
    questions: list[Question] = field(default_factory=list)
    translations: dict[str, str] = field(default_factory=dict)


@dataclass
class Questionnaire:
    title: str = ""
    language: str = "nl"  # the default language; the linter checks its labels
    sections: list[Section] = field(default_factory=list)

    def questions(self) -> list[Question]:
        return [question for section in self.sections for question in section.questions]

    def question(self, name: str) -> Question | None:
        return next((q for q in self.questions() if q.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        return _prune(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Questionnaire:
        questionnaire = cls(
            title=str(data.get("title", "")),
            language=str(data.get("language", "nl")),
            sections=[
                _section_from_dict(section, f"sections[{index}]")
                for index, section in enumerate(data.get("sections", []))
            ],
        )
        validate(questionnaire)
        return questionnaire


def agree_options(points: int = 5, *, dont_know: bool = True) -> list[Option]:
    scale = {5: AGREE_5, 7: AGREE_7}[points]
    options = [Option(name, label) for name, label in scale]
    if dont_know:
        options.append(Option(*DONT_KNOW, dont_know=True))
    return options


def _prune(value: Any) -> Any:
    """Drop empty and default-valued keys so stored JSON stays small and diffable."""
    if isinstance(value, dict):
        pruned = {key: _prune(item) for key, item in value.items()}
        return {
            key: item
            for key, item in pruned.items()
            if item not in ("", None, [], {})
            and not (key == "dont_know" and item is False)
            and not (key == "randomize" and item is False)
            and not (key == "points_total" and item == 100)
        }
    if isinstance(value, list):
        return [_prune(item) for item in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


def _section_from_dict(data: dict[str, Any], path: str) -> Section:
    return Section(
        name=str(data.get("name", "")),
        title=str(data.get("title", "")),
        translations=dict(data.get("translations", {})),
        questions=[
            _question_from_dict(question, f"{path}.questions[{index}]")
            for index, question in enumerate(data.get("questions", []))
        ],
    )


def _question_from_dict(data: dict[str, Any], path: str) -> Question:
    try:
        kind = QuestionType(data.get("type", ""))
    except ValueError:
        raise SchemaError(f"{path}.type", f"unknown question type {data.get('type')!r}") from None
    author = data.get("author")
    try:
        show_if = [
            Condition(
                question=str(c["question"]),
                operator=Operator(c["operator"]),
                value=str(c.get("value", "")),
            )
            for c in data.get("show_if", [])
        ]
    except (KeyError, ValueError) as exc:
        raise SchemaError(f"{path}.show_if", f"invalid condition ({exc})") from None
    return Question(
        name=str(data.get("name", "")),
        type=kind,
        label=str(data.get("label", "")),
        hint=str(data.get("hint", "")),
        required=bool(data.get("required", True)),
        options=[
            Option(
                name=str(o["name"]),
                label=str(o.get("label", "")),
                dont_know=bool(o.get("dont_know", False)),
                translations=dict(o.get("translations", {})),
            )
            for o in data.get("options", [])
        ],
        statements=[
            Statement(
                name=str(s["name"]),
                label=str(s.get("label", "")),
                translations=dict(s.get("translations", {})),
            )
            for s in data.get("statements", [])
        ],
        randomize=bool(data.get("randomize", False)),
        show_if=show_if,
        points_total=int(data.get("points_total", 100)),
        minimum=data.get("minimum"),
        maximum=data.get("maximum"),
        author=Author(**author) if author else None,
        rationale=str(data.get("rationale", "")),
        translations={lang: dict(texts) for lang, texts in data.get("translations", {}).items()},
        origin=str(data.get("origin", "")),
    )


def validate(questionnaire: Questionnaire) -> None:
    """Raise SchemaError for structural mistakes (not style: that is the linter's job)."""
    seen: dict[str, Question] = {}
    for s_index, section in enumerate(questionnaire.sections):
        for q_index, question in enumerate(section.questions):
            path = f"sections[{s_index}].questions[{q_index}]"
            if not NAME_PATTERN.match(question.name):
                raise SchemaError(
                    f"{path}.name",
                    f"{question.name!r} is not a valid name (letters, digits, _; "
                    "not starting with a digit)",
                )
            if question.name in seen:
                raise SchemaError(f"{path}.name", f"duplicate question name {question.name!r}")
            if question.type in CHOICE_TYPES and len(question.options) < 2:
                raise SchemaError(f"{path}.options", "needs at least two options")
            names = [option.name for option in question.options]
            if len(set(names)) != len(names):
                raise SchemaError(f"{path}.options", "option names must be unique")
            statements = [statement.name for statement in question.statements]
            if len(set(statements)) != len(statements):
                raise SchemaError(f"{path}.statements", "statement names must be unique")
            for value in names + statements:
                if not VALUE_PATTERN.match(value):
                    raise SchemaError(
                        f"{path}", f"{value!r} is not a valid option or statement name"
                    )
            if question.type == QuestionType.GRID and not question.statements:
                raise SchemaError(f"{path}.statements", "a grid needs at least one statement")
            if question.type == QuestionType.POINTS and question.points_total <= 0:
                raise SchemaError(f"{path}.points_total", "must be a positive number")
            for condition in question.show_if:
                source = seen.get(condition.question)
                if source is None:
                    raise SchemaError(
                        f"{path}.show_if",
                        f"refers to {condition.question!r}, which is not an earlier question",
                    )
                answers = {option.name for option in source.options}
                if (
                    answers
                    and condition.operator
                    in {Operator.EQUALS, Operator.NOT_EQUALS, Operator.SELECTED}
                    and condition.value not in answers
                ):
                    raise SchemaError(
                        f"{path}.show_if",
                        f"{condition.value!r} is not an answer of {condition.question!r}",
                    )
            seen[question.name] = question
