"""URLs of the measures app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import publish, views

app_name = "measures"
urlpatterns = [
    path("staff/", views.dashboard, name="dashboard"),
    path("staff/plans/", views.plan_list, name="plan_list"),
    path("staff/plans/<int:year>/", views.plan_detail, name="plan_detail"),
    path("staff/plans/<int:year>/publish/", publish.plan_publish, name="plan_publish"),
]
