"""The one-time link to choose a password (invitation, 2FA reset, forgotten password)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ledenpanel.accounts.models import User


def password_set_parts(*, user: User) -> tuple[str, str]:
    """``(uidb64, token)`` of a fresh link for ``user``.

    Django's token covers the password hash and last login, so setting a
    password or logging in invalidates every earlier link.
    """
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


def password_set_url(*, user: User) -> str:
    """A one-time link to choose a password; it stops working once used.

    Built where it is used (the mail task, ``add-staff --print-link``), never
    stored: the link is valid for ``PASSWORD_RESET_TIMEOUT`` (three days).
    """
    uidb64, token = password_set_parts(user=user)
    path = reverse("accounts:password_set", kwargs={"uidb64": uidb64, "token": token})
    return f"{settings.SITE_URL}{path}"
