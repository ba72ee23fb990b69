"""Staff pages: the general complaints inbox, the corruption-report inbox (designated
officers only; every read logged), officers and the access log (admins), the guideline."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from prongsai.tenancy.access import Role, get_owned, staff_view

from .. import selectors, services
from ..fields import apply_errors as _apply_errors
from ..forms import ComplaintActionForm, GuidelineForm, OfficerForm, ReportActionForm
from ..models import (
    Complaint,
    ComplaintAttachment,
    ComplaintOfficer,
    CorruptionReport,
    Guideline,
    ReportEvidence,
)

COMPLAINT_HANDLERS = (Role.ADMIN, Role.COORDINATOR, Role.EXECUTIVE, Role.DEPARTMENT_STAFF)
CONTENT_TYPES = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _file_response(data: bytes, kind: str, name: str) -> HttpResponse:
    if kind == "image":
        content_type = "image/jpeg" if data[:3] == b"\xff\xd8\xff" else "image/png"
    else:
        content_type = CONTENT_TYPES.get(kind, "application/octet-stream")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


# --- general complaints ------------------------------------------------------------------


@staff_view(*COMPLAINT_HANDLERS)
def complaint_inbox(request, org_slug):
    status = request.GET.get("status", "")
    if status not in Complaint.Status.values:
        status = ""
    complaints = selectors.complaints_for(organization=request.organization, membership=request.membership,
                                          status=status)
    return render(request, "complaints/staff/complaint_inbox.html", {
        "complaints": complaints, "status": status, "statuses": Complaint.Status.choices,
    })


def _complaint_for(request, pk):
    qs = selectors.complaints_for(organization=request.organization, membership=request.membership)
    return get_owned(qs, request, pk=pk)


@staff_view(*COMPLAINT_HANDLERS)
def complaint_detail(request, org_slug, pk):
    complaint = _complaint_for(request, pk)
    form = ComplaintActionForm(request.POST or None, organization=request.organization,
                               initial={"status": complaint.status, "department": complaint.department})
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_update(complaint=complaint, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("complaints:complaint_detail", org_slug=org_slug, pk=complaint.pk)
    return render(request, "complaints/staff/complaint_detail.html", {
        "complaint": complaint, "form": form, "updates": complaint.updates.select_related("actor"),
        "attachments": complaint.attachments.all(),
    }, status=400 if form.errors else 200)


@staff_view(*COMPLAINT_HANDLERS)
def complaint_file(request, org_slug, pk, file_pk):
    complaint = _complaint_for(request, pk)
    attachment = get_owned(ComplaintAttachment.objects.filter(complaint=complaint), request, pk=file_pk)
    with attachment.file.open("rb") as fh:
        data = fh.read()
    return _file_response(data, attachment.kind, attachment.file.name.rsplit("/", 1)[-1])


# --- corruption reports (officers) -------------------------------------------------------


@never_cache
@staff_view()
def report_inbox(request, org_slug):
    services.require_officer(request)
    status = request.GET.get("status", "")
    if status not in CorruptionReport.Status.values:
        status = ""
    return render(request, "complaints/staff/report_inbox.html", {
        "reports": selectors.reports_for(organization=request.organization, status=status),
        "status": status, "statuses": CorruptionReport.Status.choices,
    })


@never_cache
@staff_view()
def report_detail(request, org_slug, pk):
    services.require_officer(request)
    report = get_owned(CorruptionReport, request, pk=pk)
    form = ReportActionForm(request.POST or None, initial={"status": report.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(report=report, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("complaints:report_detail", org_slug=org_slug, pk=report.pk)
    opened = services.report_open(report=report, acting_user=request.user)
    return render(request, "complaints/staff/report_detail.html", {
        "opened": opened, "report": report, "form": form, "evidence": report.evidence.all(),
        "accesses": selectors.access_log(organization=request.organization, report=report)[:20],
    }, status=400 if form.errors else 200)


@never_cache
@staff_view()
def report_evidence_file(request, org_slug, pk, evidence_pk):
    services.require_officer(request)
    report = get_owned(CorruptionReport, request, pk=pk)
    evidence = get_owned(ReportEvidence.objects.filter(report=report), request, pk=evidence_pk)
    data = services.evidence_open(evidence=evidence, acting_user=request.user)
    ext = {"pdf": "pdf", "docx": "docx"}.get(evidence.kind) or ("jpg" if data[:3] == b"\xff\xd8\xff" else "png")
    return _file_response(data, evidence.kind, f"{report.code}-{evidence.pk}.{ext}")


# --- admins: officers, access log, guideline --------------------------------------------


@staff_view(Role.ADMIN)
def officers(request, org_slug):
    org = request.organization
    form = OfficerForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            services.officer_appoint(organization=org, membership=form.cleaned_data["membership"],
                                     acting_user=request.user)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("แต่งตั้งเจ้าหน้าที่รับเรื่องแล้ว"))
            return redirect("complaints:officers", org_slug=org_slug)
    return render(request, "complaints/staff/officers.html", {
        "officers": selectors.officers_for(organization=org), "form": form,
    }, status=400 if form.errors else 200)


@require_POST
@staff_view(Role.ADMIN)
def officer_remove(request, org_slug, pk):
    officer = get_owned(ComplaintOfficer, request, pk=pk)
    services.officer_remove(officer=officer, acting_user=request.user)
    messages.success(request, _("ยกเลิกการแต่งตั้งแล้ว"))
    return redirect("complaints:officers", org_slug=org_slug)


@staff_view(Role.ADMIN)
def access_log(request, org_slug):
    entries = selectors.access_log(organization=request.organization)[:500]
    return render(request, "complaints/staff/access_log.html", {"entries": entries})


@staff_view(Role.ADMIN)
def guideline_edit(request, org_slug):
    org = request.organization
    instance = Guideline.objects.filter(organization=org).first() or services.guideline_default(org)
    form = GuidelineForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.guideline_save(organization=org, acting_user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกแนวปฏิบัติแล้ว"))
            return redirect("complaints:guideline_edit", org_slug=org_slug)
    return render(request, "complaints/staff/guideline_edit.html", {"form": form, "guideline": instance},
                  status=400 if form.errors else 200)
