from django.urls import path

from ledenpanel.responses import analysis_views, assisted, views

app_name = "responses"
urlpatterns = [
    path("code/", views.enter_code, name="enter_code"),
    path("p/<str:secret>/", views.answer, name="answer"),
    path("o/<str:slug>/", views.open_answer, name="open_answer"),
    path("panels/<uuid:panel_id>/assisted/", assisted.assisted_start, name="assisted_start"),
    path("panels/<uuid:panel_id>/assisted/stop/", assisted.assisted_stop, name="assisted_stop"),
    path("panels/<uuid:panel_id>/analyse/", analysis_views.analysis_report, name="analysis"),
    path("panels/<uuid:panel_id>/analyse.json", analysis_views.analysis_json, name="analysis_json"),
    path("panels/<uuid:panel_id>/analyse.pdf", analysis_views.analysis_pdf, name="analysis_pdf"),
    path(
        "panels/<uuid:panel_id>/antwoorden.csv",
        analysis_views.responses_csv,
        name="responses_csv",
    ),
]
