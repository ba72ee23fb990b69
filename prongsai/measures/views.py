"""Staff pages of measures plans and follow-up rounds. Views stay thin: parse, access,
call a selector or service, render."""

from __future__ import annotations

import mimetypes

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.complaints.fields import apply_errors
from prongsai.ita.selectors import result_summary
from prongsai.tenancy.access import PLAN_MANAGERS, get_owned, require, staff_view

from . import selectors, services
from .forms import EvidenceForm, IssueForm, PlanCreateForm, PlanSettingsForm, ResultUpdateForm, RoundForm
from .models import INSTRUMENT_ORDER, Evidence, Issue, Plan, Round, RoundResult


def _plan(request, year) -> Plan:
    return get_owned(Plan.objects.select_related("answers_framework", "organization"), request, fiscal_year=year)


def _issue(request, year, pk) -> Issue:
    return get_owned(Issue.objects.select_related("plan", "plan__answers_framework", "indicator", "oit_item"),
                     request, plan__fiscal_year=year, pk=pk)


def _round(request, year, number) -> Round:
    return get_owned(Round.objects.select_related("plan", "plan__answers_framework"), request,
                     plan__fiscal_year=year, number=number)


def _plan_url(plan: Plan, anchor: str = "") -> str:
    url = reverse("measures:plan_detail", kwargs={"org_slug": plan.organization.slug, "year": plan.fiscal_year})
    return f"{url}#{anchor}" if anchor else url


# --- dashboard and plans ------------------------------------------------------------------


@staff_view()
def dashboard(request, org_slug):
    org = request.organization
    plan = selectors.plans_for(organization=org).first()
    context = {"plan": plan}
    if plan is not None:
        rounds = list(plan.rounds.all())
        today = timezone.localdate()
        current = next((r for r in rounds if r.period_end >= today), None)
        if current is None and rounds:
            # Every round has ended: show the latest one anybody has reported on.
            reported = set(RoundResult.objects.filter(organization=org, round__plan=plan, reported_at__isnull=False)
                           .values_list("round_id", flat=True))
            current = next((r for r in reversed(rounds) if r.pk in reported), rounds[-1])
        chosen = request.GET.get("round")
        if chosen and chosen.isdigit():
            current = next((r for r in rounds if r.number == int(chosen)), current)
        context.update(rounds=rounds, round=current, today=today)
        if current is not None:
            context.update(selectors.dashboard(plan=plan, rnd=current, today=today))
            if request.membership.role == request.membership.Role.DEPARTMENT_STAFF:
                context["mine"] = [r for r in context["results"]
                                   if selectors.may_update_result(request.membership, r.issue)]
        issues = selectors.plan_issues(plan=plan)
        summary = result_summary(organization=org, framework=plan.answers_framework)
        context["unanswered"] = selectors.unanswered_flagged(plan=plan, issues=issues, summary=summary)
    return render(request, "measures/dashboard.html", context)


@staff_view()
def plan_list(request, org_slug):
    plans = selectors.plans_for(organization=request.organization)
    return render(request, "measures/plan_list.html", {"plans": plans})


@staff_view(*PLAN_MANAGERS)
def plan_create(request, org_slug):
    org = request.organization
    latest = selectors.plans_for(organization=org).first()
    if request.method == "POST":
        form = PlanCreateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = services.plan_create(
                    organization=org, fiscal_year=data["fiscal_year"], acting_user=request.user,
                    answers_year=data.get("answers_year"), source=data["source"], template_keys=data.get("templates"))
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("สร้างแผนแล้ว"))
                return redirect(_plan_url(plan))
        status = 400
    else:
        initial = {"source": "empty"}
        if latest:
            initial["fiscal_year"] = latest.fiscal_year + 1
        elif request.GET.get("year", "").isdigit():
            initial["fiscal_year"] = request.GET["year"]
        form = PlanCreateForm(initial=initial)
        status = 200
    return render(request, "measures/plan_create.html", {"form": form, "latest": latest}, status=status)


