from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ledenpanel.organisations.models import RoleKind

# What the roster reader understands (see roster/reading.py).
ROSTER_EXTENSIONS = (".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".ods")
ROSTER_MAX_BYTES = 50 * 1024 * 1024


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV (komma of puntkomma) of Excel (.xlsx, eerste werkblad)."),
    )

    def clean_file(self) -> UploadedFile:
        uploaded: UploadedFile = self.cleaned_data["file"]
        if not (uploaded.name or "").lower().endswith(ROSTER_EXTENSIONS):
            raise forms.ValidationError(
                _("Kies een .csv- of .xlsx-bestand; dit bestand heeft een andere extensie.")
            )
        if (uploaded.size or 0) > ROSTER_MAX_BYTES:
            raise forms.ValidationError(
                _("Dit bestand is groter dan 50 MB; dat is geen ledenbestand.")
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

    def __init__(self, *args: Any, kinds: list[RoleKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
