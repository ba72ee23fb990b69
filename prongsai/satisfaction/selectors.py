"""Reads for satisfaction results: per month (staff) and per year (public)."""

from __future__ import annotations

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth

from prongsai.complaints.selectors import fiscal_months
from prongsai.core.thai import fiscal_year_bounds

from .models import SatisfactionSurvey, SurveyResponse


def _year(qs, fiscal_year):
    start, end = fiscal_year_bounds(fiscal_year)
    return qs.filter(created_at__date__gte=start, created_at__date__lte=end)


def summary(qs) -> dict:
    agg = qs.aggregate(n=Count("id"), mean=Avg("score"), satisfied=Count("id", filter=Q(score__gte=4)))
    n = agg["n"] or 0
    return {"n": n, "mean": round(agg["mean"] or 0, 2), "percent": round(100 * agg["satisfied"] / n, 1) if n else 0,
            "by_score": {s: qs.filter(score=s).count() for s in range(5, 0, -1)}}


def monthly(*, survey: SatisfactionSurvey, fiscal_year: int) -> list[dict]:
    rows = (_year(survey.responses.all(), fiscal_year).annotate(month=TruncMonth("created_at"))
            .values("month").annotate(n=Count("id"), mean=Avg("score")))
    found = {}
    for r in rows:
        m = r["month"].date() if hasattr(r["month"], "date") else r["month"]
        found[m.replace(day=1)] = r
    out = []
    for m in fiscal_months(fiscal_year):
        r = found.get(m)
        out.append({"month": m, "n": r["n"] if r else 0, "mean": round(r["mean"], 2) if r else 0})
    return out


def yearly(*, organization, fiscal_year: int) -> list[dict]:
    out = []
    for survey in SatisfactionSurvey.objects.filter(organization=organization).select_related("service"):
        qs = _year(survey.responses.all(), fiscal_year)
        out.append({"survey": survey, **summary(qs),
                    "comments": list(qs.filter(comment_status=SurveyResponse.CommentStatus.APPROVED)[:20])})
    return out
