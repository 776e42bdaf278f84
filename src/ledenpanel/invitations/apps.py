from django.apps import AppConfig


class InvitationsConfig(AppConfig):
    name = "ledenpanel.invitations"
    label = "invitations"
