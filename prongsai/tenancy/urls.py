"""URLs of the tenancy app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import views

app_name = "tenancy"
urlpatterns = [
    path("staff/settings/", views.profile, name="profile"),
    path("staff/settings/departments/", views.departments, name="departments"),
    path("staff/settings/departments/<int:pk>/", views.department_edit, name="department_edit"),
    path("staff/settings/departments/<int:pk>/delete/", views.department_delete, name="department_delete"),
    path("staff/settings/departments/<int:pk>/move/", views.department_move, name="department_move"),
    path("staff/settings/members/", views.members, name="members"),
    path("staff/settings/members/add/", views.member_add, name="member_add"),
    path("staff/settings/members/<int:pk>/", views.member_edit, name="member_edit"),
    path("staff/settings/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("staff/settings/log/", views.log, name="log"),
]
