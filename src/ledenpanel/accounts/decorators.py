"""Access to staff pages: a password *and* a second factor."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_otp.plugins.otp_totp.models import TOTPDevice

View = Callable[..., HttpResponse]


def second_factor_done(request: HttpRequest) -> bool:
    """Whether this session passed 2FA (demo logins skip it in demo mode only)."""
    user = request.user
    if settings.DEMO_MODE and getattr(user, "is_demo", False):
        return True
    # Right after auth.login() the request's user is a fresh object without
    # the OTP middleware's is_verified(): such a session is not verified yet.
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def second_factor_url(request: HttpRequest) -> str:
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    return "accounts:verify" if has_device else "accounts:setup_totp"


def staff_required(view: View) -> View:
    """Require a logged-in staff account that passed two-factor authentication."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not second_factor_done(request):
            return redirect(second_factor_url(request))
        return view(request, *args, **kwargs)

    return wrapper
