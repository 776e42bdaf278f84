"""The results for members, and the board's answer."""

from django.urls import path

from ledenpanel.followup import views

app_name = "followup"
urlpatterns = [
    path("uitslag/openbaar/<uuid:panel_id>/", views.public_results, name="public_results"),
    path("uitslag/<str:secret>/", views.member_results, name="member_results"),
    path("eenheid/<uuid:unit_id>/uitslagen/", views.unit_overview, name="unit_overview"),
    path(
        "panels/<uuid:panel_id>/uitslag-leden/",
        views.member_results_preview,
        name="member_results_preview",
    ),
    path("panels/<uuid:panel_id>/reactie/", views.answer_edit, name="answer_edit"),
]
