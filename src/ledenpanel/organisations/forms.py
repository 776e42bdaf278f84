from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ledenpanel.organisations.models import RoleKind

ROSTER_EXTENSIONS = (".csv", ".xlsx", ".txt")


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV (komma of puntkomma) of Excel (.xlsx, eerste werkblad)."),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if not uploaded.name.lower().endswith(ROSTER_EXTENSIONS):
            raise forms.ValidationError(
                _("Kies een .csv- of .xlsx-bestand; dit bestand heeft een andere extensie.")
            )
        return uploaded


class MemberRosterUploadForm(RosterUploadForm):
    full = forms.BooleanField(
        label=_("Dit bestand is het volledige ledenbestand"),
        help_text=_(
            "Leden die niet in het bestand staan, worden dan gemarkeerd als oud-lid. "
            "Hun gegevens blijven bewaard."
        ),
        required=False,
    )


class MemberSearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)


class StaffAddForm(forms.Form):
    full_name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(label=_("E-mailadres"))
    kind = forms.ChoiceField(label=_("Rol"))

    def __init__(self, *args, kinds: list[RoleKind], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
