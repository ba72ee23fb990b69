"""URLs of the search app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("search/", views.search, name="search"),
]
