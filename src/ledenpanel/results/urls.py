from django.urls import path

from ledenpanel.results import report_views, slice_views, views

app_name = "results"
urlpatterns = [
    path("panels/<uuid:panel_id>/analyse/", views.analysis_report, name="analysis"),
    path("panels/<uuid:panel_id>/analyse.json", views.analysis_json, name="analysis_json"),
    path("panels/<uuid:panel_id>/analyse.pdf", views.analysis_pdf, name="analysis_pdf"),
    path("panels/<uuid:panel_id>/antwoorden.csv", views.responses_csv, name="responses_csv"),
    path("panels/<uuid:panel_id>/antwoorden.xlsx", views.responses_xlsx, name="responses_xlsx"),
    path("panels/<uuid:panel_id>/antwoorden.sav", views.responses_sav, name="responses_sav"),
    path("panels/<uuid:panel_id>/codeboek.csv", views.codebook_csv, name="codebook_csv"),
    path(
        "panels/<uuid:panel_id>/exports/open-antwoorden/",
        views.export_open_answers,
        name="export_open_answers",
    ),
    path("panels/<uuid:panel_id>/verslag/", report_views.report_edit, name="report_edit"),
    path(
        "panels/<uuid:panel_id>/uitslag/publiceren/",
        report_views.results_publish,
        name="results_publish",
    ),
    path(
        "panels/<uuid:panel_id>/uitslag/openbaar/",
        report_views.publication_public,
        name="publication_public",
    ),
    path(
        "panels/<uuid:panel_id>/deelresultaten/",
        slice_views.slices_overview_page,
        name="slices_overview",
    ),
    path(
        "panels/<uuid:panel_id>/deelresultaat/<uuid:unit_id>/",
        slice_views.slice_page,
        name="slice",
    ),
    path(
        "panels/<uuid:panel_id>/deelresultaat/<uuid:unit_id>/publiceren/",
        slice_views.slice_publish_view,
        name="slice_publish",
    ),
    path(
        "uitslag/openbaar/<uuid:panel_id>/<uuid:unit_id>/",
        slice_views.slice_public,
        name="slice_public",
    ),
]
