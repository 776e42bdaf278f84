"""Edits to a questionnaire as pure functions: each returns a new questionnaire.

The builder's views call these, then store the result through
``services.questionnaire_save`` (which validates it).
"""

from __future__ import annotations

import copy
import re
import unicodedata

from ledenpanel.kernel.questionnaire.schema import Question, Questionnaire, Section


class EditError(ValueError):
    pass


def slug(text: str, *, max_words: int = 4) -> str:
    """A valid XLSForm-style name from free text ("Wat vindt u?" → "wat_vindt_u")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain)[:max_words]
    name = "_".join(words) or "vraag"
    return f"v_{name}" if name[0].isdigit() else name[:40]


def unique_name(base: str, taken: set[str]) -> str:
    name, counter = base, 2
    while name in taken:
        name = f"{base}_{counter}"
        counter += 1
    return name


def _copy(questionnaire: Questionnaire) -> Questionnaire:
    return copy.deepcopy(questionnaire)


def _locate(questionnaire: Questionnaire, name: str) -> tuple[Section, int]:
    for section in questionnaire.sections:
        for index, question in enumerate(section.questions):
            if question.name == name:
                return section, index
    raise EditError(f"no question named {name!r}")


def add_section(questionnaire: Questionnaire, title: str) -> Questionnaire:
    result = _copy(questionnaire)
    taken = {section.name for section in result.sections}
    result.sections.append(Section(name=unique_name(slug(title) or "deel", taken), title=title))
    return result


def add_question(
    questionnaire: Questionnaire, section_name: str, question: Question
) -> Questionnaire:
    result = _copy(questionnaire)
    if result.question(question.name) is not None:
        raise EditError(f"a question named {question.name!r} already exists")
    section = next((s for s in result.sections if s.name == section_name), None)
    if section is None:
        if not result.sections:
            result.sections.append(Section(name="deel_1"))
        section = result.sections[-1]
    section.questions.append(question)
    return result


def replace_question(questionnaire: Questionnaire, name: str, question: Question) -> Questionnaire:
    result = _copy(questionnaire)
    section, index = _locate(result, name)
    section.questions[index] = question
    if question.name != name:
        for other in result.questions():
            for condition in other.show_if:
                if condition.question == name:
                    condition.question = question.name
    return result


def remove_question(questionnaire: Questionnaire, name: str) -> Questionnaire:
    dependants = [
        q.name for q in questionnaire.questions() if any(c.question == name for c in q.show_if)
    ]
    if dependants:
        raise EditError(", ".join(dependants))
    result = _copy(questionnaire)
    section, index = _locate(result, name)
    del section.questions[index]
    return result


def move_question(questionnaire: Questionnaire, name: str, step: int) -> Questionnaire:
    """Move one place up (-1) or down (+1), across section borders too."""
    result = _copy(questionnaire)
    order = [(s_index, q.name) for s_index, s in enumerate(result.sections) for q in s.questions]
    position = next(i for i, (_s, q_name) in enumerate(order) if q_name == name)
    target = position + step
    if not 0 <= target < len(order):
        return result
    section, index = _locate(result, name)
    question = section.questions.pop(index)
    target_section_index, _target_name = order[target]
    target_section = result.sections[target_section_index]
    if target_section is section:
        section.questions.insert(index + step, question)
    else:
        # Crossing a section border: the question lands at its near end.
        insert_at = len(target_section.questions) if step < 0 else 0
        target_section.questions.insert(insert_at, question)
    return result


def move_to_section(questionnaire: Questionnaire, name: str, section_name: str) -> Questionnaire:
    """Put a question at the end of another section (validation checks the order)."""
    result = _copy(questionnaire)
    section, index = _locate(result, name)
    target = next((s for s in result.sections if s.name == section_name), None)
    if target is None or target is section:
        return result
    target.questions.append(section.questions.pop(index))
    return result
