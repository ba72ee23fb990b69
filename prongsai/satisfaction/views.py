"""Public survey and yearly results; staff monthly results and comment moderation."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.complaints.fields import apply_errors
from prongsai.core.antiabuse import IdempotencyConflict, client_ip, rate_limited
from prongsai.core.thai import fiscal_year_of
from prongsai.eservice.models import Service
from prongsai.tenancy.access import Role, get_owned, staff_view

from . import selectors, services
from .charts import bars_svg
from .forms import ResponseForm
from .models import SatisfactionSurvey, SurveyResponse

VIEWERS = (Role.ADMIN, Role.COORDINATOR, Role.EXECUTIVE)
MANAGERS = (Role.ADMIN, Role.COORDINATOR)


def _year(year):
    year = year or fiscal_year_of(timezone.localdate())
    if not 2500 <= year <= 2700:
        raise Http404
    return year


@never_cache
@require_http_methods(["GET", "POST"])
def survey(request, org_slug, pk):
    survey = get_owned(SatisfactionSurvey.objects.filter(is_open=True).select_related("service"), request, pk=pk)
    form = ResponseForm(request.POST or None, initial={"request_code": request.GET.get("r", "")[:40]})
    if request.method == "POST":
        if rate_limited(organization=request.organization, bucket=f"satisfaction:{survey.pk}",
                        ident=client_ip(request), limit=10, window=3600):
            return render(request, "eservice/limited.html", status=429)
        if form.is_valid():
            if form.is_bot:
                return render(request, "satisfaction/thanks.html", {"survey": survey})
            try:
                services.answer(survey=survey, score=form.cleaned_data["score"], comment=form.cleaned_data["comment"],
                                request_code=form.cleaned_data["request_code"], key=form.idempotency_key)
            except ValidationError as exc:
                apply_errors(form, exc)
            except IdempotencyConflict:
                form.add_error(None, _("แบบฟอร์มนี้ถูกส่งไปแล้ว กรุณาเปิดแบบฟอร์มใหม่"))
            else:
                return render(request, "satisfaction/thanks.html", {"survey": survey})
    return render(request, "satisfaction/survey.html", {"survey": survey, "form": form},
                  status=400 if form.is_bound and form.errors else 200)


def results(request, org_slug, year=None):
    year = _year(year)
    return render(request, "satisfaction/results.html", {
        "year": year, "rows": selectors.yearly(organization=request.organization, fiscal_year=year)})


class NewSurveyForm(forms.Form):
    service = forms.ModelChoiceField(queryset=None, label=gettext_lazy("งานบริการ"), error_messages={
        "required": gettext_lazy("กรุณาเลือก “งานบริการ”"),
        "invalid_choice": gettext_lazy("“งานบริการ” ที่เลือกไม่มีในรายการ")})

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(organization=organization)


@staff_view(*VIEWERS)
def staff_surveys(request, org_slug):
    form = NewSurveyForm(request.POST or None, organization=request.organization)
    if request.method == "POST":
        if request.membership.role not in MANAGERS:
            raise Http404
        if form.is_valid():
            try:
                created = services.create_survey(organization=request.organization, acting_user=request.user,
                                                 service=form.cleaned_data["service"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("satisfaction:staff_survey", org_slug=org_slug, pk=created.pk)
    return render(request, "satisfaction/staff/surveys.html", {
        "surveys": SatisfactionSurvey.objects.filter(organization=request.organization).select_related("service"),
        "form": form, "can_manage": request.membership.role in MANAGERS,
    }, status=400 if form.errors else 200)


@staff_view(*VIEWERS)
def staff_survey(request, org_slug, pk):
    survey = get_owned(SatisfactionSurvey, request, pk=pk)
    year = _year(int(request.GET["year"]) if request.GET.get("year", "").isdigit() else None)
    rows = selectors.monthly(survey=survey, fiscal_year=year)
    return render(request, "satisfaction/staff/survey.html", {
        "survey": survey, "year": year, "rows": rows,
        "chart": mark_safe(bars_svg(rows, title=_("คะแนนเฉลี่ยรายเดือน"))),
        "summary": selectors.summary(survey.responses.all()),
        "comments": survey.responses.exclude(comment_status=SurveyResponse.CommentStatus.NONE)[:200],
        "can_manage": request.membership.role in MANAGERS,
    })


@require_POST
@staff_view(*MANAGERS)
def moderate(request, org_slug, pk, response_pk):
    survey = get_owned(SatisfactionSurvey, request, pk=pk)
    response = get_owned(survey.responses.all(), request, pk=response_pk)
    try:
        services.moderate(response=response, action=request.POST.get("action", ""), acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("บันทึกแล้ว"))
    return redirect("satisfaction:staff_survey", org_slug=org_slug, pk=survey.pk)
