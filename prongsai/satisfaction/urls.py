"""URLs of the satisfaction app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import views

app_name = "satisfaction"
urlpatterns = [
    path("satisfaction/surveys/<int:pk>/", views.survey, name="survey"),
    path("satisfaction/results/", views.results, name="results"),
    path("satisfaction/results/<int:year>/", views.results, name="results_year"),
    path("staff/satisfaction/", views.staff_surveys, name="staff_surveys"),
    path("staff/satisfaction/surveys/<int:pk>/", views.staff_survey, name="staff_survey"),
    path("staff/satisfaction/surveys/<int:pk>/responses/<int:response_pk>/", views.moderate, name="moderate"),
]
