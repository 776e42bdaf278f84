"""Staff mail with a password link, built by the worker from ids.

A link to choose a password logs its holder into an account that sees
panels, members' delivery status and, for coordinators, the whole party. It
is valid for three days. If the link were rendered in the request and queued
(as ``email_queue`` does), it would sit in the task row's arguments, in the
database and in every backup, for as long as the row lives. These tasks get
only ids: the token and the link are made when the task runs, go into the
mail and nowhere else, and the finished row is deleted
(``core.email.mail_task``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from ledenpanel.accounts.links import password_set_parts, password_set_url
from ledenpanel.accounts.models import User
from ledenpanel.core.email import email_render, email_send, mail_task

logger = logging.getLogger(__name__)

INVITATION_TEMPLATE = "accounts/email/invitation"
RESET_TEMPLATE = "accounts/email/password_reset.txt"
RESET_SUBJECT_TEMPLATE = "accounts/email/password_reset_subject.txt"


def current_language() -> str:
    """The language to write a queued mail in: the request's, else the site's."""
    return translation.get_language() or settings.LANGUAGE_CODE


@mail_task
def password_set_mail(
    *, user_id: int, inviter_id: int | None, role_description: str, language: str
) -> None:
    """The invitation to choose a password (a new staff member, or after a 2FA reset).

    Sent only while the account still has no usable password: if it chose one
    in the meantime (a link printed by ``add-staff --print-link``), a new link
    would be a reset nobody asked for.
    """
    user = User.objects.filter(pk=user_id).first()
    if user is None or user.has_usable_password():
        logger.info("password mail for user %s not sent: no account without a password", user_id)
        return
    inviter = User.objects.filter(pk=inviter_id).first() if inviter_id is not None else None
    with translation.override(language):
        text, html = email_render(
            template=INVITATION_TEMPLATE,
            context={
                "user": user,
                "inviter": inviter.full_name if inviter else _("Het partijbureau"),
                "role_description": role_description,
                "link": password_set_url(user=user),
                "valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
            },
        )
        subject = _("Uw account voor Ledenpanel")
    email_send(to=user.email, subject=subject, text=text, html=html)


@mail_task
def password_reset_mail(*, user_id: int, language: str) -> None:
    """The forgotten-password link, for an active account that has a password.

    The same accounts Django's reset form mails (``PasswordResetForm.get_users``),
    checked again when the mail is built.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        logger.info("reset mail for user %s not sent: no active account with a password", user_id)
        return
    uidb64, token = password_set_parts(user=user)
    context = {"user": user, "uid": uidb64, "token": token, "site_url": settings.SITE_URL}
    with translation.override(language):
        subject = "".join(render_to_string(RESET_SUBJECT_TEMPLATE, context).splitlines())
        text = render_to_string(RESET_TEMPLATE, context)
    email_send(to=user.email, subject=subject, text=text)
