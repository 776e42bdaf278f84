"""The summary page in the report's language: main outcomes and the margin of error.

The engine (``analysis.summary``) picks the outcomes and gives each a ``code``
with its ``params``; here a known code becomes a sentence of the report's
catalog, with the report's number formats and labels. An unknown code is
printed as the engine wrote it (its Dutch ``text``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .formats import fmt_number, fmt_percent
from .i18n import N_, Translator
from .labels import Labels
from .lenient import as_dict, as_list

# The sentence of each code; a weighted figure is an estimate for all members.
OUTCOMES = {
    "agree": N_(
        "%(agree)s van de leden met een mening is het eens met “%(question)s”, "
        "%(disagree)s is het oneens."
    ),
    "choice": N_("Bij “%(question)s” werd “%(option)s” het vaakst gekozen (%(share)s)."),
    "multiple": N_(
        "Bij “%(question)s” werd “%(option)s” het vaakst aangekruist, door %(share)s van de leden."
    ),
    "rating": N_("“%(question)s” kreeg gemiddeld een %(mean)s."),
}
# An unweighted figure describes who answered: these codes then say "deelnemers".
OF_RESPONDENTS = {
    "agree": N_(
        "%(agree)s van de deelnemers met een mening is het eens met “%(question)s”, "
        "%(disagree)s is het oneens."
    ),
    "multiple": N_(
        "Bij “%(question)s” werd “%(option)s” het vaakst aangekruist, door %(share)s van de "
        "deelnemers."
    ),
}

MARGIN = N_(
    "Elk percentage in dit verslag is een schatting. Voor het hele panel ligt het werkelijke "
    "cijfer met 95 %% zekerheid binnen %(margin)s procentpunt van het getoonde; bij groepen en "
    "bij vragen die minder leden beantwoordden is die marge groter."
)


def outcome_text(outcome: Mapping[str, Any], labels: Labels, t: Translator) -> str:
    """One main outcome as a sentence in the report's language."""
    code = str(outcome.get("code"))
    weighted = bool(outcome.get("weighted"))
    message = (None if weighted else OF_RESPONDENTS.get(code)) or OUTCOMES.get(code)
    params = as_dict(outcome.get("params"))
    if message is None or not params:
        return str(outcome.get("text") or "")
    question = str(params.get("question") or "")
    option = str(params.get("option") or "")
    values = {
        "question": labels.questions.get(question) or str(params.get("question_label") or question),
        "option": labels.options.get(question, {}).get(option)
        or str(params.get("option_label") or option),
        "mean": fmt_number(params.get("mean"), 1, lang=t.lang),
    }
    for key in ("agree", "disagree", "share"):
        values[key] = fmt_percent(params.get(key), lang=t.lang)
    return t.gettext(message, **values)


def summary_view(result: Mapping[str, Any], labels: Labels, t: Translator) -> dict[str, Any]:
    """The main outcomes and the margin-of-error sentence; empty when there are none."""
    summary = as_dict(result.get("summary"))
    margin = summary.get("margin_of_error")
    return {
        "outcomes": [
            outcome_text(outcome, labels, t)
            for outcome in as_list(summary.get("main_outcomes"))
            if isinstance(outcome, Mapping)
        ],
        "margin": t.gettext(MARGIN, margin=fmt_number(margin * 100, 1, lang=t.lang))
        if isinstance(margin, (int, float))
        else None,
    }
