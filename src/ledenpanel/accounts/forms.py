from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ledenpanel.accounts.mails import current_language, password_reset_mail


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Code uit uw authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Vul de zes cijfers uit uw app in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "8"}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail built and delivered by the worker.

    Django hands ``send_mail`` a rendered context with the reset token in it;
    only the account's id is queued (``accounts/mails.py``), and the worker
    makes a new token when it sends, so no reset link is ever in the database.
    """

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user_id = context["user"].pk
        language = current_language()
        transaction.on_commit(
            lambda: password_reset_mail.enqueue(user_id=user_id, language=language)
        )
