from django.urls import path

from ledenpanel.responses import assisted, views

app_name = "responses"
urlpatterns = [
    path("code/", views.enter_code, name="enter_code"),
    path("p/<str:secret>/", views.answer, name="answer"),
    path("o/<str:slug>/", views.open_answer, name="open_answer"),
    path("panels/<uuid:panel_id>/assisted/", assisted.assisted_start, name="assisted_start"),
    path("panels/<uuid:panel_id>/assisted/stop/", assisted.assisted_stop, name="assisted_stop"),
]
