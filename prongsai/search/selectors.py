"""Reads for the search page and API."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from .engine import Hits
from .models import SearchEntry
from .snippets import SNIPPET_CHARS, highlight
from .text import QueryWord, query_words, to_int

PER_PAGE = 10


@dataclass
class Result:
    entry: SearchEntry
    title: str  # escaped and marked
    snippet: str  # escaped and marked


@dataclass
class SearchPage:
    query: str
    qwords: list[QueryWord]
    page: Page | None
    results: list[Result]
    total: int


def filter_options(*, organization):
    """(categories [(key, label)], fiscal years [desc]) present in the organization's index
    (one scan of the covering index searchentry_filters)."""
    rows = (SearchEntry.objects.filter(organization=organization)
            .values_list("category", "category_label", "fiscal_year").distinct())
    categories, years = {}, set()
    for category, label, year in rows:
        if category:
            categories.setdefault(category, label or category)
        if year:
            years.add(year)
    return sorted(categories.items(), key=lambda c: c[1]), sorted(years, reverse=True)


def search(*, organization, q: str, category: str = "", fiscal_year=None, page=1, per_page: int = PER_PAGE) -> SearchPage:
    qwords = query_words(q)
    year = to_int(fiscal_year)
    category = "".join(c for c in str(category or "")[:100] if c.isprintable())  # no NUL for PostgreSQL
    hits = Hits(organization=organization, qwords=qwords, category=category, fiscal_year=year)
    paginator = Paginator(hits, per_page)
    current = paginator.get_page(to_int(page) or 1) if qwords else None
    results = [
        Result(entry=e, title=highlight(e.title, qwords), snippet=highlight(e.body, qwords, window=SNIPPET_CHARS))
        for e in (current.object_list if current else [])
    ]
    return SearchPage(query=q, qwords=qwords, page=current, results=results, total=hits.count())
