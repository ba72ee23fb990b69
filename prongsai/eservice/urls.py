"""URLs of the eservice app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import views

app_name = "eservice"
urlpatterns = [
    path("services/", views.service_list, name="service_list"),
    path("services/<int:pk>/", views.service_detail, name="service_detail"),
    path("eservice/types/<int:pk>/file/", views.request_new, name="request_new"),
    path("eservice/track/", views.track, name="track"),
    path("eservice/track/<str:code>/", views.request_status, name="request_status"),
    path("staff/eservice/", views.inbox, name="inbox"),
    path("staff/eservice/requests/<int:pk>/", views.request_detail, name="request_detail"),
]
urlpatterns += [
    path("eservice/statistics/", views.statistics, name="statistics"),
    path("eservice/statistics/<int:year>/", views.statistics, name="statistics_year"),
]
urlpatterns += [
    path("services/<int:pk>/qr/", views.qr_sheet, name="qr_sheet"),
    path("staff/services/", views.staff_services, name="staff_services"),
    path("staff/services/new/", views.service_edit, name="service_new"),
    path("staff/services/<int:pk>/edit/", views.service_edit, name="service_edit"),
]
urlpatterns += [
    path("staff/eservice/requests/<int:pk>/files/<int:att>/", views.attachment, name="attachment"),
    path("staff/eservice/types/", views.staff_types, name="staff_types"),
    path("staff/eservice/types/new/", views.type_edit, name="type_new"),
    path("staff/eservice/types/<int:pk>/edit/", views.type_edit, name="type_edit"),
]
