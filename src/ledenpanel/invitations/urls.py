"""Inviting: the run pages for the board, opting out, and the public open link."""

from django.urls import path  # noqa: F401  (the paths are added below)

app_name = "invitations"
urlpatterns: list = []
