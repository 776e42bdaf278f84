from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from ledenpanel.accounts.models import User
from ledenpanel.core.email import email_queue


@transaction.atomic
def user_create(*, email: str, full_name: str, password: str | None, is_demo: bool = False) -> User:
    """Create a staff account. Without a password it can't log in until one is set."""
    return User.objects.create_user(
        email=email, password=password, full_name=full_name, is_demo=is_demo
    )


def password_set_url(*, user: User) -> str:
    """A one-time link to choose a password; it stops working once used.

    Django's token covers the password hash and last login, so setting a
    password or logging in invalidates every earlier link.
    """
    path = reverse(
        "accounts:password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def user_invitation_send(*, user: User, invited_by: User | None, role_description: str) -> None:
    """E-mail a new staff member the link to choose a password (after the commit).

    ``invited_by`` is None when the party office adds someone from the command line.
    """
    email_queue(
        to=user.email,
        subject=_("Uw account voor Ledenpanel"),
        template="accounts/email/invitation",
        context={
            "user": user,
            "inviter": invited_by.full_name if invited_by else _("Het partijbureau"),
            "role_description": role_description,
            "link": password_set_url(user=user),
            "valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
        },
    )


@transaction.atomic
def user_second_factor_reset(*, user: User) -> None:
    """For a lost phone: remove the authenticator and require a new password.

    The person proves access to their mailbox again through the e-mailed link,
    chooses a password and enrols a new authenticator at the next login.
    """
    TOTPDevice.objects.filter(user=user).delete()
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user_invitation_send(
        user=user, invited_by=None, role_description=_("medewerker (opnieuw ingesteld)")
    )
