from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from ledenpanel.accounts.links import password_set_url
from ledenpanel.accounts.mails import current_language, password_set_mail
from ledenpanel.accounts.models import User

__all__ = ["password_set_url", "user_create", "user_invitation_send", "user_second_factor_reset"]


@transaction.atomic
def user_create(*, email: str, full_name: str, password: str | None, is_demo: bool = False) -> User:
    """Create a staff account. Without a password it can't log in until one is set."""
    return User.objects.create_user(
        email=email, password=password, full_name=full_name, is_demo=is_demo
    )


def user_invitation_send(*, user: User, invited_by: User | None, role_description: str) -> None:
    """E-mail a new staff member the link to choose a password (after the commit).

    ``invited_by`` is None when the party office adds someone from the command
    line. Only ids go into the queue: the worker makes the link when it sends
    the mail (``accounts/mails.py``), so no valid link is ever in the database.
    """
    user_id = user.pk
    inviter_id = invited_by.pk if invited_by else None
    role = str(role_description)  # in the language of the request, like the mail
    language = current_language()
    transaction.on_commit(
        lambda: password_set_mail.enqueue(
            user_id=user_id, inviter_id=inviter_id, role_description=role, language=language
        )
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
