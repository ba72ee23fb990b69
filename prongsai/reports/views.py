"""Pages of the reports app: staff list, document detail (preview, checker, approval chain,
versions), wording templates, the approval chain, the upload checker; the public files of
issued documents. Views stay thin: parse, access, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.complaints.fields import apply_errors
from prongsai.measures.models import Plan, Round
from prongsai.tenancy.access import PLAN_MANAGERS, Role, get_owned, staff_view
from prongsai.tenancy.models import Membership

from . import build, checker, selectors, services, templating
from .forms import CheckUploadForm, CreateForm, DateForm, DecisionForm, TemplateForm
from .models import Document, Kind

APPROVERS = (Role.EXECUTIVE, Role.ADMIN)
READERS = (Role.ADMIN, Role.COORDINATOR, Role.EXECUTIVE, Role.VIEWER)


def _plans(org):
    return list(Plan.objects.filter(organization=org).prefetch_related("rounds").order_by("-fiscal_year"))


@staff_view(*READERS)
def document_list(request, org_slug):
    org = request.organization
    return render(request, "reports/staff/list.html", {
        "documents": selectors.documents_for(organization=org),
        "form": CreateForm(plans=_plans(org)),
        "can_manage": request.membership.role in PLAN_MANAGERS,
    })


@require_POST
@staff_view(*PLAN_MANAGERS)
def document_new(request, org_slug):
    org = request.organization
    form = CreateForm(request.POST, plans=_plans(org))
    if form.is_valid():
        plan = get_owned(Plan, request, pk=form.cleaned_data["plan"])
        rnd = get_owned(Round, request, pk=form.cleaned_data["round"]) if form.cleaned_data["round"] else None
        try:
            document = services.document_create(organization=org, acting_user=request.user,
                                                kind=form.cleaned_data["kind"], plan=plan, rnd=rnd)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("reports:detail", org_slug=org_slug, pk=document.pk)
    return render(request, "reports/staff/list.html", {
        "documents": selectors.documents_for(organization=org), "form": form, "can_manage": True,
    }, status=400)


def _document(request, pk) -> Document:
    return get_owned(Document.objects.select_related("plan__answers_framework", "round", "prepared_by"), request, pk=pk)


@staff_view(*READERS)
def document_detail(request, org_slug, pk):
    document = _document(request, pk)
    model = build.assemble(document)
    findings = checker.check_document(document, model) if not document.is_issued else []
    versions = Document.objects.filter(organization=request.organization, kind=document.kind, plan=document.plan,
                                       round=document.round).order_by("-version")
    return render(request, "reports/staff/detail.html", {
        "document": document,
        "findings": findings,
        "steps": document.steps.select_related("user"),
        "signatories": build.signatories(document),
        "versions": versions,
        "stale": document.is_issued and services.is_stale(document),
        "can_manage": request.membership.role in PLAN_MANAGERS,
        "can_approve": services.can_approve(document, request.user, request.membership),
        "decision_form": DecisionForm(),
        "date_form": DateForm(initial={"doc_date": document.doc_date}),
    })


@staff_view(*READERS)
def document_preview(request, org_slug, pk, fmt):
    if fmt not in ("pdf", "docx"):
        raise Http404
    document = _document(request, pk)
    if document.is_issued:
        return _file_response(document, fmt, inline=True)
    from .garuda import emblem_path

    model = build.assemble(document)
    emblem = emblem_path(request.organization)
    if fmt == "pdf":
        from .render_pdf import pdf_bytes

        response = HttpResponse(pdf_bytes(model, emblem=emblem), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{document.base_filename}-draft.pdf"'
    else:
        from .render_docx import docx_bytes

        response = HttpResponse(docx_bytes(model, emblem=emblem), content_type=DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{document.base_filename}-draft.docx"'
    return response


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _back(request, document, exc: ValidationError | None = None):
    if exc is not None:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("reports:detail", org_slug=request.organization.slug, pk=document.pk)


@require_POST
@staff_view(*PLAN_MANAGERS)
def document_date(request, org_slug, pk):
    document = _document(request, pk)
    form = DateForm(request.POST)
    if not form.is_valid():
        return _back(request, document, ValidationError([m for errs in form.errors.values() for m in errs]))
    try:
        services.document_update(document=document, acting_user=request.user, doc_date=form.cleaned_data["doc_date"])
    except ValidationError as exc:
        return _back(request, document, exc)
    messages.success(request, _("บันทึกวันที่แล้ว"))
    return _back(request, document)


@require_POST
@staff_view(*PLAN_MANAGERS)
def document_submit(request, org_slug, pk):
    document = _document(request, pk)
    try:
        services.document_submit(document=document, acting_user=request.user,
                                 comment=request.POST.get("comment", "")[:2000])
    except ValidationError as exc:
        return _back(request, document, exc)
    messages.success(request, _("เสนอเอกสารแล้ว"))
    return _back(request, document)


@require_POST
@staff_view(*APPROVERS)
def document_decide(request, org_slug, pk):
    document = _document(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _back(request, document, ValidationError([m for errs in form.errors.values() for m in errs]))
    if not services.can_approve(document, request.user, request.membership):
        raise PermissionDenied(_("คุณไม่ใช่ผู้อนุมัติของระดับนี้"))
    try:
        services.document_decide(document=document, acting_user=request.user,
                                 approve=form.cleaned_data["decision"] == "approve",
                                 comment=form.cleaned_data["comment"] or "")
    except ValidationError as exc:
        return _back(request, document, exc)
    messages.success(request, _("บันทึกการพิจารณาแล้ว"))
    return _back(request, document)


@require_POST
@staff_view(*PLAN_MANAGERS)
def document_issue(request, org_slug, pk):
    document = _document(request, pk)
    try:
        services.document_issue(document=document, acting_user=request.user,
                                acknowledge=request.POST.get("acknowledge") == "1")
    except ValidationError as exc:
        return _back(request, document, exc)
    messages.success(request, _("ออกเอกสารและเผยแพร่แล้ว"))
    return _back(request, document)


@require_POST
@staff_view(*PLAN_MANAGERS)
def document_new_version(request, org_slug, pk):
    document = _document(request, pk)
    try:
        new = services.document_new_version(document=document, acting_user=request.user)
    except ValidationError as exc:
        return _back(request, document, exc)
    return redirect("reports:detail", org_slug=org_slug, pk=new.pk)


@require_http_methods(["GET", "POST"])
@staff_view(*PLAN_MANAGERS)
def template_edit(request, org_slug, kind):
    if kind not in Kind.values:
        raise Http404
    org = request.organization
    current = build.template_for(org, kind)
    form = TemplateForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_save(organization=org, kind=kind, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกถ้อยคำแล้ว"))
            return redirect("reports:template_edit", org_slug=org_slug, kind=kind)
    return render(request, "reports/staff/template.html", {
        "form": form, "kind": Kind(kind), "fields": templating.FIELDS, "kinds": Kind.choices,
    }, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@staff_view(*READERS)
def chain(request, org_slug):
    org = request.organization
    levels = services.chain_default(organization=org) if request.membership.role in PLAN_MANAGERS else \
        build.chain_levels(org)
    executives = Membership.objects.filter(organization=org, role__in=APPROVERS, is_active=True).select_related("user")
    if request.method == "POST":
        if request.membership.role not in PLAN_MANAGERS:
            raise PermissionDenied
        rows = []
        by_id = {str(m.user_id): m.user for m in executives}
        for i in range(6):
            title = request.POST.get(f"title_{i}", "").strip()
            if title:
                rows.append((title, by_id.get(request.POST.get(f"approver_{i}", ""))))
        try:
            services.chain_save(organization=org, acting_user=request.user, levels=rows)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("บันทึกลำดับการอนุมัติแล้ว"))
        return redirect("reports:chain", org_slug=org_slug)
    slots = [*levels, *[None] * max(0, 6 - len(levels))]
    return render(request, "reports/staff/chain.html", {"slots": slots, "executives": executives,
                                                        "can_manage": request.membership.role in PLAN_MANAGERS})


@require_http_methods(["GET", "POST"])
@staff_view(*READERS)
def check_upload(request, org_slug):
    org = request.organization
    form = CheckUploadForm(request.POST or None, request.FILES or None)
    findings = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        text = checker.extract_text(upload.read(), form.kind)
        year = form.cleaned_data["fiscal_year"]
        findings = checker.check_text(text, organization=org, fiscal_year=year)
        if not text.strip():
            form.add_error("file", _("อ่านข้อความจากไฟล์นี้ไม่ได้ (อาจเป็นไฟล์สแกนภาพ) ตรวจได้เฉพาะไฟล์ที่มีข้อความ"))
            findings = None
    return render(request, "reports/staff/check.html", {"form": form, "findings": findings},
                  status=400 if form.errors else 200)


# --- public -----------------------------------------------------------------------------


def _file_response(document: Document, fmt: str, *, inline: bool):
    field = document.pdf if fmt == "pdf" else document.docx
    if not field:
        raise Http404
    response = FileResponse(field.open("rb"), content_type="application/pdf" if fmt == "pdf" else DOCX_TYPE)
    disposition = "inline" if inline and fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{document.base_filename}.{fmt}"'
    return response


def public_file(request, org_slug, pk, fmt):
    """/<org>/reports/<id>/document.pdf|docx — only issued documents; the URL never changes."""
    if fmt not in ("pdf", "docx"):
        raise Http404
    document = get_owned(Document.objects.select_related("plan", "round"), request, pk=pk,
                         status=Document.Status.ISSUED)
    if fmt == "docx":
        from .models import ReportSettings

        settings_row = ReportSettings.objects.filter(organization=request.organization).first()
        if settings_row is not None and not settings_row.publish_docx:
            raise Http404
    return _file_response(document, fmt, inline=True)


@require_http_methods(["GET", "POST"])
@staff_view(*PLAN_MANAGERS)
def report_settings(request, org_slug):
    from .forms import SettingsForm
    from .models import ReportSettings

    org = request.organization
    row = ReportSettings.objects.filter(organization=org).first()
    form = SettingsForm(request.POST or None, request.FILES or None,
                        initial={"publish_docx": row.publish_docx if row else True})
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_save(organization=org, acting_user=request.user,
                                   publish_docx=form.cleaned_data["publish_docx"], emblem=form.cleaned_data["emblem"],
                                   remove_emblem=form.cleaned_data["remove_emblem"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("reports:settings", org_slug=org_slug)
    return render(request, "reports/staff/settings.html", {"form": form, "has_own": bool(row and row.emblem)},
                  status=400 if form.errors else 200)


@staff_view(*READERS)
def emblem(request, org_slug):
    from .garuda import emblem_path

    return FileResponse(open(emblem_path(request.organization), "rb"), content_type="image/png")
