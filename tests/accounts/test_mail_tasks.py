"""No password link in the task queue (issue 10, finding 8).

Staff invitation, 2FA-reset and forgotten-password mails carry a link that
sets the account's password, valid for three days. They used to be rendered
in the request and queued whole, so every task row (``DBTaskResult``) kept the
link in its arguments, in the database and in every backup, long after the
mail had gone. These tests queue the mails through the real database backend
and run the real worker, then read every row of the task table as text.
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from ledenpanel.accounts.models import User
from ledenpanel.accounts.services import user_invitation_send, user_second_factor_reset
from ledenpanel.core.email import deliver_email, email_queue
from ledenpanel.core.taskrows import MAIL_TASK_PATH
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Django's password-reset token: base36 timestamp, dash, hex HMAC.
TOKEN = re.compile(r"[0-9a-z]{1,13}-[0-9a-f]{20,}")
LINK = re.compile(r"https?://\S+/account/password/(\S+?)/(\S+?)/")


@task()
def not_a_mail() -> None:
    """A task that is no mail task: its finished row stays, as django-tasks keeps it."""


def _task_rows_as_text() -> str:
    """Every column of every task row (arguments, return value, traceback …)."""
    from django_tasks_db.models import DBTaskResult

    return json.dumps(list(DBTaskResult.objects.values()), default=str)


def _mail_rows() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path__regex=MAIL_TASK_PATH.pattern).count()


def _assert_no_password_link(text: str, user: User) -> None:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    assert f"/account/password/{uidb64}/" not in text
    user.refresh_from_db()
    valid = [t for t in TOKEN.findall(text) if default_token_generator.check_token(user, t)]
    assert valid == []


def _run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def _invited() -> User:
    user = UserFactory(email="nieuw@example.org", full_name="Nieuw Lid")
    user.set_unusable_password()
    user.save()
    return user


def test_it_never_stores_an_invitation_link_in_the_task_queue(database_queue, smtp_server):
    user = _invited()
    inviter = UserFactory(full_name="Bea Bestuur")

    with transaction.atomic():
        user_invitation_send(user=user, invited_by=inviter, role_description="bestuurder — Aa")

    queued = _task_rows_as_text()
    _assert_no_password_link(queued, user)
    assert "password_set_mail" in queued  # queued, not sent
    assert smtp_server.wait_for(1, timeout=0.3) == []

    _run_worker()

    [message] = smtp_server.wait_for(1)
    body = message.get_body(("plain",)).get_content()
    assert "Bea Bestuur heeft u toegevoegd aan Ledenpanel als bestuurder — Aa." in body
    link = LINK.search(body)
    assert link is not None
    user.refresh_from_db()
    assert default_token_generator.check_token(user, link.group(2))  # the mailed link works
    after = _task_rows_as_text()
    assert link.group(0) not in after
    assert link.group(2) not in after
    assert _mail_rows() == 0  # the finished mail task's row is gone


def test_it_never_stores_a_reset_link_after_a_lost_phone(database_queue, smtp_server):
    user = UserFactory(email="telefoon@example.org")

    with transaction.atomic():
        user_second_factor_reset(user=user)

    _assert_no_password_link(_task_rows_as_text(), user)
    _run_worker()
    [message] = smtp_server.wait_for(1)
    token = LINK.search(message.get_body(("plain",)).get_content()).group(2)
    assert token not in _task_rows_as_text()
    assert _mail_rows() == 0


def test_it_never_stores_a_forgotten_password_link(database_queue, smtp_server):
    user = UserFactory(email="vergeten@example.org")

    response = Client().post(reverse("accounts:password_reset"), {"email": user.email})

    assert response["Location"] == reverse("accounts:password_reset_sent")
    queued = _task_rows_as_text()
    _assert_no_password_link(queued, user)
    assert "password_reset_mail" in queued
    _run_worker()
    [message] = smtp_server.wait_for(1)
    assert message["Subject"] == "Nieuw wachtwoord voor Ledenpanel"
    link = LINK.search(message.get_content())
    user.refresh_from_db()
    assert default_token_generator.check_token(user, link.group(2))
    assert link.group(2) not in _task_rows_as_text()
    assert _mail_rows() == 0


def test_an_account_that_chose_a_password_meanwhile_gets_no_new_link(database_queue, smtp_server):
    """``add-staff --print-link``: the printed link was used before the worker ran."""
    user = _invited()
    with transaction.atomic():
        user_invitation_send(user=user, invited_by=None, role_description="coach — Aa")
    user.set_password("paarse olifant fietst 42")
    user.save()

    _run_worker()

    assert smtp_server.wait_for(1, timeout=0.3) == []
    assert _mail_rows() == 0


def test_finished_mail_rows_are_purged_and_other_tasks_kept(database_queue, smtp_server):
    from django_tasks_db.models import DBTaskResult

    deliver_email.enqueue(to="lid@example.org", subject="Hallo", text="Tekst")
    other = not_a_mail.enqueue()
    assert _mail_rows() == 1

    _run_worker()

    assert len(smtp_server.wait_for(1)) == 1
    assert _mail_rows() == 0
    assert DBTaskResult.objects.filter(pk=other.id).exists()


def test_a_failed_mail_task_is_purged_too(database_queue, settings):
    """SMTP down: the failure is logged by django-tasks; the row, with the address, goes."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    user = _invited()
    with transaction.atomic():
        user_invitation_send(user=user, invited_by=None, role_description="coach — Aa")

    _run_worker()

    assert _mail_rows() == 0
    assert "nieuw@example.org" not in _task_rows_as_text()


def test_a_rendered_mail_may_not_carry_a_link():
    with pytest.raises(ValueError, match="link"):
        email_queue(
            to="a@example.org",
            subject="x",
            template="accounts/email/invitation",
            context={"link": "https://example.org/account/password/x/y/"},
        )
