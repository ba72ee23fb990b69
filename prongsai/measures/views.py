"""Staff pages of measures plans and follow-up rounds. Views stay thin: parse, access,
call a selector or service, render."""

from django.shortcuts import redirect, render
from django.utils import timezone

from prongsai.ita.selectors import result_summary
from prongsai.tenancy.access import get_owned, staff_view

from . import selectors
from .models import Plan


@staff_view()
def dashboard(request, org_slug):
    org = request.organization
    plan = selectors.plans_for(organization=org).first()
    context = {"plan": plan}
    if plan is not None:
        rounds = list(plan.rounds.all())
        today = timezone.localdate()
        current = next((r for r in rounds if r.period_end >= today), rounds[-1] if rounds else None)
        chosen = request.GET.get("round")
        if chosen and chosen.isdigit():
            current = next((r for r in rounds if r.number == int(chosen)), current)
        context.update(rounds=rounds, round=current)
        if current is not None:
            context.update(selectors.dashboard(plan=plan, rnd=current, today=today))
    return render(request, "measures/dashboard.html", context)


@staff_view()
def plan_list(request, org_slug):
    plans = selectors.plans_for(organization=request.organization)
    return render(request, "measures/plan_list.html", {"plans": plans})


@staff_view()
def plan_detail(request, org_slug, year):
    plan = get_owned(Plan.objects.select_related("answers_framework"), request, fiscal_year=year)
    issues = selectors.plan_issues(plan=plan)
    summary = result_summary(organization=request.organization, framework=plan.answers_framework)
    answered = {i.indicator_id for i in issues if i.indicator_id}
    unanswered = [line for line in summary.flagged if line.indicator.id not in answered]
    return render(
        request,
        "measures/plan_detail.html",
        {
            "plan": plan,
            "grouped": selectors.group_by_instrument(issues),
            "issue_count": len(issues),
            "summary": summary,
            "unanswered": unanswered,
            "rounds": plan.rounds.all(),
        },
    )


def home_redirect(request, org_slug):
    return redirect("measures:dashboard", org_slug=org_slug)
