"""Security headers and CSRF, from the first page on."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_it_sends_a_csp_without_inline_script():
    response = Client().get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_the_csp_built_once_is_django_csps_and_follows_the_settings(settings):
    from csp.decorators import csp_update
    from csp.utils import build_policy
    from django.http import HttpRequest, HttpResponse

    from ledenpanel.core.middleware import CSPMiddleware

    def respond(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    middleware = CSPMiddleware(respond)
    request = HttpRequest()
    request.path_info = "/"
    assert middleware(request)["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}
    response = middleware(request)
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Security-Policy-Report-Only"] == build_policy(report_only=True)
    assert "img-src 'self'" in response["Content-Security-Policy-Report-Only"]
    # A view's own change still goes through django-csp.
    changed = CSPMiddleware(csp_update({"img-src": ["data:"]})(respond))
    assert changed(request)["Content-Security-Policy"] == "default-src 'none'; img-src data:"


@pytest.mark.django_db
def test_it_sends_hsts_and_secure_cookies_in_production(settings):
    assert settings.HTTPS  # tests run with DEBUG off, as production does
    response = Client().get(reverse("accounts:login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.cookies["csrftoken"]["secure"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_it_refuses_a_post_without_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"email": "a@b.nl", "password": "x"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_every_page_links_its_stylesheet_from_our_own_origin():
    html = Client().get(reverse("accounts:login")).content.decode()
    assert '<link rel="stylesheet" href="/static/ledenpanel/app.css">' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/ledenpanel/vendor/htmx-2.0.11.min.js" defer>']
    assert "http://" not in html.replace("http://www.w3.org", "")


@pytest.mark.django_db
def test_it_speaks_dutch_by_default_and_english_on_request():
    client = Client()
    assert '<html lang="nl">' in client.get(reverse("accounts:login")).content.decode()
    client.post(reverse("site:set_language"), {"language": "en"})
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page


@pytest.mark.django_db
def test_it_serves_the_stylesheet_itself():
    response = Client().get("/static/ledenpanel/app.css")
    assert response.status_code == 200
    assert b"--brand" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_it_stays_dutch_for_an_english_browser_until_english_is_chosen():
    page = Client().get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in page.content.decode()
