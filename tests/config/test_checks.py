"""The WSGI entry point refuses an unsafe production configuration."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from ledenpanel.cli.checks import refuse_insecure_production


def test_it_refuses_the_demo_key_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    settings.SECRET_KEY = settings.DEMO_SECRET_KEY
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        refuse_insecure_production()


def test_it_accepts_the_demo_key_in_demo_mode(settings):
    settings.DEMO_MODE = True
    settings.SECRET_KEY = settings.DEMO_SECRET_KEY
    refuse_insecure_production()


def test_it_refuses_an_empty_host_list(settings):
    settings.DEMO_MODE = False
    settings.SECRET_KEY = "a-real-secret-" + "x" * 40
    settings.ALLOWED_HOSTS = []
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        refuse_insecure_production()


def test_it_accepts_a_real_configuration(settings):
    settings.DEMO_MODE = False
    settings.SECRET_KEY = "a-real-secret-" + "x" * 40
    settings.ALLOWED_HOSTS = ["ledenpanel.example.org"]
    refuse_insecure_production()
