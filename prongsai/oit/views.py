"""Public OIT index (page, print, CSV/XLSX/ITAS text) and the staff readiness self-check."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.ita.models import Framework, OITItem
from prongsai.measures.models import Issue
from prongsai.ops.middleware import shared_cacheable
from prongsai.tenancy.access import PLAN_MANAGERS, staff_view
from prongsai.tenancy.models import Department

from . import exports, rules, selectors, services
from .linkcheck import LinkChecker
from .models import NOTE_MAX


def _absolute(request):
    return lambda url: url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def _index_or_404(request, year: int):
    index = selectors.oit_index(organization=request.organization, fiscal_year=year)
    if index is None:
        raise Http404(_("ไม่มีกรอบการประเมิน ITA ของปีงบประมาณนี้"))
    return index


def _current_or_404() -> int:
    year = selectors.current_fiscal_year()
    if year is None:
        raise Http404(_("ยังไม่มีกรอบการประเมิน ITA"))
    return year


def _download(content, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- public ---------------------------------------------------------------------------


def index_current(request, org_slug):
    return redirect("oit:index", org_slug=org_slug, year=_current_or_404())


@shared_cacheable(10)  # assessors open it item by item during the assessment
def index(request, org_slug, year):
    idx = _index_or_404(request, year)
    return render(request, "oit/index.html", {"index": idx, "years": _years()})


def index_print(request, org_slug, year):
    idx = _index_or_404(request, year)
    absolute = _absolute(request)
    lines = [(entry, [(link, absolute(link.url)) for link in entry.links]) for entry in idx.entries]
    return render(request, "oit/print.html", {"index": idx, "lines": lines})


def index_itas(request, org_slug, year):
    idx = _index_or_404(request, year)
    return render(request, "oit/itas.html", {"index": idx, "text": exports.as_itas_text(idx, _absolute(request))})


def export(request, org_slug, year, fmt):
    idx = _index_or_404(request, year)
    name = f"oit-{org_slug}-{year}"
    if fmt == "csv":
        return _download(exports.as_csv(idx, _absolute(request)), filename=f"{name}.csv",
                         content_type="text/csv; charset=utf-8")
    if fmt == "xlsx":
        return _download(exports.as_xlsx(idx, _absolute(request)), filename=f"{name}.xlsx",
                         content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if fmt == "txt":
        return _download(exports.as_itas_text(idx, _absolute(request)), filename=f"{name}-itas.txt",
                         content_type="text/plain; charset=utf-8")
    raise Http404


def _years() -> list[int]:
    return list(Framework.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True))


# --- staff ----------------------------------------------------------------------------


@staff_view()
def check_current(request, org_slug):
    return redirect("oit:check", org_slug=org_slug, year=_current_or_404())


@staff_view()
def check(request, org_slug, year):
    checker = LinkChecker(host=request.get_host(), secure=request.is_secure())
    result = selectors.readiness(organization=request.organization, fiscal_year=year, link_checker=checker)
    if result is None:
        raise Http404(_("ไม่มีกรอบการประเมิน ITA ของปีงบประมาณนี้"))
    planned = set(
        Issue.objects.filter(organization=request.organization, plan__fiscal_year=year + 1, oit_item__isnull=False)
        .values_list("oit_item__title_th", flat=True)
    )
    return render(request, "oit/staff/check.html", {
        "result": result, "years": _years(), "planned": planned, "next_year": year + 1, "note_max": NOTE_MAX,
        "can_act": request.membership.role in PLAN_MANAGERS,
    })


def _item_or_404(year: int, code: str) -> OITItem:
    item = OITItem.objects.filter(framework__fiscal_year=year, code=code.upper()).select_related("framework").first()
    if item is None:
        raise Http404
    return item


@require_POST
@staff_view(*PLAN_MANAGERS)
def note_edit(request, org_slug, year, code):
    item = _item_or_404(year, code)
    try:
        services.note_save(organization=request.organization, item=item, text=request.POST.get("text", ""),
                           acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, _("%(code)s คำอธิบาย: %(m)s") % {"code": item.code, "m": " ".join(exc.messages)})
    else:
        messages.success(request, _("บันทึกคำอธิบายข้อ %(code)s แล้ว") % {"code": item.code})
    return redirect(f"{_check_url(org_slug, year)}#{item.code}")


def _check_url(org_slug, year):
    return reverse("oit:check", kwargs={"org_slug": org_slug, "year": year})


@require_POST
@staff_view(*PLAN_MANAGERS)
def make_issue(request, org_slug, year, code):
    item = _item_or_404(year, code)
    departments = list(Department.objects.filter(organization=request.organization).order_by("position", "id"))
    department = rules.department_for(item, departments)
    try:
        issue, created = services.issue_from_item(organization=request.organization, item=item, department=department,
                                                  acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if created:
            messages.success(request, _("เพิ่มประเด็น “%(t)s” ในแผนมาตรการปี %(y)s แล้ว") % {
                "t": issue.title, "y": issue.plan.fiscal_year})
        else:
            messages.info(request, _("แผนมาตรการปี %(y)s มีประเด็น “%(t)s” อยู่แล้ว") % {
                "t": issue.title, "y": issue.plan.fiscal_year})
    return redirect(f"{_check_url(org_slug, year)}#{item.code}")
