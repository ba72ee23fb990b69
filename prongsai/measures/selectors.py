"""Reads for the measures pages and documents. Each takes the organization as a keyword."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Prefetch

from .models import INSTRUMENT_ORDER, Issue, Plan, Round, RoundResult


def plans_for(*, organization):
    return Plan.objects.filter(organization=organization).select_related("answers_framework").annotate(
        issue_count=Count("issues")
    )


def plan_for_year(*, organization, fiscal_year: int) -> Plan | None:
    return (
        Plan.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("answers_framework", "organization")
        .first()
    )


def plan_issues(*, plan: Plan):
    """Issues in official order with everything a page or document shows, in a fixed number of queries."""
    issues = (
        Issue.objects.filter(organization=plan.organization, plan=plan)
        .select_related("indicator", "oit_item")
        .prefetch_related("departments", "methods", "follow_ups")
    )
    order = {code: i for i, code in enumerate(INSTRUMENT_ORDER)}
    return sorted(issues, key=lambda i: (order[i.instrument], i.position, i.id))


def group_by_instrument(issues):
    grouped = {code: [] for code in INSTRUMENT_ORDER}
    for issue in issues:
        grouped[issue.instrument].append(issue)
    return grouped


def round_results(*, rnd: Round):
    return (
        RoundResult.objects.filter(organization=rnd.organization, round=rnd)
        .select_related("issue", "reported_by")
        .prefetch_related("issue__departments", Prefetch("evidence"))
    )


def dashboard(*, plan: Plan, rnd: Round, today: dt.date):
    """Progress by instrument and by department, overdue issues and issues with no evidence."""
    order = {code: i for i, code in enumerate(INSTRUMENT_ORDER)}
    results = sorted(round_results(rnd=rnd), key=lambda r: (order[r.issue.instrument], r.issue.position, r.issue.id))
    # Done in this round or an earlier one: such an issue is not overdue in a later round.
    done_so_far = set(
        RoundResult.objects.filter(organization=plan.organization, round__plan=plan, round__number__lte=rnd.number,
                                   status=RoundResult.Status.DONE).values_list("issue_id", flat=True)
    )
    by_instrument = {code: {"total": 0, "done": 0} for code in INSTRUMENT_ORDER}
    by_department = defaultdict(lambda: {"total": 0, "done": 0})
    overdue, no_evidence = [], []
    for r in results:
        done = r.status == RoundResult.Status.DONE
        by_instrument[r.issue.instrument]["total"] += 1
        by_instrument[r.issue.instrument]["done"] += done
        for dept in r.issue.departments.all():
            by_department[dept.name]["total"] += 1
            by_department[dept.name]["done"] += done
        if r.issue_id not in done_so_far and r.issue.due_date < today:
            overdue.append(r)
        if not r.evidence.all():
            no_evidence.append(r)
    for bucket in [*by_instrument.values(), *by_department.values()]:
        bucket["percent"] = round(100 * bucket["done"] / bucket["total"]) if bucket["total"] else 0
    return {
        "results": results,
        "by_instrument": by_instrument,
        "by_department": dict(sorted(by_department.items())),
        "overdue": overdue,
        "no_evidence": no_evidence,
    }


def may_update_result(membership, issue: Issue) -> bool:
    """Coordinators and admins update every issue; department staff only the issues their
    department is responsible for; executives and viewers read only."""
    if membership is None:
        return False
    if membership.manages_plans:
        return True
    if membership.role == membership.Role.DEPARTMENT_STAFF and membership.department_id:
        return any(d.id == membership.department_id for d in issue.departments.all())
    return False


def unanswered_flagged(*, plan: Plan, issues, summary):
    """Flagged indicators (below the pass mark) of the plan's framework with no issue yet."""
    answered = {i.indicator_id for i in issues if i.indicator_id}
    return [line for line in summary.flagged if line.indicator.id not in answered]


def unanswered_oit_items(*, issues, summary):
    """OIT items scored 0 in the answered result with no issue of the plan pointing at them."""
    if summary.result is None:
        return []
    answered = {i.oit_item_id for i in issues if i.oit_item_id}
    failed = summary.result.oit_scores.filter(score=0).select_related("item").order_by("item__position")
    return [s.item for s in failed if s.item_id not in answered]
