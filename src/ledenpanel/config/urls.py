from django.urls import include, path

urlpatterns = [
    path("", include("ledenpanel.core.urls")),
    path("account/", include("ledenpanel.accounts.urls")),
    path("", include("ledenpanel.organisations.urls")),
    path("", include("ledenpanel.panels.urls")),
    path("", include("ledenpanel.responses.urls")),
    path("", include("ledenpanel.invitations.urls")),
]
