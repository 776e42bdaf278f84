"""Inviting: the letters pages for the board and opting out."""

from django.urls import path

from ledenpanel.invitations import letter_views
from ledenpanel.invitations import views as opt_out_views

app_name = "invitations"
urlpatterns = [
    path("afmelden/<str:secret>/", opt_out_views.opt_out, name="opt_out"),
    path("panels/<uuid:panel_id>/letters/", letter_views.letter_list, name="letters"),
    path(
        "panels/<uuid:panel_id>/letters/resume/",
        letter_views.letter_resume,
        name="letters_resume",
    ),
    path(
        "panels/<uuid:panel_id>/letters/<int:sequence>/<slug:kind>-<int:number>.pdf",
        letter_views.letter_download,
        name="letter_download",
    ),
]
