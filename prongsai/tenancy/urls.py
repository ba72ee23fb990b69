"""URLs of the tenancy app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path  # noqa: F401

app_name = "tenancy"
urlpatterns: list = []
