"""Answering pages with nothing of the answerer's on them, rendered once per process.

Most answering pages a member sees are new to them: no answer of theirs, no
error, no message. Such a page is the same for every member of the panel but
for two things, so it is rendered once per process (a "shell", in the local
``template_fragments`` cache) with a mark in their place, and each request
puts its own values in:

- the CSRF token, different in every response;
- the page's own address, in the language switch (it holds the member's link
  token: never shared between members).

The shell renders with a stand-in for the request that knows only its address,
and no messages, user or assisting volunteer can be on a shared page
(:func:`shareable`). A test renders the same page fresh and from the shell for
another member and compares them, so anything per-request that base.html gains
later shows up there rather than in a member's browser.

Approved questionnaire versions never change; the key names the version (id
and creation time), the page, the language and the panel's title and unit.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import escape

# Letters and digits only: autoescaping leaves them as they are.
CSRF_MARK = f"csrfmark{secrets.token_hex(12)}"
ADDRESS_MARK = f"addressmark{secrets.token_hex(12)}"
SHELL_SECONDS = 24 * 60 * 60


class _Address:
    """The request as a shell sees it: its address, as a mark, and nothing else."""

    def get_full_path(self) -> str:
        return ADDRESS_MARK


def shareable(request: HttpRequest, *, assisting: bool) -> bool:
    """Whether nothing but the page itself would be on it for this request."""
    return (
        not assisting
        and not request.user.is_authenticated
        and len(get_messages(request)) == 0  # counts without consuming them
    )


def render_shared(
    request: HttpRequest, template: str, context: dict[str, Any], *, key: tuple
) -> HttpResponse:
    """``template`` for ``context`` (the same for everyone under ``key``), with
    this request's CSRF token and address put in."""
    name = "answer-shell:" + hashlib.sha256(repr(key).encode()).hexdigest()
    cache = caches["template_fragments"]
    shell = cache.get(name)
    if shell is None:
        stand_ins = {"csrf_token": CSRF_MARK, "request": _Address(), "messages": ()}
        shell = render_to_string(template, {**context, **stand_ins}, request)
        cache.set(name, shell, SHELL_SECONDS)
    html = shell.replace(CSRF_MARK, get_token(request)).replace(
        ADDRESS_MARK, escape(request.get_full_path())
    )
    return HttpResponse(html)
