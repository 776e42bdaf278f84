from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.i18n import set_language as django_set_language

from ledenpanel.accounts.decorators import staff_required
from ledenpanel.organisations import selectors
from ledenpanel.results.slices import slices_for_board


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "site/home.html",
        {
            "roles": selectors.role_list_for_user(user=request.user),
            "units": selectors.unit_list_for_user(user=request.user)[:50],
            "own_slices": slices_for_board(user=request.user),
        },
    )


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch (POST with CSRF), reachable without an account."""
    return django_set_language(request)
