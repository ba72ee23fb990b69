"""URLs of the complaints app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from .views import participation, public, staff

app_name = "complaints"
urlpatterns = [
    # Public: general complaints
    path("complaints/", public.home, name="home"),
    path("complaints/new/", public.complaint_new, name="complaint_new"),
    path("complaints/track/", public.complaint_track, name="complaint_track"),
    path("complaints/track/attach/", public.complaint_attachment, name="complaint_attachment"),
    # Public: corruption reports (a separate channel), the O27 guideline, O29 statistics
    path("corruption/report/", public.report_new, name="report_new"),
    path("corruption/track/", public.report_track, name="report_track"),
    path("corruption/track/evidence/", public.report_evidence, name="report_evidence"),
    path("corruption/guideline/", public.guideline, name="guideline"),
    path("corruption/statistics/", public.statistics, name="statistics"),
    path("corruption/statistics/<int:year>/", public.statistics, name="statistics_year"),
    # Public: opinions and participation (O30)
    path("participation/", participation.topic_list, name="topic_list"),
    path("participation/<int:pk>/", participation.topic_detail, name="topic_detail"),
    # Staff
    path("staff/complaints/", staff.complaint_inbox, name="complaint_inbox"),
    path("staff/complaints/<int:pk>/", staff.complaint_detail, name="complaint_detail"),
    path("staff/complaints/<int:pk>/files/<int:file_pk>/", staff.complaint_file, name="complaint_file"),
    path("staff/corruption/", staff.report_inbox, name="report_inbox"),
    path("staff/corruption/<int:pk>/", staff.report_detail, name="report_detail"),
    path("staff/corruption/<int:pk>/evidence/<int:evidence_pk>/", staff.report_evidence_file, name="report_evidence_file"),
    path("staff/corruption/officers/", staff.officers, name="officers"),
    path("staff/corruption/officers/<int:pk>/remove/", staff.officer_remove, name="officer_remove"),
    path("staff/corruption/access-log/", staff.access_log, name="access_log"),
    path("staff/corruption/guideline/", staff.guideline_edit, name="guideline_edit"),
    path("staff/participation/", participation.staff_topics, name="staff_topics"),
    path("staff/participation/new/", participation.topic_edit, name="topic_new"),
    path("staff/participation/<int:pk>/", participation.staff_topic, name="staff_topic"),
    path("staff/participation/<int:pk>/edit/", participation.topic_edit, name="topic_edit"),
    path("staff/participation/<int:pk>/comments/<int:comment_pk>/", participation.comment_moderate, name="comment_moderate"),
]
