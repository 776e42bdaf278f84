"""Inviting: the run pages for the board, opting out, and the public open link."""

from django.urls import path

from ledenpanel.invitations import monitor_views
from ledenpanel.invitations import views as opt_out_views

app_name = "invitations"
urlpatterns: list = []
urlpatterns += [
    path("panels/<uuid:panel_id>/monitor/", monitor_views.monitor_page, name="monitor"),
    path(
        "panels/<uuid:panel_id>/monitor/progress/",
        monitor_views.monitor_progress,
        name="monitor_progress",
    ),
]

urlpatterns += [
    path("afmelden/<str:secret>/", opt_out_views.opt_out, name="opt_out"),
]

from ledenpanel.invitations import letter_views  # noqa: E402

urlpatterns += [
    path("panels/<uuid:panel_id>/open/", letter_views.open_confirm, name="open_confirm"),
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
