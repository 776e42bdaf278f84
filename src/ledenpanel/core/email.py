"""E-mail: rendered in the request, delivered by the background worker.

A slow or failing mail server never breaks a page or rolls back a change:
the message is queued after the transaction commits and the worker delivers
it (django-tasks, database queue), retrying is the worker's job.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django_tasks import task


@task()
def deliver_email(*, to: str, subject: str, text: str, html: str = "") -> None:
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def email_queue(*, to: str, subject: str | Promise, template: str, context: dict[str, Any]) -> None:
    """Render ``<template>.txt`` and ``.html`` now; deliver after the commit.

    Rendering happens in the current language and transaction, so the mail
    says what the page just did; nothing is sent if the change rolls back.
    """
    context = {**context, "site_url": settings.SITE_URL}
    email_queue_rendered(
        to=to,
        subject=str(subject),
        text=render_to_string(f"{template}.txt", context),
        html=render_to_string(f"{template}.html", context),
    )


def email_queue_rendered(*, to: str, subject: str, text: str, html: str = "") -> None:
    transaction.on_commit(
        lambda: deliver_email.enqueue(to=to, subject=subject, text=text, html=html)
    )
