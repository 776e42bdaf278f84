from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ledenpanel.core"
    label = "core"
