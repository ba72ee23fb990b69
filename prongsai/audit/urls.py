"""URLs of the audit app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("staff/audit/", views.trail, name="trail"),
]
