from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ledenpanel.organisations.models import GROUP_KINDS, Unit
from ledenpanel.organisations.selectors import unit_descendant_ids
from ledenpanel.panels.models import (
    PLAN_FIELDS,
    Panel,
    PanelRequest,
    PartySettings,
    UnitPanelSettings,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DayListField(forms.CharField):
    """Whole days after opening, written as "5, 10"; cleaned to a sorted list."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(str(day) for day in value)
        return value

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        text = super().to_python(value)
        days = set()
        for part in text.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or not 1 <= int(part) <= 90:
                raise forms.ValidationError(
                    _("Schrijf hele dagen tussen 1 en 90, gescheiden door komma’s, zoals 5, 10.")
                )
            days.add(int(part))
        if len(days) > 3:
            raise forms.ValidationError(_("Hooguit drie herinneringen."))
        return sorted(days)


class PanelPlanForm(forms.ModelForm):
    reminder_days = DayListField(
        label=_("Herinneringen na (dagen)"),
        required=False,
        help_text=_(
            "Alleen aan leden die nog niet hebben geantwoord, bijvoorbeeld 5, 10. Leeg laten"
            " voor geen herinneringen."
        ),
    )

    class Meta:
        model = Panel
        fields = list(PLAN_FIELDS)
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "population_kind": forms.RadioSelect,
            "opens_on": DATE_WIDGET,
            "closes_on": DATE_WIDGET,
            "results_by": DATE_WIDGET,
            "response_by": DATE_WIDGET,
        }

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = Unit.objects.filter(
            id__in=unit_descendant_ids(unit_ids=[unit.id]), kind__in=GROUP_KINDS
        ).order_by("name")
        self.fields["population_group"].queryset = groups
        self.fields["population_group"].required = False
        self.fields["population_group"].help_text = _("Alleen bij ‘de leden van een netwerk’.")
        self.fields["sample_size"].help_text = _("Alleen bij een steekproef.")


class PanelRequestForm(forms.ModelForm):
    unit = forms.ModelChoiceField(
        label=_("Aan het bestuur van"),
        queryset=Unit.objects.exclude(kind__in=GROUP_KINDS).order_by("name"),
    )

    class Meta:
        model = PanelRequest
        fields = [
            "unit",
            "topic",
            "reason",
            "proposed_questions",
            "requester_kind",
            "requesters",
            "contact_email",
        ]
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 4}),
            "proposed_questions": forms.Textarea(attrs={"rows": 4}),
            "requesters": forms.Textarea(attrs={"rows": 2}),
            "requester_kind": forms.RadioSelect,
        }

    # A field no person sees: bots fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class RequestDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Toekennen")), ("reject", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Toelichting voor de aanvragers"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, criteria: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for index, text in enumerate(criteria):
            self.fields[f"criterion_{index}"] = forms.BooleanField(label=text, required=False)

    def assessment(self) -> dict[str, bool]:
        return {
            text: bool(self.cleaned_data.get(f"criterion_{index}"))
            for index, text in enumerate(self.criteria)
        }


class PartySettingsForm(forms.ModelForm):
    class Meta:
        model = PartySettings
        fields = [
            "invitation_cap",
            "invitation_cap_months",
            "coach_review_required",
            "letter_postage_cents",
        ]


class UnitPanelSettingsForm(forms.ModelForm):
    criteria = forms.CharField(
        label=_("Criteria voor aanvragen (één per regel)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Leeg laten voor de standaardcriteria van de partij."),
    )

    class Meta:
        model = UnitPanelSettings
        fields = ["coach_review_required", "share_results_with_siblings"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criteria"].initial = "\n".join(self.instance.request_criteria or [])

    def clean_criteria(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["criteria"].splitlines() if line.strip()]


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ExtendForm(forms.Form):
    closes_on = forms.DateField(label=_("Nieuwe sluitingsdatum"), widget=DATE_WIDGET)
