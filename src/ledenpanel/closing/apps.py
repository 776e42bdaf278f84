from django.apps import AppConfig


class ClosingConfig(AppConfig):
    name = "ledenpanel.closing"
    label = "closing"
