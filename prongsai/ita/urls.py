"""URLs of the ita app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path  # noqa: F401

app_name = "ita"
urlpatterns: list = []
