from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ledenpanel.accounts"
    label = "accounts"
