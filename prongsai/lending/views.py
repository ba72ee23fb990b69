"""Lending pages: the public registry, a month calendar per item (a plain table, no script),
the request form, the booking status and the procedure with its flowchart; staff queues,
approval, hand-over and return, the registry and the procedure editor."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.complaints.fields import apply_errors as _apply_errors
from prongsai.core.antiabuse import IdempotencyConflict, client_ip, rate_limited
from prongsai.tenancy.access import Role, get_owned, staff_view

from . import selectors, services
from .flowchart import flowchart_svg
from .forms import (
    BookingFields,
    BookingForm,
    ConditionForm,
    DecisionForm,
    ItemForm,
    PhotoForm,
    ProcedureForm,
    steps_as_text,
)
from .models import Booking, ItemPhoto, LendableItem

ITEM_MANAGERS = (Role.ADMIN, Role.COORDINATOR, Role.DEPARTMENT_STAFF)
REQUEST_LIMIT = (10, 3600)


def _month(request, today: dt.date) -> tuple[int, int]:
    value = request.GET.get("month", "")
    try:
        year, month = (int(p) for p in value.split("-"))
        if 2000 <= year <= 2200 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


def _procedure_context(organization) -> dict:
    procedure = selectors.procedure_for(organization=organization) or services.procedure_default(organization)
    # flowchart_svg escapes every text it draws, so the markup is safe to embed.
    svg = flowchart_svg(procedure.steps, title=procedure.title, thai_digits=organization.thai_digits)
    return {"procedure": procedure, "flowchart": mark_safe(svg)}


# --- public -----------------------------------------------------------------------------


def item_list(request, org_slug):
    return render(request, "lending/item_list.html", {
        "items": selectors.public_items(organization=request.organization),
    })


def procedure(request, org_slug):
    return render(request, "lending/procedure.html", _procedure_context(request.organization))


@require_http_methods(["GET", "POST"])
def item_detail(request, org_slug, pk):
    org = request.organization
    item = get_owned(selectors.public_items(organization=org), request, pk=pk)
    today = timezone.localdate()
    form = None
    if item.public:
        # Bound on every POST, even an empty one (an empty QueryDict is falsy: unbound → no cleaned_data → 500).
        form = BookingForm(request.POST if request.method == "POST" else None, item=item)
        if request.method == "POST":
            limit, window = REQUEST_LIMIT
            if rate_limited(organization=org, bucket="lending-request", ident=client_ip(request), limit=limit, window=window):
                return render(request, "complaints/limited.html", status=429)
            if form.is_valid():
                if form.is_bot:
                    return render(request, "complaints/thanks.html")
                try:
                    receipt = services.booking_request(item=item, data=form.cleaned_data, key=form.idempotency_key)
                except ValidationError as exc:
                    _apply_errors(form, exc)
                except IdempotencyConflict:
                    form.add_error(None, _("แบบฟอร์มนี้ถูกส่งไปแล้วด้วยข้อมูลอื่น กรุณาโหลดหน้าใหม่"))
                else:
                    return redirect("lending:booking_status", org_slug=org_slug, code=receipt["code"])
    elif request.method == "POST":
        raise Http404
    year, month = _month(request, today)
    if request.method == "POST" and form is not None and form.cleaned_data.get("start_date"):
        year, month = form.cleaned_data["start_date"].year, form.cleaned_data["start_date"].month
    return render(request, "lending/item_detail.html", {
        "item": item, "form": form, "cal": selectors.month_calendar(item=item, year=year, month=month, today=today),
        "today": today,
    }, status=400 if form is not None and form.errors else 200)


def booking_status(request, org_slug, code):
    booking = get_owned(Booking.objects.select_related("item"), request, code=code)
    return render(request, "lending/booking_status.html", {"booking": booking, "today": timezone.localdate()})


# --- staff ------------------------------------------------------------------------------


@staff_view()
def staff_bookings(request, org_slug):
    view = request.GET.get("view", "mine")
    if view not in ("mine", "active", "overdue", "all"):
        view = "mine"
    today = timezone.localdate()
    return render(request, "lending/staff/bookings.html", {
        "bookings": selectors.staff_bookings(organization=request.organization, view=view, user=request.user, today=today),
        "view": view, "today": today,
    })


@staff_view()
def staff_booking(request, org_slug, pk):
    booking = get_owned(Booking.objects.select_related("item__responsible__user", "item__second_approver__user"),
                        request, pk=pk)
    approver = booking.item.approver_for(booking.step)
    return render(request, "lending/staff/booking_detail.html", {
        "booking": booking, "decisions": booking.decisions.select_related("approver"),
        "can_decide": booking.status == Booking.Status.PENDING and approver is not None and approver.user_id == request.user.pk,
        "can_keep": booking.item.responsible.user_id == request.user.pk or request.membership.is_admin,
        "decision_form": DecisionForm(), "condition_form": ConditionForm(), "today": timezone.localdate(),
    })


def _booking_action(request, org_slug, pk, action):
    booking = get_owned(Booking.objects.select_related("item__responsible__user", "item__second_approver__user"),
                        request, pk=pk)
    form = DecisionForm(request.POST) if action == "decide" else ConditionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("lending:staff_booking", org_slug=org_slug, pk=booking.pk)
    data = form.cleaned_data
    try:
        if action == "decide":
            services.booking_decide(booking=booking, acting_user=request.user, approve=data["decision"] == "approve",
                                    note=data["note"])
        elif action == "hand_over":
            services.booking_hand_over(booking=booking, acting_user=request.user, membership=request.membership,
                                       condition=data["condition"])
        elif action == "return":
            services.booking_return(booking=booking, acting_user=request.user, membership=request.membership,
                                    condition=data["condition"], damaged=data["damaged"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("บันทึกแล้ว"))
    return redirect("lending:staff_booking", org_slug=org_slug, pk=booking.pk)


@require_POST
@staff_view()
def booking_decide(request, org_slug, pk):
    return _booking_action(request, org_slug, pk, "decide")


@require_POST
@staff_view()
def booking_hand_over(request, org_slug, pk):
    return _booking_action(request, org_slug, pk, "hand_over")


@require_POST
@staff_view()
def booking_return(request, org_slug, pk):
    return _booking_action(request, org_slug, pk, "return")


@require_POST
@staff_view()
def booking_cancel(request, org_slug, pk):
    booking = get_owned(Booking.objects.select_related("item__responsible"), request, pk=pk)
    try:
        services.booking_cancel(booking=booking, acting_user=request.user, membership=request.membership,
                                note=request.POST.get("note", "")[:500])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("ยกเลิกคำขอแล้ว"))
    return redirect("lending:staff_booking", org_slug=org_slug, pk=booking.pk)


@staff_view()
def staff_items(request, org_slug):
    return render(request, "lending/staff/items.html", {"items": selectors.staff_items(organization=request.organization)})


def _require_item_manager(request, item: LendableItem | None) -> None:
    role = request.membership.role
    if role not in ITEM_MANAGERS:
        raise PermissionDenied(_("บทบาทของคุณไม่มีสิทธิ์แก้ไขทะเบียนครุภัณฑ์/สถานที่"))
    if role == Role.DEPARTMENT_STAFF and item is not None and item.pk and item.department_id != request.membership.department_id:
        raise PermissionDenied(_("แก้ไขได้เฉพาะรายการของส่วนราชการของท่าน"))


@staff_view(*ITEM_MANAGERS)
def item_edit(request, org_slug, pk=None):
    org = request.organization
    item = get_owned(LendableItem, request, pk=pk) if pk else LendableItem(organization=org)
    _require_item_manager(request, item)
    initial = {"department": request.membership.department} if not pk else None
    form = ItemForm(request.POST or None, instance=item, organization=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        if request.membership.role == Role.DEPARTMENT_STAFF and form.cleaned_data["department"] != request.membership.department:
            form.add_error("department", _("เลือกได้เฉพาะส่วนราชการของท่าน"))
        else:
            try:
                item = services.item_save(item=item, acting_user=request.user, data=form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("บันทึกแล้ว"))
                return redirect("lending:item_edit", org_slug=org_slug, pk=item.pk)
    return render(request, "lending/staff/item_form.html", {
        "form": form, "item": item, "photo_form": PhotoForm(), "photos": item.photos.all() if item.pk else [],
    }, status=400 if form.errors else 200)


@require_POST
@staff_view(*ITEM_MANAGERS)
def photo_add(request, org_slug, pk):
    item = get_owned(LendableItem, request, pk=pk)
    _require_item_manager(request, item)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        data, ext = form.cleaned_data["image"]
        services.photo_add(item=item, acting_user=request.user, data=data, ext=ext, alt=form.cleaned_data["alt"])
        messages.success(request, _("เพิ่มรูปภาพแล้ว"))
        return redirect("lending:item_edit", org_slug=org_slug, pk=item.pk)
    return render(request, "lending/staff/item_form.html", {
        "form": ItemForm(instance=item, organization=request.organization), "item": item, "photo_form": form,
        "photos": item.photos.all(),
    }, status=400)


@require_POST
@staff_view(*ITEM_MANAGERS)
def photo_remove(request, org_slug, pk, photo_pk):
    item = get_owned(LendableItem, request, pk=pk)
    _require_item_manager(request, item)
    photo = get_owned(ItemPhoto.objects.filter(item=item), request, pk=photo_pk)
    services.photo_remove(photo=photo, acting_user=request.user)
    messages.success(request, _("ลบรูปภาพแล้ว"))
    return redirect("lending:item_edit", org_slug=org_slug, pk=item.pk)


@staff_view(Role.ADMIN, Role.COORDINATOR, Role.DEPARTMENT_STAFF, Role.EXECUTIVE)
def staff_book(request, org_slug, pk):
    """A staff member books an item (for a meeting, or on behalf of a citizen at the counter)."""
    item = get_owned(LendableItem, request, pk=pk)
    form = BookingFields(request.POST or None, item=item, initial={
        "borrower_name": request.user.display_name})
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.booking_request(item=item, data=form.cleaned_data, requested_by=request.user)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            booking = Booking.objects.get(organization=request.organization, code=receipt["code"])
            messages.success(request, _("บันทึกคำขอแล้ว"))
            return redirect("lending:staff_booking", org_slug=org_slug, pk=booking.pk)
    today = timezone.localdate()
    year, month = _month(request, today)
    return render(request, "lending/staff/book.html", {
        "item": item, "form": form, "cal": selectors.month_calendar(item=item, year=year, month=month, today=today),
    }, status=400 if form.errors else 200)


@staff_view(Role.ADMIN, Role.COORDINATOR)
def procedure_edit(request, org_slug):
    org = request.organization
    context = _procedure_context(org)
    current = context["procedure"]
    form = ProcedureForm(request.POST or None, initial={"title": current.title, "intro": current.intro,
                                                        "steps": steps_as_text(current.steps)})
    if request.method == "POST" and form.is_valid():
        services.procedure_save(organization=org, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("บันทึกขั้นตอนแล้ว"))
        return redirect("lending:procedure_edit", org_slug=org_slug)
    return render(request, "lending/staff/procedure_form.html", {**context, "form": form},
                  status=400 if form.errors else 200)
