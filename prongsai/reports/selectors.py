"""Reads for the reports pages. Each takes the organization as a keyword."""

from __future__ import annotations

from .models import Document


def documents_for(*, organization):
    return (Document.objects.filter(organization=organization)
            .select_related("plan", "round", "prepared_by").order_by("-plan__fiscal_year", "kind", "round__number",
                                                                     "-version"))


def issued_documents(*, organization, fiscal_year: int | None = None, kind: str | None = None):
    qs = (Document.objects.filter(organization=organization, status=Document.Status.ISSUED)
          .select_related("plan", "round").order_by("-issued_at"))
    if fiscal_year is not None:
        qs = qs.filter(plan__fiscal_year=fiscal_year)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs
