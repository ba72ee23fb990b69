"""Staff pages of an organization's ITA results: the years, entry form, results page with the
flagged indicators and the plan issues answering them, and CSV/XLSX import with a template."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from prongsai.complaints.fields import apply_errors
from prongsai.tenancy.access import PLAN_MANAGERS, staff_view

from . import selectors, services
from .forms import ImportForm, ResultForm
from .models import Framework, ITAResult


def _framework(year) -> Framework:
    return get_object_or_404(Framework.objects.prefetch_related("instruments__indicators"), fiscal_year=year)


def _result(request, framework) -> ITAResult | None:
    return ITAResult.objects.filter(organization=request.organization, framework=framework).first()


@staff_view()
def result_list(request, org_slug):
    summaries = selectors.results_overview(organization=request.organization)
    return render(request, "ita/result_list.html", {"summaries": summaries,
                                                     "can_edit": request.membership.manages_plans})


@staff_view()
def result_detail(request, org_slug, year):
    framework = _framework(year)
    summary = selectors.result_summary(organization=request.organization, framework=framework)
    flagged, plans = selectors.flagged_with_issues(organization=request.organization, summary=summary)
    return render(request, "ita/result_detail.html", {
        "framework": framework, "summary": summary, "flagged": flagged, "plans": plans,
        "failed_oit": selectors.failed_oit_items(summary=summary),
        "can_edit": request.membership.manages_plans,
        "next_year": framework.fiscal_year + 1,
    })


@staff_view(*PLAN_MANAGERS)
def result_edit(request, org_slug, year):
    framework = _framework(year)
    result = _result(request, framework)
    if request.method == "POST":
        form = ResultForm(request.POST, framework=framework)
        if form.is_valid():
            try:
                services.result_save(organization=request.organization, framework=framework, acting_user=request.user,
                                     scores=form.scores(), oit_scores=form.oit_scores())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("บันทึกผลการประเมินแล้ว"))
                return redirect("ita:result_detail", org_slug=org_slug, year=year)
        status = 400
    else:
        initial = {}
        if result:
            for s in result.indicator_scores.select_related("indicator"):
                initial[f"ind_{s.indicator.number}"] = s.score
            for s in result.oit_scores.all():
                initial[f"oit_{s.item_id}"] = str(s.score)
        form = ResultForm(initial=initial, framework=framework)
        status = 200
    return render(request, "ita/result_form.html", {"form": form, "framework": framework}, status=status)


@staff_view(*PLAN_MANAGERS)
def result_import(request, org_slug, year):
    framework = _framework(year)
    errors = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.result_import(organization=request.organization, framework=framework,
                                       acting_user=request.user, upload=form.cleaned_data["file"])
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("นำเข้าผลการประเมินแล้ว"))
                return redirect("ita:result_detail", org_slug=org_slug, year=year)
        status = 400
    else:
        form = ImportForm()
        status = 200
    return render(request, "ita/result_import.html", {"form": form, "framework": framework, "errors": errors},
                  status=status)


@staff_view()
def result_template(request, org_slug, year, fmt):
    framework = _framework(year)
    result = _result(request, framework)
    rows = services.template_rows(framework, result)
    name = f"ita-{framework.fiscal_year}-{request.organization.slug}"
    if fmt == "csv":
        response = HttpResponse(services.template_csv(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            services.template_xlsx(rows, title=f"ITA {framework.fiscal_year}"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


