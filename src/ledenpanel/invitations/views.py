"""Opting out of a panel's mail: the link in every invitation and reminder.

The page answers the personal link token, like the answering page, and
works after close too (only the verifier key is needed). Mail clients also
POST here without a page (RFC 8058 one-click: body
``List-Unsubscribe=One-Click``); such a POST carries no CSRF token, so the
view is exempt from CSRF and acts only on a verified secret.

Only link tokens are accepted, never letter codes: opt-out links are only
ever mailed, letters carry none, and a found letter code (45 bits, where a
link token has 128) would name the panel and opt the member out of every
panel. Unknown tokens count against the same per-address guess limit as
``/code/`` and ``/p/…/``, before any lookup (docs/security.md).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ledenpanel.core import ratelimit
from ledenpanel.invitations import crypto
from ledenpanel.invitations.outbox import invitation_opt_out
from ledenpanel.invitations.selectors import invitation_for_secret


@csrf_exempt
@require_http_methods(["GET", "POST"])
def opt_out(request: HttpRequest, secret: str) -> HttpResponse:
    if not crypto.is_link_token(secret):
        # Not the shape of anything we mail: no lookup, so nothing to count.
        raise Http404
    guess = ratelimit.count_guess(request)
    if guess is None:
        return _private(render(request, "core/too_many_guesses.html", status=429))
    invitation = invitation_for_secret(secret=secret)
    if invitation is None:
        raise Http404
    # A member's own link is not a guess (one-click POSTs arrive from the
    # mail providers' few addresses on behalf of many members).
    guess.refund()
    done = ""
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        choice = "panel" if one_click else request.POST.get("choice", "")
        if choice in {"panel", "all"}:
            invitation_opt_out(invitation=invitation, everything=choice == "all")
            done = choice
    response = render(
        request,
        "invitations/opt_out.html",
        {
            "panel": invitation.panel,
            "invitation": invitation,
            "member": invitation.member,
            "done": done,
        },
    )
    return _private(response)


def _private(response: HttpResponse) -> HttpResponse:
    # The URL holds the member's token: keep it out of caches and referrers.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
