from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from ledenpanel.organisations.selectors import user_is_coordinator


def site(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "demo_mode": settings.DEMO_MODE,
        "is_coordinator": bool(user is not None and user_is_coordinator(user=user)),
    }
