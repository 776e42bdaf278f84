from django.urls import path

from ledenpanel.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("login/code/", views.verify, name="verify"),
    path("2fa/setup/", views.setup_totp, name="setup_totp"),
    path("logout/", views.logout, name="logout"),
]
