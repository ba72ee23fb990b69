"""Reads for the complaints pages. Each takes the organization as a keyword."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from prongsai.core.thai import fiscal_year_bounds, fiscal_year_of

from .models import (
    Complaint,
    ComplaintOfficer,
    CorruptionReport,
    Guideline,
    ReportAccess,
    Topic,
    TopicComment,
)


def complaints_for(*, organization, membership, status: str = ""):
    """Staff of a department see the complaints assigned to their department; managers and
    executives see all."""
    qs = Complaint.objects.filter(organization=organization).select_related("department")
    if membership.role == membership.Role.DEPARTMENT_STAFF:
        qs = qs.filter(department=membership.department_id) if membership.department_id else qs.none()
    if status:
        qs = qs.filter(status=status)
    return qs


def reports_for(*, organization, status: str = ""):
    qs = CorruptionReport.objects.filter(organization=organization).annotate(evidence_count=Count("evidence"))
    return qs.filter(status=status) if status else qs


def officers_for(*, organization):
    return ComplaintOfficer.objects.filter(organization=organization).select_related("membership__user",
                                                                                     "membership__department")


def access_log(*, organization, report=None):
    qs = ReportAccess.objects.filter(organization=organization).select_related("user", "report")
    return qs.filter(report=report) if report is not None else qs


def published_guideline(*, organization) -> Guideline | None:
    return Guideline.objects.filter(organization=organization, is_published=True).first()


def fiscal_months(fiscal_year: int) -> list[dt.date]:
    start, _end = fiscal_year_bounds(fiscal_year)
    months = []
    year, month = start.year, start.month
    for _ in range(12):
        months.append(dt.date(year, month, 1))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return months


def _statistics(qs, *, date_field: str, fiscal_year: int, categories, statuses) -> dict:
    """Counts per month × status and per category × status for one fiscal year. No personal
    data: only the category, the status and the month."""
    start, end = fiscal_year_bounds(fiscal_year)
    # A DateTimeField is compared by its local date (the month boundaries are Thai time).
    lookup = f"{date_field}__date" if qs.model._meta.get_field(date_field).get_internal_type() == "DateTimeField" else date_field
    rows = (
        qs.filter(**{f"{lookup}__gte": start, f"{lookup}__lte": end})
        .annotate(month=TruncMonth(date_field))
        .values("month", "category", "status")
        .annotate(n=Count("id"))
    )
    status_keys = [s for s, _label in statuses]
    by_month = {m: {s: 0 for s in status_keys} for m in fiscal_months(fiscal_year)}
    by_category = {c: {s: 0 for s in status_keys} for c, _label in categories}
    for row in rows:
        month = row["month"]
        if isinstance(month, dt.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        month = month.replace(day=1)
        if month in by_month:
            by_month[month][row["status"]] += row["n"]
        if row["category"] in by_category:
            by_category[row["category"]][row["status"]] += row["n"]
    category_labels = dict(categories)
    month_rows = [{"month": m, "counts": [c[s] for s in status_keys], "total": sum(c.values())} for m, c in by_month.items()]
    category_rows = [{"label": category_labels[k], "counts": [c[s] for s in status_keys], "total": sum(c.values())}
                     for k, c in by_category.items()]
    totals = [sum(r["counts"][i] for r in month_rows) for i in range(len(status_keys))]
    return {
        "statuses": [label for _s, label in statuses],
        "months": month_rows,
        "categories": category_rows,
        "totals": totals,
        "total": sum(totals),
    }


def report_statistics(*, organization, fiscal_year: int) -> dict:
    return _statistics(CorruptionReport.objects.filter(organization=organization), date_field="received_on",
                       fiscal_year=fiscal_year, categories=CorruptionReport.Category.choices,
                       statuses=CorruptionReport.Status.choices)


def complaint_statistics(*, organization, fiscal_year: int) -> dict:
    return _statistics(Complaint.objects.filter(organization=organization), date_field="received_at",
                       fiscal_year=fiscal_year, categories=Complaint.Category.choices,
                       statuses=Complaint.Status.choices)


def statistics_years(*, organization) -> list[int]:
    """Fiscal years that have any report or complaint, the current one and every ITA framework
    year (an assessor opening O29 of a year with no reports must see zeros, not a 404), newest
    first."""
    from prongsai.ita.models import Framework

    years = {fiscal_year_of(timezone.localdate())}
    years.update(Framework.objects.values_list("fiscal_year", flat=True))
    for month in CorruptionReport.objects.filter(organization=organization).dates("received_on", "month"):
        years.add(fiscal_year_of(month))
    for month in Complaint.objects.filter(organization=organization).datetimes("received_at", "month"):
        years.add(fiscal_year_of(month.date()))
    return sorted(years, reverse=True)


# --- participation --------------------------------------------------------------------------


def public_topics(*, organization):
    return (
        Topic.objects.filter(organization=organization, is_published=True)
        .select_related("department")
        .annotate(published_comments=Count("comments", filter=Q(comments__status=TopicComment.Status.PUBLISHED)))
    )


def staff_topics(*, organization):
    return (
        Topic.objects.filter(organization=organization)
        .select_related("department")
        .annotate(
            pending_comments=Count("comments", filter=Q(comments__status=TopicComment.Status.PENDING)),
            published_comments=Count("comments", filter=Q(comments__status=TopicComment.Status.PUBLISHED)),
        )
    )


def published_comments(*, topic: Topic):
    return TopicComment.objects.filter(organization=topic.organization, topic=topic,
                                       status=TopicComment.Status.PUBLISHED)
