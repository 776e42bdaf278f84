"""The linter's entry points: `lint_question` (live, next to each question in the
builder) and `lint_questionnaire` (the whole form, e.g. `ledenpanel lint`)."""

from __future__ import annotations

from ledenpanel.guideline import barrels, scales, wording
from ledenpanel.guideline.findings import Finding
from ledenpanel.guideline.hits import Hit
from ledenpanel.guideline.messages import render
from ledenpanel.guideline.questionnaire import check_questionnaire
from ledenpanel.guideline.text import is_yes_no, texts
from ledenpanel.kernel.questionnaire.schema import Question, Questionnaire, QuestionType

# Where "alle", "elke" are instructions ("kruis alle … aan"), not claims.
NO_ABSOLUTE_CHECK = frozenset(
    {
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.RANKING,
        QuestionType.POINTS,
        QuestionType.NUMBER,
        QuestionType.SHORT_TEXT,
        QuestionType.LONG_TEXT,
        QuestionType.INFO,
    }
)
# Types whose options are the alternatives of an "X of Y?" question.
ALTERNATIVE_TYPES = frozenset(
    {
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.RANKING,
        QuestionType.POINTS,
    }
)


def _form_language(questionnaire: Questionnaire | None) -> str:
    language = questionnaire.language if questionnaire else "nl"
    return "en" if language.lower().startswith("en") else "nl"


def _explained_before(
    question: Question, questionnaire: Questionnaire | None, lang: str
) -> set[str]:
    """Abbreviations and terms explained in the hint or in an earlier question."""
    sources = [question.hint]
    if questionnaire is not None:
        for earlier in questionnaire.questions():
            if earlier is question or earlier.name == question.name:
                break
            sources += [earlier.label, earlier.hint, *(s.label for s in earlier.statements)]
    explained: set[str] = set()
    for source in sources:
        if source:
            explained |= wording.explained_abbreviations(source)
            explained |= wording.explained_terms(source, lang)
    return explained


def question_hits(question: Question, questionnaire: Questionnaire | None = None) -> list[Hit]:
    """The rules' hits for one question, in the form's language."""
    lang = _form_language(questionnaire)
    hits: list[Hit] = []
    alternatives = question.type in ALTERNATIVE_TYPES and not is_yes_no(question)
    explained = _explained_before(question, questionnaire, lang)
    options = tuple(option.label for option in question.options)
    for index, text in enumerate(texts(question)):
        hits += barrels.check_double_barreled(text, lang, alternatives=alternatives)
        hits += wording.check_leading(text, lang)
        hits += wording.check_negation(text, lang)
        if question.type not in NO_ABSOLUTE_CHECK and (
            text.statement or question.type != QuestionType.GRID
        ):
            hits += wording.check_absolute(text, lang)
        extra = options if index == 0 else ()
        hits += wording.check_jargon(text, lang, explained=explained, extra_texts=extra)
        hits += wording.check_too_long(text)
        hits += wording.check_open_door(text, lang)
        hits += wording.check_hypothetical(text, lang)
    hits += scales.check_unbalanced(question, lang)
    hits += scales.check_no_neutral(question, lang)
    hits += scales.check_ranges(question)
    if question.type != QuestionType.INFO:
        if not question.rationale.strip():
            hits.append(Hit("missing_rationale"))
        if question.author is None or not question.author.name.strip():
            hits.append(Hit("missing_author"))
    return _first_per_rule_and_place(hits)


def _first_per_rule_and_place(hits: list[Hit]) -> list[Hit]:
    seen: set[tuple[str, str]] = set()
    out: list[Hit] = []
    for hit in hits:
        key = (hit.rule, hit.where)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


def lint_question(
    question: Question, *, questionnaire: Questionnaire | None = None, lang: str = "nl"
) -> list[Finding]:
    """Check one question against the guideline; messages in ``lang`` ("nl" or "en").

    The form's own language (``questionnaire.language``, Dutch without a
    questionnaire) decides which word lists apply; pass the questionnaire so
    abbreviations explained in earlier questions count as explained.
    """
    if question.type == QuestionType.INFO:
        hits = [
            h for h in question_hits(question, questionnaire) if h.rule in ("jargon", "too_long")
        ]
    else:
        hits = question_hits(question, questionnaire)
    return [render(hit, question.name, lang) for hit in hits]


def lint_questionnaire(questionnaire: Questionnaire, *, lang: str = "nl") -> list[Finding]:
    """All findings: per question in form order, then the questionnaire-level ones."""
    findings: list[Finding] = []
    for question in questionnaire.questions():
        findings += lint_question(question, questionnaire=questionnaire, lang=lang)
    findings += [render(hit, None, lang) for hit in check_questionnaire(questionnaire)]
    return findings
