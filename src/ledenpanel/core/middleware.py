from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from csp.constants import HEADER as CSP_HEADER
from csp.constants import HEADER_REPORT_ONLY as CSP_HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    """Dutch unless the visitor chose another language with the language switch.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    many Dutch members run an English browser, and the party's interface is
    Dutch by default.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class HealthCheckMiddleware:
    """Answer ``/healthz`` before host validation and HTTPS redirects.

    Load balancers and `ledenpanel serve`'s readiness probe call it by IP
    address over plain HTTP, which ALLOWED_HOSTS and SECURE_SSL_REDIRECT would
    otherwise refuse. It reveals nothing but whether the database answers.
    """

    PATH = "/healthz"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != self.PATH:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            return HttpResponse("database unavailable", status=503, content_type="text/plain")
        return HttpResponse("ok", content_type="text/plain")


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with the header built once per process.

    django-csp builds the policy string from the settings on every response;
    it only differs when a view changes it (``csp_update`` and friends) or a
    template asks for a nonce. Those responses still go through django-csp;
    every other response gets the header text built once for the settings.
    """

    _built: ClassVar[dict[str, tuple[str, str]]] = {}

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _CSP_RESPONSE_ATTRIBUTES
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        policy_ro = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None) or {}
        key = repr((policy, policy_ro))  # settings can change (tests): part of the key
        built = self._built.get(key)
        if built is None:
            if len(self._built) > 16:
                self._built.clear()
            built = self._built[key] = (build_policy(), build_policy(report_only=True))
        for (header, value), config, exempt in (
            ((CSP_HEADER, built[0]), policy, "_csp_exempt"),
            ((CSP_HEADER_REPORT_ONLY, built[1]), policy_ro, "_csp_exempt_ro"),
        ):
            prefixes = tuple(config.get("EXCLUDE_URL_PREFIXES", None) or ())
            if (
                value
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(prefixes)
            ):
                response[header] = value
        # As django-csp does: a nonce asked for after the header was written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


_CSP_RESPONSE_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
