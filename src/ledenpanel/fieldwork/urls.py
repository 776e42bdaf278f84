from django.urls import path

from ledenpanel.fieldwork import views

app_name = "fieldwork"
urlpatterns = [
    path("panels/<uuid:panel_id>/open/", views.open_confirm, name="open_confirm"),
    path("panels/<uuid:panel_id>/monitor/", views.monitor_page, name="monitor"),
    path(
        "panels/<uuid:panel_id>/monitor/progress/",
        views.monitor_progress,
        name="monitor_progress",
    ),
]
