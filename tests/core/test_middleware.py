"""The health check and the language choice."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_the_health_check_answers_by_ip_over_http_in_production(settings):
    settings.ALLOWED_HOSTS = ["ledenpanel.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_other_pages_still_refuse_unknown_hosts(settings):
    settings.ALLOWED_HOSTS = ["ledenpanel.example.org"]
    assert Client().get(reverse("accounts:login"), HTTP_HOST="10.0.0.7").status_code == 400


@pytest.mark.django_db
def test_request_logs_never_hold_the_path(caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        Client().get("/p/secret-member-token-123/")
    assert caplog.records
    assert "secret-member-token" not in caplog.text
