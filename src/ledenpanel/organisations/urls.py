from django.urls import path

from ledenpanel.organisations import views

app_name = "organisations"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/<uuid:unit_id>/", views.unit_detail, name="unit_detail"),
    path("units/<uuid:unit_id>/members/", views.member_list, name="member_list"),
    path("units/<uuid:unit_id>/people/", views.unit_people, name="unit_people"),
    path("roles/<uuid:role_id>/remove/", views.role_remove, name="role_remove"),
    path("members/<uuid:member_id>/", views.member_detail, name="member_detail"),
    path("roster/units/", views.import_units, name="import_units"),
    path("roster/members/", views.import_members, name="import_members"),
]
