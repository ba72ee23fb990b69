"""URLs of the measures app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import publish, views

app_name = "measures"
P = "staff/plans/<int:year>/"
R = P + "rounds/<int:number>/"
urlpatterns = [
    path("staff/", views.dashboard, name="dashboard"),
    path("staff/plans/", views.plan_list, name="plan_list"),
    path("staff/plans/new/", views.plan_create, name="plan_create"),
    path(P, views.plan_detail, name="plan_detail"),
    path(P + "settings/", views.plan_settings, name="plan_settings"),
    path(P + "issues/new/", views.issue_edit, name="issue_create"),
    path(P + "issues/<int:pk>/edit/", views.issue_edit, name="issue_edit"),
    path(P + "issues/<int:pk>/delete/", views.issue_delete, name="issue_delete"),
    path(P + "issues/<int:pk>/move/", views.issue_move, name="issue_move"),
    path(P + "issues/<int:pk>/methods/<int:position>/move/", views.method_move, name="method_move"),
    path(P + "rounds/", views.round_list, name="round_list"),
    path(P + "rounds/defaults/", views.rounds_defaults, name="rounds_defaults"),
    path(P + "rounds/new/", views.round_edit, name="round_create"),
    path(R, views.round_detail, name="round_detail"),
    path(R + "edit/", views.round_edit, name="round_edit"),
    path(R + "delete/", views.round_delete, name="round_delete"),
    path(R + "issues/<int:issue_pk>/", views.result_update, name="result_update"),
    path(R + "issues/<int:issue_pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("staff/evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("staff/evidence/<int:pk>/delete/", views.evidence_remove, name="evidence_remove"),
    path(P + "publish/", publish.plan_publish, name="plan_publish"),
]
