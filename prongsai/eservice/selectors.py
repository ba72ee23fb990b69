"""Reads for the e-service pages."""

from __future__ import annotations

from .models import RequestType, Service, ServiceRequest


def published_services(*, organization):
    return Service.objects.filter(organization=organization, is_published=True).select_related("department")


def active_types(*, organization):
    return RequestType.objects.filter(organization=organization, is_active=True)


OPEN = (ServiceRequest.Status.RECEIVED, ServiceRequest.Status.IN_PROGRESS)
SHOW = {"open": "ยังไม่เสร็จ", "mine": "มอบหมายให้ฉัน", "overdue": "เกินกำหนด", "all": "ทั้งหมด"}


def requests_for(*, organization, membership, status: str = "", show: str = ""):
    """Staff of a department see the requests their department handles and those assigned to
    them by name; managers and executives see all. show: open | mine | overdue | all."""
    from django.db.models import Q
    from django.utils import timezone

    qs = ServiceRequest.objects.filter(organization=organization).select_related("department", "request_type",
                                                                                 "assignee")
    if membership.role == membership.Role.DEPARTMENT_STAFF:
        mine = Q(assignee=membership.user_id)
        qs = qs.filter((Q(department=membership.department_id) | mine) if membership.department_id else mine)
    if status:
        qs = qs.filter(status=status)
    if show == "open":
        qs = qs.filter(status__in=OPEN)
    elif show == "mine":
        qs = qs.filter(assignee=membership.user_id, status__in=OPEN)
    elif show == "overdue":
        qs = qs.filter(status__in=OPEN, due_date__lt=timezone.localdate())
    return qs


def inbox_counts(*, organization, membership) -> dict[str, int]:
    return {key: requests_for(organization=organization, membership=membership, show=key).count() for key in SHOW}


def monthly_statistics(*, organization, fiscal_year: int) -> dict:
    """Per request type × month of the fiscal year: requests received, done, rejected, open.
    No personal data."""
    from collections import defaultdict

    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    from prongsai.complaints.selectors import fiscal_months
    from prongsai.core.thai import fiscal_year_bounds

    start, end = fiscal_year_bounds(fiscal_year)
    months = fiscal_months(fiscal_year)
    rows = (ServiceRequest.objects.filter(organization=organization, received_at__date__gte=start,
                                          received_at__date__lte=end)
            .annotate(month=TruncMonth("received_at")).values("request_type", "month", "status")
            .annotate(n=Count("id")))
    counts = defaultdict(lambda: defaultdict(int))
    for row in rows:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        counts[row["request_type"]][(month.replace(day=1), row["status"])] += row["n"]
    table = []
    for rtype in RequestType.objects.filter(organization=organization):
        c = counts.get(rtype.pk, {})
        cells = []
        for m in months:
            total = sum(v for (mm, _s), v in c.items() if mm == m)
            done = c.get((m, "done"), 0)
            cells.append({"month": m, "total": total, "done": done})
        table.append({"type": rtype, "cells": cells, "total": sum(x["total"] for x in cells),
                      "done": sum(x["done"] for x in cells)})
    return {"months": months, "rows": table}
