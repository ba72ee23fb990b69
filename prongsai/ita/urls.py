"""URLs of the ita app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import views

app_name = "ita"
urlpatterns = [
    path("staff/ita/", views.result_list, name="result_list"),
    path("staff/ita/<int:year>/", views.result_detail, name="result_detail"),
    path("staff/ita/<int:year>/edit/", views.result_edit, name="result_edit"),
    path("staff/ita/<int:year>/import/", views.result_import, name="result_import"),
    path("staff/ita/<int:year>/template.<str:fmt>", views.result_template, name="result_template"),
]