@staff_view()
def plan_detail(request, org_slug, year):
    plan = _plan(request, year)
    issues = selectors.plan_issues(plan=plan)
    summary = result_summary(organization=request.organization, framework=plan.answers_framework)
    return render(
        request,
        "measures/plan_detail.html",
        {
            "plan": plan,
            "grouped": selectors.group_by_instrument(issues),
            "issue_count": len(issues),
            "summary": summary,
            "unanswered": selectors.unanswered_flagged(plan=plan, issues=issues, summary=summary),
            "unanswered_oit": selectors.unanswered_oit_items(issues=issues, summary=summary),
            "rounds": plan.rounds.all(),
            "can_edit": request.membership.manages_plans,
        },
    )


@staff_view(*PLAN_MANAGERS)
def plan_settings(request, org_slug, year):
    plan = _plan(request, year)
    if request.method == "POST":
        form = PlanSettingsForm(request.POST)
        if form.is_valid():
            try:
                services.plan_update(plan=plan, acting_user=request.user, status=form.cleaned_data["status"],
                                     meeting_date=form.cleaned_data["meeting_date"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("บันทึกแล้ว"))
                return redirect(_plan_url(plan))
        status = 400
    else:
        form = PlanSettingsForm(initial={"status": plan.status, "meeting_date": plan.meeting_date})
        status = 200
    return render(request, "measures/plan_settings.html", {"form": form, "plan": plan}, status=status)


# --- issues -------------------------------------------------------------------------------


def _issue_initial(issue: Issue) -> dict:
    return {
        "instrument": issue.instrument, "indicator": issue.indicator_id, "oit_item": issue.oit_item_id,
        "title": issue.title, "due_date": issue.due_date,
        "departments": [d.pk for d in issue.departments.all()],
        "methods": "\n".join(m.text for m in issue.methods.all()),
        "follow_up": "\n".join(f.text for f in issue.follow_ups.all()),
    }


@staff_view(*PLAN_MANAGERS)
def issue_edit(request, org_slug, year, pk=None):
    plan = _plan(request, year)
    issue = _issue(request, year, pk) if pk else Issue(organization=request.organization, plan=plan)
    if request.method == "POST":
        form = IssueForm(request.POST, plan=plan)
        if form.is_valid():
            data = form.cleaned_data
            try:
                issue = services.issue_save(
                    issue=issue, acting_user=request.user, instrument=data["instrument"], title=data["title"],
                    due_date=data["due_date"], departments=list(data["departments"]), methods=data["methods"],
                    follow_up=data["follow_up"], indicator=data["indicator"], oit_item=data["oit_item"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("บันทึกประเด็นแล้ว"))
                return redirect(_plan_url(plan, f"issue-{issue.pk}"))
        status = 400
    else:
        if issue.pk:
            initial = _issue_initial(issue)
        else:
            initial = {"instrument": request.GET.get("instrument") if request.GET.get("instrument") in INSTRUMENT_ORDER else "IIT",
                       "due_date": plan.bounds[1]}
            indicator = request.GET.get("indicator", "")
            if indicator.isdigit():
                found = plan.answers_framework.indicators.filter(pk=int(indicator)).select_related("instrument").first()
                if found:
                    initial.update(indicator=found.pk, instrument=found.instrument.code, title=found.title_th)
            oit_item = request.GET.get("oit_item", "")
            if oit_item.isdigit():
                found = plan.answers_framework.oit_items.filter(pk=int(oit_item)).select_related("indicator").first()
                if found:
                    initial.update(oit_item=found.pk, indicator=found.indicator_id, instrument="OIT", title=found.title_th)
        form = IssueForm(initial=initial, plan=plan)
        status = 200
    return render(request, "measures/issue_form.html", {"form": form, "plan": plan, "issue": issue}, status=status)


@staff_view(*PLAN_MANAGERS)
def issue_delete(request, org_slug, year, pk):
    issue = _issue(request, year, pk)
    if request.method == "POST":
        plan = issue.plan
        services.issue_delete(issue=issue, acting_user=request.user)
        messages.success(request, _("ลบประเด็นแล้ว"))
        return redirect(_plan_url(plan, f"h-{issue.instrument}"))
    return render(request, "measures/issue_delete.html", {"issue": issue, "plan": issue.plan})


def _direction(request) -> int:
    value = request.POST.get("direction")
    if value not in ("up", "down"):
        raise Http404
    return -1 if value == "up" else 1


@require_POST
@staff_view(*PLAN_MANAGERS)
def issue_move(request, org_slug, year, pk):
    issue = _issue(request, year, pk)
    services.issue_move(issue=issue, acting_user=request.user, direction=_direction(request))
    return redirect(_plan_url(issue.plan, f"issue-{issue.pk}"))


@require_POST
@staff_view(*PLAN_MANAGERS)
def method_move(request, org_slug, year, pk, position):
    issue = _issue(request, year, pk)
    services.method_move(issue=issue, acting_user=request.user, position=position - 1, direction=_direction(request))
    return redirect(_plan_url(issue.plan, f"issue-{issue.pk}"))


# --- rounds -------------------------------------------------------------------------------


@staff_view()
def round_list(request, org_slug, year):
    plan = _plan(request, year)
    rounds = list(plan.rounds.all())
    missing_defaults = {m for _n, m, *_d in services.DEFAULT_ROUNDS} - {r.months for r in rounds}
    return render(request, "measures/round_list.html", {
        "plan": plan, "rounds": rounds, "can_edit": request.membership.manages_plans,
        "missing_defaults": bool(missing_defaults)})


@require_POST
@staff_view(*PLAN_MANAGERS)
def rounds_defaults(request, org_slug, year):
    plan = _plan(request, year)
    created = services.rounds_create_defaults(plan=plan, acting_user=request.user)
    messages.success(request, _("สร้างรอบการติดตามผลแล้ว %(n)s รอบ") % {"n": len(created)})
    return redirect("measures:round_list", org_slug=org_slug, year=year)


@staff_view(*PLAN_MANAGERS)
def round_edit(request, org_slug, year, number=None):
    plan = _plan(request, year)
    rnd = _round(request, year, number) if number else Round(organization=request.organization, plan=plan)
    if request.method == "POST":
        form = RoundForm(request.POST, plan=plan)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rnd = services.round_save(round=rnd, acting_user=request.user, months=data["months"],
                                          period_end=data["period_end"], name=data["name"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("บันทึกรอบการติดตามผลแล้ว"))
                return redirect("measures:round_list", org_slug=org_slug, year=year)
        status = 400
    else:
        initial = {"name": rnd.name, "months": rnd.months, "period_end": rnd.period_end} if rnd.pk else {
            "months": 6, "period_end": plan.bounds[1]}
        form = RoundForm(initial=initial, plan=plan)
        status = 200
    return render(request, "measures/round_form.html", {"form": form, "plan": plan, "round": rnd}, status=status)


@staff_view(*PLAN_MANAGERS)
def round_delete(request, org_slug, year, number):
    rnd = _round(request, year, number)
    if request.method == "POST":
        services.round_delete(round=rnd, acting_user=request.user)
        messages.success(request, _("ลบรอบการติดตามผลแล้ว"))
        return redirect("measures:round_list", org_slug=org_slug, year=year)
    return render(request, "measures/round_delete.html", {"round": rnd, "plan": rnd.plan})


@staff_view()
def round_detail(request, org_slug, year, number):
    rnd = _round(request, year, number)
    results = list(selectors.round_results(rnd=rnd).select_related("issue__indicator", "issue__oit_item"))
    membership = request.membership
    order = {code: i for i, code in enumerate(INSTRUMENT_ORDER)}
    results.sort(key=lambda r: (order[r.issue.instrument], r.issue.position, r.issue.id))
    grouped = {code: [] for code in INSTRUMENT_ORDER}
    counts = {s: 0 for s in RoundResult.Status.values}
    for r in results:
        r.may_update = selectors.may_update_result(membership, r.issue)
        grouped[r.issue.instrument].append(r)
        counts[r.status] += 1
    mine_only = request.GET.get("mine") == "1"
    if mine_only:
        grouped = {code: [r for r in rs if r.may_update] for code, rs in grouped.items()}
    return render(request, "measures/round_detail.html", {
        "round": rnd, "plan": rnd.plan, "grouped": grouped, "total": len(results), "mine_only": mine_only,
        "counts": [(RoundResult.Status(s).label, s, n) for s, n in counts.items()],
    })


def _result(request, year, number, issue_pk) -> RoundResult:
    return get_owned(
        RoundResult.objects.select_related("round", "round__plan", "issue", "issue__indicator", "issue__oit_item",
                                           "reported_by").prefetch_related("issue__departments", "evidence"),
        request, round__plan__fiscal_year=year, round__number=number, issue_id=issue_pk)


@staff_view()
def result_update(request, org_slug, year, number, issue_pk):
    result = _result(request, year, number, issue_pk)
    require(selectors.may_update_result(request.membership, result.issue),
            _("คุณรายงานผลได้เฉพาะประเด็นที่ส่วนราชการของคุณรับผิดชอบ"))
    status = 200
    evidence_form = EvidenceForm()
    if request.method == "POST":
        form = ResultUpdateForm(request.POST)
        if form.is_valid():
            try:
                services.round_result_update(result=result, acting_user=request.user, status=form.cleaned_data["status"],
                                             text=form.cleaned_data["result"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("บันทึกผลการดำเนินงานแล้ว"))
                return redirect(request.path)
        status = 400
    else:
        form = ResultUpdateForm(initial={"status": result.status, "result": result.result})
    return render(request, "measures/result_form.html", {
        "result": result, "round": result.round, "plan": result.round.plan, "issue": result.issue,
        "form": form, "evidence_form": evidence_form, "max_upload": settings.UPLOAD_MAX_BYTES}, status=status)


@require_POST
@staff_view()
def evidence_add(request, org_slug, year, number, issue_pk):
    result = _result(request, year, number, issue_pk)
    require(selectors.may_update_result(request.membership, result.issue),
            _("คุณรายงานผลได้เฉพาะประเด็นที่ส่วนราชการของคุณรับผิดชอบ"))
    evidence_form = EvidenceForm(request.POST, request.FILES)
    if evidence_form.is_valid():
        data = evidence_form.cleaned_data
        try:
            services.evidence_add(result=result, acting_user=request.user, title=data["title"],
                                  upload=data.get("file"), url=data.get("url") or "")
        except ValidationError as exc:
            apply_errors(evidence_form, exc)
        else:
            messages.success(request, _("แนบหลักฐานแล้ว"))
            return redirect("measures:result_update", org_slug=org_slug, year=year, number=number, issue_pk=issue_pk)
    form = ResultUpdateForm(initial={"status": result.status, "result": result.result})
    return render(request, "measures/result_form.html", {
        "result": result, "round": result.round, "plan": result.round.plan, "issue": result.issue,
        "form": form, "evidence_form": evidence_form, "max_upload": settings.UPLOAD_MAX_BYTES}, status=400)


@require_POST
@staff_view()
def evidence_remove(request, org_slug, pk):
    evidence = get_owned(Evidence.objects.select_related("round_result__round__plan", "round_result__issue"), request, pk=pk)
    result = evidence.round_result
    require(selectors.may_update_result(request.membership, result.issue))
    services.evidence_remove(evidence=evidence, acting_user=request.user)
    messages.success(request, _("ลบหลักฐานแล้ว"))
    return redirect("measures:result_update", org_slug=org_slug, year=result.round.plan.fiscal_year,
                    number=result.round.number, issue_pk=result.issue_id)


@staff_view()
def evidence_file(request, org_slug, pk):
    evidence = get_owned(Evidence, request, pk=pk)
    if not evidence.file:
        raise Http404
    content_type = mimetypes.guess_type(evidence.original_name or evidence.file.name)[0] or "application/octet-stream"
    response = FileResponse(evidence.file.open("rb"), content_type=content_type, as_attachment=True,
                            filename=evidence.original_name or evidence.file.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def home_redirect(request, org_slug):
    return redirect("measures:dashboard", org_slug=org_slug)

