from django.urls import path

from ledenpanel.results import report_views, views

app_name = "results"
urlpatterns = [
    path("panels/<uuid:panel_id>/analyse/", views.analysis_report, name="analysis"),
    path("panels/<uuid:panel_id>/analyse.json", views.analysis_json, name="analysis_json"),
    path("panels/<uuid:panel_id>/analyse.pdf", views.analysis_pdf, name="analysis_pdf"),
    path("panels/<uuid:panel_id>/antwoorden.csv", views.responses_csv, name="responses_csv"),
    path("panels/<uuid:panel_id>/verslag/", report_views.report_edit, name="report_edit"),
]
