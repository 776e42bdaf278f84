from django.urls import path

from ledenpanel.responses import views

app_name = "responses"
urlpatterns = [
    path("code/", views.enter_code, name="enter_code"),
    path("p/<str:secret>/", views.answer, name="answer"),
]
