from django.urls import path

from ledenpanel.panels import views

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
    path("request/", views.request_new, name="request_new"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/<uuid:request_id>/", views.request_detail, name="request_detail"),
    path("settings/panels/", views.party_settings, name="party_settings"),
]
