from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "ledenpanel.responses"
    label = "responses"
