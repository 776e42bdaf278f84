from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "ledenpanel.panels"
    label = "panels"
