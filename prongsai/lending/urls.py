"""URLs of the lending app. Mounted under /<org_slug>/: staff pages start with "staff/"."""

from django.urls import path

from . import views

app_name = "lending"
urlpatterns = [
    path("lending/", views.item_list, name="item_list"),
    path("lending/procedure/", views.procedure, name="procedure"),
    path("lending/items/<int:pk>/", views.item_detail, name="item_detail"),
    path("lending/bookings/<str:code>/", views.booking_status, name="booking_status"),
    path("staff/lending/", views.staff_bookings, name="staff_bookings"),
    path("staff/lending/bookings/<int:pk>/", views.staff_booking, name="staff_booking"),
    path("staff/lending/bookings/<int:pk>/decide/", views.booking_decide, name="booking_decide"),
    path("staff/lending/bookings/<int:pk>/hand-over/", views.booking_hand_over, name="booking_hand_over"),
    path("staff/lending/bookings/<int:pk>/return/", views.booking_return, name="booking_return"),
    path("staff/lending/bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("staff/lending/items/", views.staff_items, name="staff_items"),
    path("staff/lending/items/new/", views.item_edit, name="item_new"),
    path("staff/lending/items/<int:pk>/", views.item_edit, name="item_edit"),
    path("staff/lending/items/<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("staff/lending/items/<int:pk>/photos/<int:photo_pk>/remove/", views.photo_remove, name="photo_remove"),
    path("staff/lending/items/<int:pk>/book/", views.staff_book, name="staff_book"),
    path("staff/lending/procedure/", views.procedure_edit, name="procedure_edit"),
]
