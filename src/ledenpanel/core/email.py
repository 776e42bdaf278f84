"""Sending one templated e-mail (plain text + HTML) through the configured SMTP."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise


def email_send(
    *, to: str, subject: str | Promise, template: str, context: dict[str, Any], language: str = "nl"
) -> None:
    """Render ``<template>.txt`` and ``<template>.html`` and send them to ``to``.

    Callers inside a transaction send through ``transaction.on_commit`` so a
    rolled-back change never mails anybody.
    """
    context = {**context, "site_url": settings.SITE_URL}
    with translation.override(language):
        subject = str(subject)
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
