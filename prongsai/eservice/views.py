"""Public catalog, filing and tracking; the staff inbox."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from prongsai.complaints.fields import apply_errors
from prongsai.core.antiabuse import IdempotencyConflict, client_ip, rate_limited
from prongsai.tenancy.access import Role, get_owned, staff_view

from . import selectors, services
from .flow import service_flowchart
from .forms import RequestActionForm, RequestForm, TrackForm
from .models import RequestType, Service, ServiceRequest

HANDLERS = (Role.ADMIN, Role.COORDINATOR, Role.EXECUTIVE, Role.DEPARTMENT_STAFF)
LIMITS = {"submit": (10, 3600), "track": (30, 3600)}


def _too_many(request, bucket):
    limit, window = LIMITS[bucket]
    return rate_limited(organization=request.organization, bucket=f"eservice:{bucket}", ident=client_ip(request),
                        limit=limit, window=window)


def _limited(request):
    return render(request, "eservice/limited.html", status=429)


def service_list(request, org_slug):
    return render(request, "eservice/service_list.html", {
        "services": selectors.published_services(organization=request.organization),
        "types": selectors.active_types(organization=request.organization),
    })


def service_detail(request, org_slug, pk):
    service = get_owned(Service.objects.filter(is_published=True), request, pk=pk)
    return render(request, "eservice/service_detail.html", {
        "service": service, "steps": service.steps.all(), "flowchart": mark_safe(service_flowchart(service)),
        "types": service.request_types.filter(is_active=True),
        "survey": service.surveys.filter(is_open=True).first(),
    })


@never_cache
@require_http_methods(["GET", "POST"])
def request_new(request, org_slug, pk):
    org = request.organization
    rtype = get_owned(RequestType.objects.filter(is_active=True), request, pk=pk)
    form = RequestForm(request.POST or None, request.FILES or None, request_type=rtype)
    if request.method == "POST":
        if _too_many(request, "submit"):
            return _limited(request)
        if form.is_valid():
            if form.is_bot:
                return render(request, "eservice/thanks.html")
            try:
                receipt = services.request_submit(organization=org, request_type=rtype, data=form.request_data(),
                                                  files=form.request_files(), key=form.idempotency_key)
            except ValidationError as exc:
                apply_errors(form, exc)
            except IdempotencyConflict:
                form.add_error(None, _("แบบฟอร์มนี้ถูกส่งไปแล้วด้วยข้อมูลอื่น กรุณาเปิดแบบฟอร์มใหม่แล้วส่งอีกครั้ง"))
            else:
                req = ServiceRequest.objects.get(organization=org, code=receipt["code"])
                return render(request, "eservice/receipt.html", {"req": req, **_private_link(request, req)})
    return render(request, "eservice/request_form.html", {"form": form, "rtype": rtype},
                  status=400 if form.is_bound and form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request, org_slug):
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if _too_many(request, "track"):
            return _limited(request)
        if form.is_valid():
            code = form.cleaned_data["code"].strip().upper().replace("-", "").replace(" ", "")
            if ServiceRequest.objects.filter(organization=request.organization, code=code).exists():
                return redirect("eservice:request_status", org_slug=org_slug, code=code)
            form.add_error(None, _("ไม่พบคำร้องที่ตรงกับรหัสติดตามนี้ กรุณาตรวจสอบแล้วลองใหม่"))
        return render(request, "eservice/track.html", {"form": form}, status=400)
    return render(request, "eservice/track.html", {"form": form})


@never_cache
def request_status(request, org_slug, code):
    if _too_many(request, "track"):
        return _limited(request)
    req = get_owned(ServiceRequest.objects.select_related("request_type"), request, code=code)
    return render(request, "eservice/status.html", {"req": req, "updates": req.updates.all(),
                                                    "survey_url": _survey_url(req)})


def _private_link(request, req) -> dict:
    """The private status link of a request and its QR code (for the printed acknowledgement)."""
    import segno
    from django.urls import reverse

    link = request.build_absolute_uri(reverse("eservice:request_status", kwargs={
        "org_slug": req.organization.slug, "code": req.code}))
    return {"link": link, "qr": mark_safe(segno.make(link, error="m").svg_inline(
        scale=4, title=_("คิวอาร์โค้ดลิงก์ติดตามสถานะคำร้อง")))}


def _survey_url(req) -> str:
    """The satisfaction survey is offered once a request is done (one answer per request)."""
    from django.urls import reverse

    from prongsai.satisfaction.models import SatisfactionSurvey, SurveyResponse

    if req.status != ServiceRequest.Status.DONE or req.request_type.service_id is None:
        return ""
    survey = SatisfactionSurvey.objects.filter(organization=req.organization, service=req.request_type.service_id,
                                               is_open=True).first()
    if survey is None or SurveyResponse.objects.filter(request=req).exists():
        return ""
    return reverse("satisfaction:survey", kwargs={"org_slug": req.organization.slug, "pk": survey.pk}) + f"?r={req.code}"


@staff_view(*HANDLERS)
def inbox(request, org_slug):
    from django.core.paginator import Paginator

    status = request.GET.get("status", "")
    if status not in ServiceRequest.Status.values:
        status = ""
    show = request.GET.get("show", "")
    if show not in selectors.SHOW:
        show = "" if status else "open"
    qs = selectors.requests_for(organization=request.organization, membership=request.membership, status=status,
                                show=show)
    counts = selectors.inbox_counts(organization=request.organization, membership=request.membership)
    return render(request, "eservice/staff/inbox.html", {
        "page": Paginator(qs, 50).get_page(request.GET.get("page")),
        "status": status, "statuses": ServiceRequest.Status.choices, "show": show,
        "shows": [(k, _(v), counts[k]) for k, v in selectors.SHOW.items()],
    })


@staff_view(*HANDLERS)
def request_detail(request, org_slug, pk):
    qs = selectors.requests_for(organization=request.organization, membership=request.membership)
    req = get_owned(qs, request, pk=pk)
    form = RequestActionForm(request.POST or None, organization=request.organization,
                             initial={"status": req.status, "department": req.department, "assignee": req.assignee})
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(req=req, acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("eservice:request_detail", org_slug=org_slug, pk=req.pk)
    return render(request, "eservice/staff/request_detail.html", {
        "req": req, "form": form, "updates": req.updates.select_related("actor", "department", "assignee"),
        "attachments": req.attachments.all(),
    }, status=400 if form.errors else 200)


@staff_view(*HANDLERS)
def attachment(request, org_slug, pk, att):
    """A citizen's document, decrypted for the staff who can see the request; logged."""
    from django.http import HttpResponse

    from .models import RequestAttachment

    qs = selectors.requests_for(organization=request.organization, membership=request.membership)
    req = get_owned(qs, request, pk=pk)
    item = get_owned(RequestAttachment.objects.filter(request=req), request, pk=att)
    try:
        data = services.attachment_open(attachment=item, acting_user=request.user)
    except FileNotFoundError as exc:
        raise Http404 from exc
    types = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    ctype = types.get(item.kind) or ("image/jpeg" if item.name.endswith(".jpg") else "image/png")
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="{req.code}-{item.name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def statistics(request, org_slug, year=None):
    from django.utils import timezone

    from prongsai.core.thai import fiscal_year_of

    year = year or fiscal_year_of(timezone.localdate())
    if not 2500 <= year <= 2700:
        raise Http404
    stats = selectors.monthly_statistics(organization=request.organization, fiscal_year=year)
    return render(request, "eservice/statistics.html", {"year": year, **stats})


