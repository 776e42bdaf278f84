"""The builder's form for one question: only the fields its type uses."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ledenpanel.kernel.questionnaire.editing import slug, unique_name
from ledenpanel.kernel.questionnaire.schema import (
    CHOICE_TYPES,
    DONT_KNOW,
    SCALE_TYPES,
    Author,
    Condition,
    Operator,
    Option,
    Question,
    QuestionType,
    Statement,
    agree_options,
)

TYPE_LABELS = {
    QuestionType.SINGLE_CHOICE: _("Eén keuze"),
    QuestionType.MULTIPLE_CHOICE: _("Meerdere keuzes"),
    QuestionType.AGREE_SCALE: _("Stelling (eens–oneens)"),
    QuestionType.GRID: _("Reeks stellingen (eens–oneens)"),
    QuestionType.RATING: _("Rapportcijfer (0–10)"),
    QuestionType.RANKING: _("Rangorde"),
    QuestionType.POINTS: _("Punten verdelen"),
    QuestionType.NUMBER: _("Getal"),
    QuestionType.SHORT_TEXT: _("Kort open antwoord"),
    QuestionType.LONG_TEXT: _("Lang open antwoord"),
    QuestionType.INFO: _("Alleen tekst (uitleg)"),
}
TYPE_HELP = {
    QuestionType.SINGLE_CHOICE: _("Leden kiezen één antwoord uit een lijst."),
    QuestionType.MULTIPLE_CHOICE: _("Leden kiezen alle antwoorden die passen."),
    QuestionType.AGREE_SCALE: _(
        "Eén stelling op een schaal van helemaal oneens tot helemaal eens."
    ),
    QuestionType.GRID: _("Meerdere stellingen met dezelfde schaal, compact onder elkaar."),
    QuestionType.RATING: _("Een cijfer van 0 tot 10, zoals een rapportcijfer."),
    QuestionType.RANKING: _("Leden zetten de opties op volgorde van belang."),
    QuestionType.POINTS: _("Leden verdelen bijvoorbeeld 100 punten over de opties."),
    QuestionType.NUMBER: _("Een getal, met desgewenst een minimum en maximum."),
    QuestionType.SHORT_TEXT: _("Een paar woorden. Gebruik open vragen spaarzaam."),
    QuestionType.LONG_TEXT: _("Een toelichting in eigen woorden. Hooguit 2 à 3 per panel."),
    QuestionType.INFO: _("Uitleg tussen de vragen, zonder antwoord."),
}
OPERATOR_LABELS = [
    ("", _("altijd tonen")),
    (Operator.EQUALS.value, _("als het antwoord is")),
    (Operator.NOT_EQUALS.value, _("als het antwoord niet is")),
    (Operator.SELECTED.value, _("als is aangekruist")),
    (Operator.GREATER_THAN.value, _("als het getal groter is dan")),
    (Operator.LESS_THAN.value, _("als het getal kleiner is dan")),
    (Operator.ANSWERED.value, _("als de vraag is beantwoord")),
]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Vraag of stelling"), widget=forms.Textarea(attrs={"rows": 3}))
    hint = forms.CharField(label=_("Toelichting onder de vraag"), required=False)
    options = forms.CharField(
        label=_("Antwoordopties (één per regel)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    statements = forms.CharField(
        label=_("Stellingen (één per regel)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    scale_points = forms.TypedChoiceField(
        label=_("Schaal"),
        choices=[(5, _("5 punten")), (7, _("7 punten"))],
        coerce=int,
        initial=5,
        required=False,
    )
    dont_know = forms.BooleanField(
        label=_("Met ‘weet niet / geen mening’"), required=False, initial=True
    )
    points_total = forms.IntegerField(label=_("Te verdelen punten"), min_value=1, initial=100)
    minimum = forms.FloatField(label=_("Minimum"), required=False)
    maximum = forms.FloatField(label=_("Maximum"), required=False)
    randomize = forms.BooleanField(label=_("Opties in willekeurige volgorde tonen"), required=False)
    required = forms.BooleanField(label=_("Antwoord verplicht"), required=False, initial=True)
    rationale = forms.CharField(
        label=_("Waarom stellen we deze vraag?"),
        help_text=_("Leden lezen dit bij ‘Wie stelt deze vraag en waarom?’."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    author_name = forms.CharField(label=_("Gesteld door (naam)"), max_length=200)
    author_role = forms.CharField(label=_("Rol"), max_length=100, required=False)
    author_unit = forms.CharField(label=_("Namens"), max_length=200, required=False)
    show_if_question = forms.ChoiceField(label=_("Alleen tonen na vraag"), required=False)
    show_if_operator = forms.ChoiceField(
        label=_("Voorwaarde"), choices=OPERATOR_LABELS, required=False
    )
    show_if_value = forms.CharField(
        label=_("Waarde"),
        required=False,
        help_text=_("Het antwoord waar het om gaat, zoals het in de vraag staat."),
    )
    section = forms.ChoiceField(label=_("Onderdeel"))

    def __init__(
        self,
        *args: Any,
        question_type: QuestionType,
        earlier: list[Question],
        sections: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.question_type = question_type
        self.earlier = {question.name: question for question in earlier}
        source = self.earlier.get(str(self.initial.get("show_if_question", "")))
        if source is not None:  # show the answer as members read it, not its code
            for option in source.options:
                if option.name == self.initial.get("show_if_value"):
                    self.initial["show_if_value"] = option.label
        self.fields["show_if_question"].choices = [("", "—")] + [
            (q.name, q.label[:80]) for q in earlier if q.type != QuestionType.INFO
        ]
        self.fields["section"].choices = sections
        points = self.initial.get("scale_points") if self.initial else None
        if points and points not in (5, 7) and "scale_points" in self.fields:
            self.fields["scale_points"].choices = [
                *self.fields["scale_points"].choices,
                (points, _("%(points)s punten (eigen schaal)") % {"points": points}),
            ]
        keep = self._fields_for(question_type)
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    @staticmethod
    def _fields_for(kind: QuestionType) -> set[str]:
        common = {"label", "hint", "section", "author_name", "author_role", "author_unit"}
        if kind == QuestionType.INFO:
            return common
        fields = common | {
            "required",
            "rationale",
            "show_if_question",
            "show_if_operator",
            "show_if_value",
        }
        if kind in SCALE_TYPES:
            fields |= {"scale_points", "dont_know"}
        if kind == QuestionType.GRID:
            fields |= {"statements", "randomize"}
        if kind in CHOICE_TYPES - SCALE_TYPES:
            fields |= {"options", "randomize"}
        if kind == QuestionType.POINTS:
            fields |= {"points_total"}
        if kind == QuestionType.NUMBER:
            fields |= {"minimum", "maximum"}
        return fields

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = self.question_type
        if kind in CHOICE_TYPES - SCALE_TYPES and len(_lines(data.get("options", ""))) < 2:
            self.add_error("options", _("Geef minstens twee antwoordopties, elk op een regel."))
        if kind == QuestionType.GRID and not _lines(data.get("statements", "")):
            self.add_error("statements", _("Geef minstens één stelling."))
        if data.get("show_if_question") and not data.get("show_if_operator"):
            self.add_error("show_if_operator", _("Kies een voorwaarde."))
        self._resolve_show_if_value(data)
        return data

    def _resolve_show_if_value(self, data: dict[str, Any]) -> None:
        """Accept an answer's label (or its code) and store its code."""
        source = self.earlier.get(data.get("show_if_question", ""))
        operator = data.get("show_if_operator")
        if (
            source is None
            or not source.options
            or operator
            not in {
                Operator.EQUALS,
                Operator.NOT_EQUALS,
                Operator.SELECTED,
            }
        ):
            return
        typed = data.get("show_if_value", "").strip().casefold()
        for option in source.options:
            if typed in {option.name.casefold(), option.label.casefold()}:
                data["show_if_value"] = option.name
                return
        self.add_error(
            "show_if_value",
            _("Kies een van de antwoorden: %(options)s.")
            % {"options": ", ".join(option.label for option in source.options)},
        )

    @classmethod
    def initial_for(cls, question: Question, section_name: str) -> dict[str, Any]:
        condition = question.show_if[0] if question.show_if else None
        opinion = question.answer_options
        return {
            "label": question.label,
            "hint": question.hint,
            "options": "\n".join(option.label for option in question.options),
            "statements": "\n".join(statement.label for statement in question.statements),
            "scale_points": len(opinion) if question.type in SCALE_TYPES else 5,
            "dont_know": question.has_dont_know,
            "points_total": question.points_total,
            "minimum": question.minimum,
            "maximum": question.maximum,
            "randomize": question.randomize,
            "required": question.required,
            "rationale": question.rationale,
            "author_name": question.author.name if question.author else "",
            "author_role": question.author.role if question.author else "",
            "author_unit": question.author.unit if question.author else "",
            "show_if_question": condition.question if condition else "",
            "show_if_operator": condition.operator.value if condition else "",
            "show_if_value": condition.value if condition else "",
            "section": section_name,
        }

    def to_question(
        self, *, name: str | None, taken: set[str], existing: Question | None = None
    ) -> Question:
        """The question as entered.

        Editing keeps what the form does not show (translations, further
        show-if conditions, a scale's own wording) and keeps the names of
        options whose label stayed the same, so conditions on them still hold.
        """
        data = self.cleaned_data
        kind = self.question_type
        question = copy.deepcopy(existing) if existing else Question(name="", type=kind, label="")
        question.name = name or unique_name(slug(data["label"]), taken)
        question.type = kind
        question.label = data["label"].strip()
        question.hint = data.get("hint", "").strip()
        question.required = bool(data.get("required", False)) and kind != QuestionType.INFO
        question.rationale = data.get("rationale", "").strip()
        question.author = Author(
            data["author_name"].strip(),
            data.get("author_role", "").strip(),
            data.get("author_unit", "").strip(),
        )
        question.randomize = bool(data.get("randomize"))
        if kind in SCALE_TYPES:
            points = data.get("scale_points") or 5
            dont_know = bool(data.get("dont_know"))
            unchanged = existing is not None and (
                len(existing.answer_options) == points and existing.has_dont_know == dont_know
            )
            if not unchanged:
                question.options = agree_options(points, dont_know=dont_know)
        elif kind in CHOICE_TYPES:
            previous = existing.options if existing else []
            question.options = _options(_lines(data["options"]), previous=previous)
        if kind == QuestionType.GRID:
            previous_statements = {s.label: s.name for s in existing.statements} if existing else {}
            names: set[str] = set()
            question.statements = []
            for label in _lines(data["statements"]):
                statement_name = previous_statements.get(label) or unique_name(
                    slug(label, max_words=3), names | set(previous_statements.values())
                )
                names.add(statement_name)
                question.statements.append(Statement(statement_name, label))
        if kind == QuestionType.POINTS:
            question.points_total = data["points_total"]
        if kind == QuestionType.NUMBER:
            question.minimum, question.maximum = data.get("minimum"), data.get("maximum")
        if "show_if_question" in data:
            first = (
                [
                    Condition(
                        data["show_if_question"],
                        Operator(data["show_if_operator"]),
                        data.get("show_if_value", "").strip(),
                    )
                ]
                if data.get("show_if_question")
                else []
            )
            question.show_if = first + question.show_if[1:]
        return question


