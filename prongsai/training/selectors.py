from __future__ import annotations

import datetime as dt

from prongsai.core.thai import fiscal_year_bounds
from prongsai.measures.models import RoundResult
from prongsai.tenancy.models import Department, Membership

from .models import Attendance, HRAnnouncement


def training_coverage(*, organization, fiscal_year: int):
    """Per department: who was trained in the fiscal year and who is missing ("everyone trained")."""
    start, end = fiscal_year_bounds(fiscal_year)
    trained = set(
        Attendance.objects.filter(organization=organization, course__start_date__range=(start, end))
        .values_list("membership_id", flat=True)
    )
    members = Membership.objects.filter(organization=organization, is_active=True).select_related("user", "department")
    rows = {}
    for dept in Department.objects.filter(organization=organization):
        rows[dept.pk] = {"name": dept.name, "trained": [], "missing": []}
    rows[None] = {"name": "ไม่ระบุสังกัด", "trained": [], "missing": []}
    for m in members:
        rows[m.department_id]["trained" if m.pk in trained else "missing"].append(m)
    out = [r for r in rows.values() if r["trained"] or r["missing"]]
    for r in out:
        total = len(r["trained"]) + len(r["missing"])
        r["percent"] = round(100 * len(r["trained"]) / total) if total else 0
    return out


def hr_warnings(*, organization, today: dt.date):
    """Evaluation rounds that have started without their announcement published beforehand."""
    return [
        a for a in HRAnnouncement.objects.filter(organization=organization, round_start__lte=today)
        if not a.published_in_time
    ]


def evidence_targets(*, organization):
    """Round results of the organization's latest plan, for "attach as evidence"."""
    results = (
        RoundResult.objects.filter(organization=organization)
        .select_related("issue", "round__plan")
        .order_by("-round__plan__fiscal_year", "round__number", "issue__instrument", "issue__position")
    )
    latest = results.first()
    if latest is None:
        return []
    return [r for r in results if r.round.plan_id == latest.round.plan_id]
