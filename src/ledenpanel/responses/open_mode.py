"""The open link: a public answering page for non-members (e.g. voters).

A panel with ``open_link`` gets a random slug when it opens
(:func:`open_slug_assign`); ``/o/<slug>/`` shows the same questionnaire. The
answerer has no invitation. Their browser gets a random secret in a signed,
HttpOnly, SameSite=Lax cookie scoped to the panel's path; the secret works
like a link token: it finds and encrypts their draft (under the panel's
answer key) and its receipt lets one browser submit once. Envelopes are
flagged ``is_open`` and carry no background.

Abuse limits, none of which stores an address:

- at most ``settings.OPEN_RATE`` (env ``LEDENPANEL_OPEN_RATE``) new browsers
  and as many submissions per client address per hour, counted in Django's
  cache under an HMAC of the address (key derived from ``SECRET_KEY``), never
  the address itself;
- a honeypot field hidden from people (CSS, ``aria-hidden``, ``tabindex=-1``):
  a form that fills it is accepted but dropped, so a bot learns nothing;
- one response per browser (the cookie's receipt). Clearing cookies starts
  afresh, which the address limit bounds.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from ledenpanel.core import ratelimit
from ledenpanel.panels.models import Panel

logger = logging.getLogger(__name__)

COOKIE_NAME = "ledenpanel_open"
COOKIE_MAX_AGE = 120 * 24 * 60 * 60  # longer than any fieldwork period
HONEYPOT_FIELD = "website"
OPEN_TAG = "open:"  # keeps open secrets apart from every link token and code
RATE_WINDOW = 60 * 60
DEFAULT_RATE = 30


@transaction.atomic
def open_slug_assign(*, panel: Panel) -> str | None:
    """Give a panel with ``open_link`` its public slug (idempotent)."""
    if not panel.open_link:
        return None
    if not panel.open_slug:
        panel.open_slug = secrets.token_urlsafe(16)
        panel.save(update_fields=["open_slug"])
    return panel.open_slug


def open_panel_for_slug(slug: str) -> Panel | None:
    """The panel behind a public slug, whatever its state (closed shows "closed")."""
    return (
        Panel.objects.select_related("approved_version", "unit")
        .filter(open_link=True, open_slug=slug)
        .first()
    )


# --- The browser's secret -------------------------------------------------


def _cookie_path(panel: Panel) -> str:
    return reverse("responses:open_answer", kwargs={"slug": panel.open_slug})


def _cookie_salt(panel: Panel) -> str:
    return f"ledenpanel.open.{panel.open_slug}"


def browser_secret(request: HttpRequest, panel: Panel) -> str | None:
    """The secret this browser holds for the panel, if its cookie is genuine."""
    value = request.get_signed_cookie(
        COOKIE_NAME, default=None, salt=_cookie_salt(panel), max_age=COOKIE_MAX_AGE
    )
    if not isinstance(value, str) or not value.startswith(OPEN_TAG):
        return None
    return value


def new_browser_secret() -> str:
    return OPEN_TAG + secrets.token_urlsafe(32)


def remember_browser_secret(response: HttpResponse, panel: Panel, secret: str) -> None:
    """Set the signed, HttpOnly, SameSite=Lax cookie, scoped to the panel's path."""
    response.set_signed_cookie(
        COOKIE_NAME,
        secret,
        salt=_cookie_salt(panel),
        max_age=COOKIE_MAX_AGE,
        path=_cookie_path(panel),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# --- Rate limits ----------------------------------------------------------


def rate_limit() -> int:
    return int(getattr(settings, "OPEN_RATE", DEFAULT_RATE))


def rate_allows(request: HttpRequest, action: str) -> bool:
    """Count one ``action`` ("start" or "submit") for this address; False when over."""
    allowed = ratelimit.rate_allows(
        request, scope=f"open-{action}", limit=rate_limit(), window=RATE_WINDOW
    )
    if not allowed:
        logger.info("open link: %s refused by the address rate limit", action)
    return allowed


# --- Honeypot -------------------------------------------------------------


def honeypot_filled(data: Mapping[str, Any]) -> bool:
    """Whether a submitted form filled the hidden field no person sees."""
    value = data.get(HONEYPOT_FIELD)
    return isinstance(value, str) and value.strip() != ""
