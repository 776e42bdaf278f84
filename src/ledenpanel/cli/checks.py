"""Start-up checks that stop an unsafe production server."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_insecure_production() -> None:
    """Refuse to serve with the public demo key outside `ledenpanel demo`."""
    if settings.DEMO_MODE:
        return
    if settings.SECRET_KEY == settings.DEMO_SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: production refuses the public demo key. "
            "Set SECRET_KEY to a long random value, e.g. "
            '`python3 -c "import secrets; print(secrets.token_urlsafe(50))"`.'
        )
    if not settings.ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is empty: set it to the host names the site is served on, "
            "comma-separated (e.g. ALLOWED_HOSTS=ledenpanel.example.org)."
        )
