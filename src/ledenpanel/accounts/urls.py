from django.urls import path

from ledenpanel.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("login/code/", views.verify, name="verify"),
    path("2fa/setup/", views.setup_totp, name="setup_totp"),
    path("logout/", views.logout, name="logout"),
    path("password/forgot/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/sent/", views.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path("password/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password_set"),
    path("password/done/", views.PasswordSetDoneView.as_view(), name="password_set_done"),
]