def _options(labels: list[str], *, previous: list[Option] = ()) -> list[Option]:
    """Options from labels; a "weet niet / geen mening" line is marked as such.

    An option whose label is unchanged keeps its name (and translations).
    """
    by_label = {option.label: option for option in previous}
    options: list[Option] = []
    names: set[str] = {option.name for option in previous}
    for label in labels:
        if label in by_label:
            options.append(copy.deepcopy(by_label.pop(label)))
            continue
        dont_know = label.casefold().startswith(("weet niet", "geen mening", "don't know"))
        name = DONT_KNOW[0] if dont_know else unique_name(slug(label, max_words=3), names)
        names.add(name)
        options.append(Option(name, label, dont_know=dont_know))
    return options


def draft_question(kind: QuestionType, data: Mapping[str, str]) -> Question:
    """A half-written question, for checking wording while the author types."""
    question = Question(
        name="nieuw",
        type=kind,
        label=data.get("label", "").strip(),
        hint=data.get("hint", "").strip(),
        rationale=data.get("rationale", "").strip(),
        author=Author(data["author_name"].strip()) if data.get("author_name", "").strip() else None,
    )
    if kind in SCALE_TYPES:
        points = 7 if data.get("scale_points") == "7" else 5
        question.options = agree_options(points, dont_know=bool(data.get("dont_know")))
    elif kind in CHOICE_TYPES:
        question.options = _options(_lines(data.get("options", "")))
    if kind == QuestionType.GRID:
        question.statements = [
            Statement(f"s{index}", label)
            for index, label in enumerate(_lines(data.get("statements", "")))
        ]
    return question
