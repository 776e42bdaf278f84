"""The root URLs: the site's own pages, then each app's."""

from django.urls import include, path

from ledenpanel.site import views

site_patterns = [
    path("", views.home, name="home"),
    path("language", views.set_language, name="set_language"),
]
urlpatterns = [
    path("", include((site_patterns, "site"))),
    path("account/", include("ledenpanel.accounts.urls")),
    path("", include("ledenpanel.organisations.urls")),
    path("", include("ledenpanel.panels.urls")),
    path("", include("ledenpanel.responses.urls")),
    path("", include("ledenpanel.invitations.urls")),
    path("", include("ledenpanel.results.urls")),
    path("", include("ledenpanel.followup.urls")),
    path("", include("ledenpanel.fieldwork.urls")),
]
