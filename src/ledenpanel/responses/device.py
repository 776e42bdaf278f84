"""The answering browser's device secret: what binds a member's drafts to their device.

A letter code is printed by whoever prints the letters, a link can be typed
in by a volunteer: a code alone must not open what a member saved, nor tell
whether they submitted (docs/anonymity.md §4, "Who holds a code"). So a
member's drafts and the note that they submitted are keyed with the code
*and* a random secret that only their browser holds, in an HttpOnly cookie
for the answering pages. Any other browser holding the same code has
another secret: it sees an empty questionnaire, whatever the member did.

The secret is random, not signed: a forged or altered value only finds an
empty draft of its own. Nothing in the database names it; it reaches the
database only through the keyed draft lookups.
"""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COOKIE_NAME = "ledenpanel_device"
COOKIE_PATH = "/p/"  # the members' answering pages (``responses:answer``)
# As long as browsers keep a cookie (Chromium caps at 400 days): longer than
# any fieldwork period, so "continue later" works on the same device.
COOKIE_MAX_AGE = 400 * 24 * 60 * 60
_SECRET = re.compile(r"[A-Za-z0-9_-]{43}")  # token_urlsafe(32)


def device_secret(request: HttpRequest) -> str | None:
    """This browser's device secret, if it sent a well-formed one."""
    value = request.COOKIES.get(COOKIE_NAME, "")
    return value if _SECRET.fullmatch(value) else None


def new_device_secret() -> str:
    return secrets.token_urlsafe(32)


def remember_device(response: HttpResponse, secret: str) -> None:
    """Set the HttpOnly, SameSite=Lax cookie for the answering pages."""
    response.set_cookie(
        COOKIE_NAME,
        secret,
        max_age=COOKIE_MAX_AGE,
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
