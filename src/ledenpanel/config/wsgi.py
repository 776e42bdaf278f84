"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ledenpanel.config.settings")

from ledenpanel.cli.checks import refuse_insecure_production

application = get_wsgi_application()
refuse_insecure_production()