MANAGERS = (Role.ADMIN, Role.COORDINATOR)


@staff_view(*MANAGERS)
def staff_services(request, org_slug):
    from .models import Service

    return render(request, "eservice/staff/services.html", {
        "services": Service.objects.filter(organization=request.organization).select_related("department")})


@staff_view(*MANAGERS)
def service_edit(request, org_slug, pk=None):
    from .forms import ServiceForm

    service = get_owned(Service, request, pk=pk) if pk else Service(organization=request.organization)
    form = ServiceForm(request.POST or None, instance=service, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "steps_text"}
        try:
            service = services.service_save(service=service, organization=request.organization,
                                            acting_user=request.user, data=data, steps=form.cleaned_data["steps_text"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกแล้ว"))
            return redirect("eservice:staff_services", org_slug=org_slug)
    return render(request, "eservice/staff/service_form.html", {"form": form, "service": service},
                  status=400 if form.errors else 200)


def qr_sheet(request, org_slug, pk):
    """A printable A4 sheet for the service point: the survey's QR code and the service's name."""
    import segno
    from django.urls import reverse

    service = get_owned(Service.objects.filter(is_published=True), request, pk=pk)
    survey = service.surveys.filter(is_open=True).first()
    if survey is None:
        raise Http404
    link = request.build_absolute_uri(reverse("satisfaction:survey", kwargs={"org_slug": org_slug, "pk": survey.pk}))
    qr = segno.make(link, error="m").svg_inline(scale=8, title=service.title)
    return render(request, "eservice/qr_sheet.html", {"service": service, "qr": mark_safe(qr), "link": link})


@staff_view(*MANAGERS)
def staff_types(request, org_slug):
    """Request types: what citizens can file online. Managers add a process without code."""
    from django.db.models import Count

    org = request.organization
    if request.method == "POST" and request.POST.get("action") == "starter":
        created = services.install_starter_types(organization=org, acting_user=request.user)
        if created:
            messages.success(request, _("เพิ่มประเภทคำร้องเริ่มต้น %(n)s ประเภทแล้ว ตรวจสอบและแก้ไขได้ก่อนเปิดให้ประชาชนใช้") % {
                "n": len(created)})
        else:
            messages.info(request, _("มีประเภทคำร้องเริ่มต้นครบแล้ว"))
        return redirect("eservice:staff_types", org_slug=org_slug)
    types = (RequestType.objects.filter(organization=org).select_related("department", "service")
             .annotate(n_requests=Count("requests")))
    starters = {s["name"] for s in services.starter_types()}
    return render(request, "eservice/staff/types.html", {
        "types": types, "missing_starters": sorted(starters - {t.name for t in types})})


@staff_view(*MANAGERS)
def type_edit(request, org_slug, pk=None):
    from .forms import RequestTypeForm

    rtype = get_owned(RequestType, request, pk=pk) if pk else RequestType(organization=request.organization)
    form = RequestTypeForm(request.POST or None, instance=rtype, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "fields_text"}
        data["fields"] = form.cleaned_data["fields_text"]
        try:
            services.request_type_save(rtype=rtype, organization=request.organization, acting_user=request.user,
                                       data=data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกประเภทคำร้อง “%(name)s” แล้ว") % {"name": rtype.name})
            return redirect("eservice:staff_types", org_slug=org_slug)
    return render(request, "eservice/staff/type_form.html", {"form": form, "rtype": rtype},
                  status=400 if form.errors else 200)
