"""Organization admin pages (staff/settings/…): profile, departments, members and the log of
those changes. Organization admins only; other members get 403, outsiders 404."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from prongsai.complaints.fields import apply_errors

from . import selectors, services
from .access import Role, get_owned, staff_view
from .forms import DepartmentForm, MemberEditForm, MemberExistingForm, MemberNewForm, OrganizationForm
from .models import Department, Membership, Organization

ADMIN = (Role.ADMIN,)


@staff_view(*ADMIN)
def profile(request, org_slug):
    # A fresh copy: an invalid form must not leave bad values on request.organization.
    org = Organization.objects.get(pk=request.organization.pk)
    form = OrganizationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                organization=Organization.objects.get(pk=org.pk), acting_user=request.user,
                **{name: form.cleaned_data[name] for name in services.PROFILE_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกข้อมูลหน่วยงานแล้ว"))
            return redirect("tenancy:profile", org_slug=org_slug)
    return render(request, "tenancy/profile.html", {"form": form, "tab": "profile", "example_date": dt.date(2023, 3, 31)},
                  status=400 if form.errors else 200)


@staff_view(*ADMIN)
def departments(request, org_slug):
    org = request.organization
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dept = services.department_save(organization=org, acting_user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("เพิ่ม “%(name)s” แล้ว") % {"name": dept.name})
            return redirect("tenancy:departments", org_slug=org_slug)
    return render(request, "tenancy/departments.html", {
        "form": form, "departments": selectors.departments_with_counts(organization=org), "tab": "departments",
    }, status=400 if form.errors else 200)


@staff_view(*ADMIN)
def department_edit(request, org_slug, pk):
    org = request.organization
    dept = get_owned(Department, request, pk=pk)
    form = DepartmentForm(request.POST or None, initial={"name": dept.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.department_save(organization=org, acting_user=request.user, department=dept,
                                     name=form.cleaned_data["name"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("tenancy:departments", org_slug=org_slug)
    return render(request, "tenancy/department_edit.html", {
        "form": form, "department": dept, "blockers": services.department_blockers(dept), "tab": "departments",
    }, status=400 if form.errors else 200)


@require_POST
@staff_view(*ADMIN)
def department_delete(request, org_slug, pk):
    dept = get_owned(Department, request, pk=pk)
    try:
        services.department_delete(organization=request.organization, acting_user=request.user, department=dept)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("tenancy:department_edit", org_slug=org_slug, pk=dept.pk)
    messages.success(request, _("ลบ “%(name)s” แล้ว") % {"name": dept.name})
    return redirect("tenancy:departments", org_slug=org_slug)


@require_POST
@staff_view(*ADMIN)
def department_move(request, org_slug, pk):
    dept = get_owned(Department, request, pk=pk)
    direction = -1 if request.POST.get("direction") == "up" else 1
    services.department_move(organization=request.organization, acting_user=request.user, department=dept,
                             direction=direction)
    return redirect("tenancy:departments", org_slug=org_slug)


@staff_view(*ADMIN)
def members(request, org_slug):
    return render(request, "tenancy/members.html", {
        "members": selectors.members_of(organization=request.organization), "tab": "members",
    })


@never_cache
@staff_view(*ADMIN)
def member_add(request, org_slug):
    """Two forms: add an existing account, or create a new account whose generated password is
    shown on this response only (never stored in clear, never put in a URL or the session)."""
    org = request.organization
    action = request.POST.get("action") if request.method == "POST" else None
    existing = MemberExistingForm(request.POST if action == "existing" else None, organization=org, prefix="ex")
    new = MemberNewForm(request.POST if action == "new" else None, organization=org, prefix="new")
    if action == "existing" and existing.is_valid():
        data = existing.cleaned_data
        user = services.find_user(data["identifier"])
        if user is None:
            existing.add_error("identifier", _("ไม่พบบัญชีที่มีชื่อผู้ใช้หรืออีเมลนี้ กรุณาตรวจการสะกด "
                                               "หรือสร้างบัญชีใหม่ด้านล่าง"))
        else:
            try:
                services.membership_add(organization=org, acting_user=request.user, user=user, role=data["role"],
                                        department=data["department"], position_title=data["position_title"])
            except ValidationError as exc:
                apply_errors(existing, exc)
            else:
                messages.success(request, _("เพิ่ม %(name)s เป็นสมาชิกแล้ว") % {"name": user.display_name})
                return redirect("tenancy:members", org_slug=org_slug)
    elif action == "new" and new.is_valid():
        try:
            membership, password = services.membership_create_user(organization=org, acting_user=request.user,
                                                                   **new.cleaned_data)
        except ValidationError as exc:
            apply_errors(new, exc)
        else:
            return render(request, "tenancy/member_created.html", {
                "member": membership, "password": password, "tab": "members",
            })
    invalid = existing.errors or new.errors
    return render(request, "tenancy/member_add.html", {"existing": existing, "new": new, "tab": "members",
                                                       "action": action}, status=400 if invalid else 200)


@staff_view(*ADMIN)
def member_edit(request, org_slug, pk):
    org = request.organization
    member = get_owned(Membership.objects.select_related("user", "department"), request, pk=pk)
    form = MemberEditForm(request.POST or None, organization=org, initial={
        "role": member.role, "department": member.department_id, "position_title": member.position_title,
        "is_active": member.is_active,
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(organization=org, acting_user=request.user, membership=member,
                                       **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("tenancy:members", org_slug=org_slug)
    other_orgs = selectors.other_organizations(user=member.user, organization=org)
    return render(request, "tenancy/member_edit.html", {
        "form": form, "member": member, "other_orgs": other_orgs, "tab": "members",
    }, status=400 if form.errors else 200)


@require_POST
@staff_view(*ADMIN)
def member_remove(request, org_slug, pk):
    member = get_owned(Membership.objects.select_related("user"), request, pk=pk)
    try:
        services.membership_remove(organization=request.organization, acting_user=request.user, membership=member)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("tenancy:member_edit", org_slug=org_slug, pk=member.pk)
    messages.success(request, _("นำ %(name)s ออกจากหน่วยงานแล้ว (บัญชีผู้ใช้ยังอยู่)") % {"name": member.user.display_name})
    if member.user_id == request.user.id:
        return redirect("home")
    return redirect("tenancy:members", org_slug=org_slug)


@staff_view(*ADMIN)
def log(request, org_slug):
    return render(request, "tenancy/log.html", {"rows": selectors.settings_log(organization=request.organization),
                                                "tab": "log"})
