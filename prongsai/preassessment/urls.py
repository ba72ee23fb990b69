from django.urls import path

from . import views

app_name = "preassessment"
urlpatterns = [
    path("staff/preassessment/", views.survey_list, name="survey_list"),
    path("staff/preassessment/new/", views.survey_create, name="survey_create"),
    path("staff/preassessment/<int:pk>/", views.survey_detail, name="survey_detail"),
    path("staff/preassessment/<int:pk>/status/", views.survey_status, name="survey_status"),
    path("staff/preassessment/<int:pk>/codes/", views.survey_codes, name="survey_codes"),
    path("staff/preassessment/<int:pk>/results/", views.survey_results, name="survey_results"),
    path("staff/preassessment/<int:pk>/results/add-issue/<int:number>/", views.add_issue, name="add_issue"),
    path("survey/iit/<int:pk>/", views.answer_iit, name="answer_iit"),
    path("survey/eit/<str:token>/", views.answer_eit, name="answer_eit"),
]
