"""Login with e-mail + password, then a TOTP code (set up on first login)."""

from __future__ import annotations

import base64

import django_otp
import segno
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from ledenpanel.accounts.decorators import second_factor_done, second_factor_url
from ledenpanel.accounts.forms import LoginForm, QueuedPasswordResetForm, TokenForm
from ledenpanel.accounts.mails import RESET_SUBJECT_TEMPLATE, RESET_TEMPLATE

NEXT_SESSION_KEY = "ledenpanel_next"
SETUP_DEVICE_SESSION_KEY = "ledenpanel_totp_setup"


def _next_url(request: HttpRequest) -> str:
    candidate = request.session.get(NEXT_SESSION_KEY, "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "site:home"


def login(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = auth.authenticate(
            request,
            email=form.cleaned_data["email"].lower(),
            password=form.cleaned_data["password"],
        )
        if user is not None:
            next_url = request.GET.get("next", "")
            auth.login(request, user)
            request.session[NEXT_SESSION_KEY] = next_url
            if second_factor_done(request):
                return redirect(_next_url(request))
            return redirect(second_factor_url(request))
        form.add_error(None, _("Deze combinatie van e-mailadres en wachtwoord kennen we niet."))
    return render(request, "accounts/login.html", {"form": form})


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Deze code klopt niet of is verlopen. Probeer de nieuwe code."))
    return render(request, "accounts/verify.html", {"form": form})


def _qr_data_uri(text: str) -> str:
    # A complete SVG document (with xmlns) as a data: URI: an <img> can show it
    # and the CSP needs no inline content.
    return segno.make(text, error="m").svg_data_uri(scale=5)


@login_required
def setup_totp(request: HttpRequest) -> HttpResponse:
    """First login: register an authenticator app before any staff page opens."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:verify")
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False, pk=request.session.get(SETUP_DEVICE_SESSION_KEY)
    ).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
        request.session[SETUP_DEVICE_SESSION_KEY] = device.pk
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session.pop(SETUP_DEVICE_SESSION_KEY, None)
            django_otp.login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/setup_totp.html",
        {
            "form": form,
            "qr": _qr_data_uri(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        },
    )


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth.logout(request)
    return redirect("accounts:login")


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Choose a password from an invitation or reset link (one use only)."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password_set_done")


class PasswordSetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_set_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a new link; the answer never says whether the address exists."""

    template_name = "accounts/password_reset.html"
    form_class = QueuedPasswordResetForm
    # The worker renders these (accounts/mails.py); named here for Django's form.
    email_template_name = RESET_TEMPLATE
    subject_template_name = RESET_SUBJECT_TEMPLATE
    success_url = reverse_lazy("accounts:password_reset_sent")

    @property
    def extra_email_context(self) -> dict[str, str]:  # type: ignore[override]
        return {"site_url": settings.SITE_URL}


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"
