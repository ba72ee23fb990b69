"""Public pages: the two channels, following a matter up with its code and secret, the O27
guideline and the O29 statistics. Nothing here stores who asked: rate limits count hashed
addresses in the cache (core.antiabuse), and no page puts a code or secret in a URL, so they
never reach a web server's access log."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core.antiabuse import IdempotencyConflict, client_ip, rate_limited
from prongsai.core.thai import fiscal_year_of

from .. import crypto, selectors, services
from ..fields import apply_errors as _apply_errors
from ..forms import ComplaintForm, EvidenceForm, ReportForm, TrackForm
from ..models import Complaint, CorruptionReport

LIMITS = {
    "submit": (10, 3600),  # submissions per address per hour and channel
    "track": (30, 3600),  # follow-up attempts per address per hour
    "track-code": (10, 3600),  # attempts per code per hour, from anywhere
    "evidence": (20, 3600),
}


def too_many(request, bucket: str, ident: str | None = None) -> bool:
    limit, window = LIMITS[bucket.split(":")[0]]
    return rate_limited(organization=request.organization, bucket=bucket, ident=ident or client_ip(request),
                        limit=limit, window=window)


def limited_response(request):
    return render(request, "complaints/limited.html", status=429)


def home(request, org_slug):
    return render(request, "complaints/home.html", {
        "guideline": selectors.published_guideline(organization=request.organization),
    })


def _submit(request, *, form_class, template, channel, service):
    org = request.organization
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if too_many(request, f"submit:{channel}"):
            return limited_response(request)
        if form.is_valid():
            if form.is_bot:
                return render(request, "complaints/thanks.html")
            try:
                receipt = service(organization=org, data=form.cleaned_data, key=form.idempotency_key)
            except ValidationError as exc:
                _apply_errors(form, exc)
            except IdempotencyConflict:
                form.add_error(None, _("แบบฟอร์มนี้ถูกส่งไปแล้วด้วยข้อมูลอื่น กรุณาเปิดแบบฟอร์มใหม่แล้วส่งอีกครั้ง"))
            else:
                return render(request, "complaints/receipt.html", {
                    "channel": channel,
                    "code": crypto.format_group(receipt["code"]),
                    "secret": crypto.format_group(receipt["secret"]),
                    "guideline": selectors.published_guideline(organization=org),
                })
    return render(request, template, {"form": form, "guideline": selectors.published_guideline(organization=org)},
                  status=400 if form.is_bound and form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_new(request, org_slug):
    return _submit(request, form_class=ComplaintForm, template="complaints/complaint_form.html", channel="complaint",
                   service=services.complaint_submit)


@never_cache
@require_http_methods(["GET", "POST"])
def report_new(request, org_slug):
    return _submit(request, form_class=ReportForm, template="complaints/report_form.html", channel="report",
                   service=services.report_submit)


def _track(request, *, channel, lookup, template):
    """GET: the form. POST: code + secret → the status page, or one answer for "unknown code"
    and "wrong secret" alike."""
    org = request.organization
    form = TrackForm(request.POST or None)
    context = {"form": form, "channel": channel}
    if request.method == "POST":
        if too_many(request, f"track:{channel}"):
            return limited_response(request)
        if form.is_valid():
            code = form.cleaned_data["code"]
            if too_many(request, f"track-code:{channel}", ident=code):
                return limited_response(request)
            found = lookup(organization=org, code=code, secret=form.cleaned_data["secret"])
            if found is not None:
                return _status_page(request, channel=channel, obj=found)
            form.add_error(None, _("ไม่พบเรื่องที่ตรงกับเลขรับเรื่องและรหัสลับนี้ กรุณาตรวจสอบแล้วลองใหม่"))
        return render(request, template, context, status=400)
    return render(request, template, context)


def _status_page(request, *, channel, obj, evidence_form=None, added=False, status=200):
    context = {"channel": channel, "obj": obj, "code": crypto.format_group(obj.code), "added": added,
               "evidence_form": evidence_form or EvidenceForm(initial={"follow_token": services.follow_token(obj)})}
    if channel == "report":
        context["updates"] = services.reporter_messages(obj)
        context["evidence_count"] = obj.evidence.count()
        context["open"] = obj.status != CorruptionReport.Status.CONCLUDED
    else:
        context["updates"] = list(obj.updates.all())
        context["evidence_count"] = obj.attachments.count()
        context["open"] = obj.is_open
    return render(request, "complaints/status.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def complaint_track(request, org_slug):
    return _track(request, channel="complaint", lookup=services.complaint_track, template="complaints/track.html")


@never_cache
@require_http_methods(["GET", "POST"])
def report_track(request, org_slug):
    return _track(request, channel="report", lookup=services.report_track, template="complaints/track.html")


def _add_evidence(request, *, channel, model, service):
    org = request.organization
    if too_many(request, f"evidence:{channel}"):
        return limited_response(request)
    obj = services.from_follow_token(request.POST.get("follow_token", ""), model=model, organization=org)
    if obj is None:
        # Expired or forged token: start again from code + secret.
        return render(request, "complaints/track.html", {
            "form": TrackForm(), "channel": channel,
            "expired": _("หน้านี้หมดอายุแล้ว กรุณากรอกเลขรับเรื่องและรหัสลับอีกครั้ง"),
        }, status=400)
    form = EvidenceForm(request.POST, request.FILES)
    valid = form.is_valid()
    if valid and not form.is_bot:
        try:
            service(obj, form.cleaned_data["evidence"], form.idempotency_key)
        except ValidationError as exc:
            _apply_errors(form, exc)
        except IdempotencyConflict:
            form.add_error(None, _("แบบฟอร์มนี้ถูกส่งไปแล้ว กรุณาโหลดหน้าใหม่"))
        else:
            return _status_page(request, channel=channel, obj=obj, added=True)
    elif valid:  # a bot: the generic acknowledgement, nothing stored
        return render(request, "complaints/thanks.html")
    return _status_page(request, channel=channel, obj=obj, evidence_form=form, status=400)


@never_cache
@require_POST
def report_evidence(request, org_slug):
    return _add_evidence(request, channel="report", model=CorruptionReport,
                         service=lambda obj, upload, key: services.report_evidence_add(report=obj, upload=upload, key=key))


@never_cache
@require_POST
def complaint_attachment(request, org_slug):
    return _add_evidence(request, channel="complaint", model=Complaint,
                         service=lambda obj, upload, key: services.complaint_attachment_add(complaint=obj, upload=upload, key=key))


def guideline(request, org_slug):
    item = selectors.published_guideline(organization=request.organization)
    if item is None:
        raise Http404
    return render(request, "complaints/guideline.html", {"guideline": item})


def statistics(request, org_slug, year=None):
    org = request.organization
    years = selectors.statistics_years(organization=org)
    year = year or fiscal_year_of(timezone.localdate())
    if year not in years:
        raise Http404
    return render(request, "complaints/statistics.html", {
        "year": year,
        "years": years,
        "reports": selectors.report_statistics(organization=org, fiscal_year=year),
        "complaints": selectors.complaint_statistics(organization=org, fiscal_year=year),
    })
