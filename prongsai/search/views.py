"""The public search page of an organization's site."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .text import to_int


@require_GET
def search(request, org_slug):
    org = request.organization
    q = request.GET.get("q", "")[:2000]
    category = request.GET.get("category", "")[:100]
    year = to_int(request.GET.get("year"))
    found = selectors.search(organization=org, q=q, category=category, fiscal_year=year, page=request.GET.get("page"))
    categories, years = selectors.filter_options(organization=org)
    return render(request, "search/search.html", {
        "found": found, "q": q.strip(), "category": category, "year": year,
        "categories": categories, "years": years,
    })
