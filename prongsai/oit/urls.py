"""URLs of the oit app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import views

app_name = "oit"
urlpatterns = [
    path("oit/", views.index_current, name="index_current"),
    path("oit/<int:year>/", views.index, name="index"),
    path("oit/<int:year>/print/", views.index_print, name="print"),
    path("oit/<int:year>/itas/", views.index_itas, name="itas"),
    path("oit/<int:year>/oit.<str:fmt>", views.export, name="export"),
    path("staff/oit/", views.check_current, name="check_current"),
    path("staff/oit/<int:year>/", views.check, name="check"),
    path("staff/oit/<int:year>/items/<str:code>/note/", views.note_edit, name="note_edit"),
    path("staff/oit/<int:year>/items/<str:code>/issue/", views.make_issue, name="make_issue"),
]
