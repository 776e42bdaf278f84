from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "ledenpanel.results"
    label = "results"
