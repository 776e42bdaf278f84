from django.urls import path

from ledenpanel.panels import builder_views, questionnaire_views, views

app_name = "panels"
urlpatterns = [
    path("panels/", views.panel_list, name="list"),
    path("panels/calendar/", views.calendar, name="calendar"),
    path("units/<uuid:unit_id>/panels/new/", views.panel_create, name="create"),
    path("units/<uuid:unit_id>/panel-settings/", views.unit_settings, name="unit_settings"),
    path("panels/<uuid:panel_id>/", views.panel_detail, name="detail"),
    path("panels/<uuid:panel_id>/plan/", views.panel_edit, name="edit"),
    path(
        "panels/<uuid:panel_id>/transition/<slug:action>/",
        views.panel_transition,
        name="transition",
    ),
    path("panels/<uuid:panel_id>/extend/", views.panel_extend, name="extend"),
    path("panels/<uuid:panel_id>/questions/", builder_views.builder, name="builder"),
    path("panels/<uuid:panel_id>/questions/new/", builder_views.question_add, name="question_add"),
    path(
        "panels/<uuid:panel_id>/questions/<slug:name>/",
        builder_views.question_edit,
        name="question_edit",
    ),
    path(
        "panels/<uuid:panel_id>/questions/<slug:name>/delete/",
        builder_views.question_delete,
        name="question_delete",
    ),
    path(
        "panels/<uuid:panel_id>/questions/<slug:name>/move/",
        builder_views.question_move,
        name="question_move",
    ),
    path(
        "panels/<uuid:panel_id>/questions/<slug:name>/comments/",
        builder_views.comment_add,
        name="comment_add",
    ),
    path(
        "comments/<uuid:comment_id>/resolve/",
        builder_views.comment_resolve,
        name="comment_resolve",
    ),
    path("panels/<uuid:panel_id>/sections/", builder_views.section_add, name="section_add"),
    path("panels/<uuid:panel_id>/lint/", builder_views.lint_fragment, name="lint"),
    path("panels/<uuid:panel_id>/preview/", questionnaire_views.preview, name="preview"),
    path("panels/<uuid:panel_id>/versions/", questionnaire_views.versions, name="versions"),
    path("panels/<uuid:panel_id>/templates/", questionnaire_views.library, name="library"),
    path(
        "panels/<uuid:panel_id>/xlsform.xlsx",
        questionnaire_views.xlsform_export,
        name="xlsform_export",
    ),
    path(
        "panels/<uuid:panel_id>/xlsform/",
        questionnaire_views.xlsform_import,
        name="xlsform_import",
    ),
    path("panels/<uuid:panel_id>/wording/", questionnaire_views.wording, name="wording"),
    path("panels/<uuid:panel_id>/test-send/", questionnaire_views.test_send, name="test_send"),
    path("guideline/", questionnaire_views.guideline, name="guideline"),
    path("request/", views.request_new, name="request_new"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/<uuid:request_id>/", views.request_detail, name="request_detail"),
    path("settings/panels/", views.party_settings, name="party_settings"),
]
