"""Publish or withdraw a plan (coordinator/admin). A published plan is readable by anyone
through the JSON API and the public site; a draft only by the organization's members."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.tenancy.access import PLAN_MANAGERS, get_owned, staff_view

from . import services
from .models import Plan


@require_POST
@staff_view(*PLAN_MANAGERS)
def plan_publish(request, org_slug, year):
    plan = get_owned(Plan, request, fiscal_year=year)
    publish = request.POST.get("publish") == "1"
    status = Plan.Status.PUBLISHED if publish else Plan.Status.DRAFT
    if plan.status != status:
        services.plan_update(plan=plan, acting_user=request.user, status=status, meeting_date=plan.meeting_date)
    messages.success(request, _("เผยแพร่แผนแล้ว ทุกคนอ่านได้") if publish else _("ถอนการเผยแพร่แล้ว แผนเป็นร่าง เฉพาะสมาชิกอ่านได้"))
    return redirect("measures:plan_detail", org_slug=org_slug, year=plan.fiscal_year)
