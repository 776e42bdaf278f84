from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "ledenpanel.organisations"
    label = "organisations"
