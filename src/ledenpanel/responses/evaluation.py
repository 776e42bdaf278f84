"""The optional last questions about the panel itself ("Over dit ledenpanel").

Shown on the last page, under the panel's own questions and above the submit
button, so they never add a step and never block submitting: everything is
optional, and a value that is not one of the choices (a tampered form) is
simply dropped. The answers travel sealed in the envelope
(``services.answers_submit(..., evaluation=...)``); at close they go into
``Response.evaluation`` as ``{"clear": "ja", "length": "goed", "again": "nee"}``
(any key may be missing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FIELD_PREFIX = "eval_"


@dataclass(frozen=True)
class EvaluationQuestion:
    name: str
    legend: str | Promise
    choices: tuple[tuple[str, str | Promise], ...]

    @property
    def field(self) -> str:
        return f"{FIELD_PREFIX}{self.name}"


QUESTIONS: tuple[EvaluationQuestion, ...] = (
    EvaluationQuestion(
        "clear",
        _("Waren de vragen duidelijk?"),
        (("ja", _("Ja")), ("enigszins", _("Enigszins")), ("nee", _("Nee"))),
    ),
    EvaluationQuestion(
        "length",
        _("Wat vond u van de lengte van de vragenlijst?"),
        (("te_kort", _("Te kort")), ("goed", _("Goed")), ("te_lang", _("Te lang"))),
    ),
    EvaluationQuestion(
        "again",
        _("Zou u nog eens meedoen aan een ledenpanel?"),
        (("ja", _("Ja")), ("misschien", _("Misschien")), ("nee", _("Nee"))),
    ),
)


def parse_evaluation(data: Mapping[str, object]) -> dict[str, str]:
    """The valid choices in a submitted form; anything else is left out.

    ``data`` is ``request.POST`` (or any mapping of field name to value).
    """
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        value = data.get(question.field)
        if isinstance(value, list):
            value = value[0] if len(value) == 1 else None
        if isinstance(value, str) and value in {name for name, _label in question.choices}:
            answers[question.name] = value
    return answers
