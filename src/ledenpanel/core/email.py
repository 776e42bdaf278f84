"""E-mail: queued after the commit, rendered and delivered by the background worker.

A slow or failing mail server never breaks a page or rolls back a change:
the message is queued after the transaction commits and the worker delivers
it (django-tasks, database queue).

**A task row is a copy in the database, and in every backup.** Its arguments
(``DBTaskResult.args_kwargs``) stay in the row after the task has run. So:

* A mail that carries a secret (a link to choose a password) is a **mail
  task** of its own that gets only ids and builds the secret when it runs
  (``accounts/mails.py``): the token and the link exist in the worker's memory
  and in the mail, never in the database.
* :func:`email_queue` renders in the request and queues the finished text
  (:func:`deliver_email`); it is for mail without secrets only, and refuses a
  context that holds a ``link`` or ``token``.
* The row of every mail task (:func:`mail_task`) is deleted as soon as it has
  finished, successfully or not (``core/taskrows.py``), so addresses
  and texts do not pile up in the queue table and its backups. A failure is
  still logged by django-tasks (task id and path, with the exception).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django_tasks import task
from django_tasks.base import Task

from ledenpanel.core.taskrows import MAIL_TASK_PATH

P = ParamSpec("P")
T = TypeVar("T")

# Context names that would put a secret into a task row through email_queue().
_SECRET_CONTEXT = frozenset({"link", "token", "uid", "uidb64", "password", "url"})


def mail_task(func: Callable[P, T]) -> Task[P, T]:
    """A django-tasks task that sends mail; its row is deleted once it has finished.

    Give it ids, never a token, link or rendered body with a secret in it: the
    arguments are stored in the queue table until the task has run.
    """
    registered = task()(func)
    if not MAIL_TASK_PATH.match(registered.module_path):
        raise ImproperlyConfigured(
            f"mail task {registered.module_path} must be defined in a module named 'mails'"
        )
    return registered


def email_render(*, template: str, context: dict[str, Any]) -> tuple[str, str]:
    """``<template>.txt`` and ``<template>.html`` in the active language."""
    context = {**context, "site_url": settings.SITE_URL}
    return render_to_string(f"{template}.txt", context), render_to_string(
        f"{template}.html", context
    )


def email_send(*, to: str, subject: str, text: str, html: str = "") -> None:
    """Send one message now (inside a task: the worker, or inline in tests)."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@mail_task
def deliver_email(*, to: str, subject: str, text: str, html: str = "") -> None:
    """Deliver a message rendered in the request. Never for a message with a secret."""
    email_send(to=to, subject=subject, text=text, html=html)


def email_queue(*, to: str, subject: str | Promise, template: str, context: dict[str, Any]) -> None:
    """Render ``<template>.txt`` and ``.html`` now; deliver after the commit.

    Rendering happens in the current language and transaction, so the mail
    says what the page just did; nothing is sent if the change rolls back.
    The rendered text waits in the task row until the worker has sent it, so
    a mail with a link that logs someone in or sets a password must be a
    :func:`mail_task` of its own that builds the link when it runs.
    """
    secret = sorted(_SECRET_CONTEXT & context.keys())
    if secret:
        raise ValueError(
            f"email_queue() would store {', '.join(secret)} in the task queue; "
            "send this mail from a mail_task that builds it from ids"
        )
    text, html = email_render(template=template, context=context)
    subject = str(subject)
    transaction.on_commit(
        lambda: deliver_email.enqueue(to=to, subject=subject, text=text, html=html)
    )
