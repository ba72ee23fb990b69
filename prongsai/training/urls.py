from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("staff/registers/", views.overview, name="overview"),
    path("staff/registers/<str:kind>/", views.record_list, name="record_list"),
    path("staff/registers/<str:kind>/new/", views.record_edit, name="record_create"),
    path("staff/registers/<str:kind>/<int:pk>/", views.record_detail, name="record_detail"),
    path("staff/registers/<str:kind>/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("staff/registers/<str:kind>/<int:pk>/evidence/", views.attach_evidence, name="attach_evidence"),
    path("staff/registers/courses/<int:pk>/attendance/", views.course_attendance, name="course_attendance"),
    path("staff/registers/courses/<int:pk>/certificate/", views.course_certificate, name="course_certificate"),
    path("hr-announcements/", views.public_hr, name="public_hr"),
    path("property-rules/", views.public_property, name="public_property"),
]
