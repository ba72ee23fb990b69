"""URLs of the reports app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("reports/<int:pk>/document.<str:fmt>", views.public_file, name="public_file"),
    path("staff/reports/", views.document_list, name="list"),
    path("staff/reports/new/", views.document_new, name="new"),
    path("staff/reports/chain/", views.chain, name="chain"),
    path("staff/reports/check/", views.check_upload, name="check"),
    path("staff/reports/settings/", views.report_settings, name="settings"),
    path("staff/reports/settings/emblem.png", views.emblem, name="emblem"),
    path("staff/reports/templates/<str:kind>/", views.template_edit, name="template_edit"),
    path("staff/reports/<int:pk>/", views.document_detail, name="detail"),
    path("staff/reports/<int:pk>/preview.<str:fmt>", views.document_preview, name="preview"),
    path("staff/reports/<int:pk>/date/", views.document_date, name="date"),
    path("staff/reports/<int:pk>/submit/", views.document_submit, name="submit"),
    path("staff/reports/<int:pk>/decide/", views.document_decide, name="decide"),
    path("staff/reports/<int:pk>/issue/", views.document_issue, name="issue"),
    path("staff/reports/<int:pk>/new-version/", views.document_new_version, name="new_version"),
]
