"""Reads for the public site, the staff pages, the API, search and the OIT index. Every
function takes `organization=` and filters by it explicitly."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from . import categories
from .models import Attachment, Executive, FaqEntry, InfoPage, Publication, SiteProfile, SocialLink

PAGE_SIZE = 20


def public_publications(*, organization) -> QuerySet:
    return (Publication.objects.filter(organization=organization, status=Publication.Status.PUBLISHED)
            .select_related("department").order_by("-publication_date", "-id"))


def publication_list(*, organization, category: str | None = None, fiscal_year: int | None = None) -> QuerySet:
    qs = public_publications(organization=organization)
    if category:
        qs = qs.filter(category=category)
    if fiscal_year:
        qs = qs.filter(fiscal_year=fiscal_year)
    return qs


def publication_detail(*, organization, pk: int) -> Publication | None:
    """A published or withdrawn publication (a withdrawn one shows its withdrawal notice)."""
    return (Publication.objects.filter(organization=organization, pk=pk)
            .exclude(status=Publication.Status.DRAFT)
            .select_related("department")
            .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")),
                              "procurement_rows")
            .first())


def fiscal_years(*, organization, category: str | None = None) -> list[int]:
    qs = public_publications(organization=organization)
    if category:
        qs = qs.filter(category=category)
    return list(qs.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct())


def feed_items(*, organization, limit: int = 30) -> QuerySet:
    slugs = [c.slug for c in categories.all_categories().values() if c.feed]
    return public_publications(organization=organization).filter(category__in=slugs)[:limit]


def executives(*, organization) -> dict[str, list[Executive]]:
    out = {Executive.Side.POLITICAL: [], Executive.Side.OFFICIAL: []}
    for e in Executive.objects.filter(organization=organization).select_related("department"):
        out.setdefault(e.side, []).append(e)
    return out


def info_page(*, organization, kind: str) -> InfoPage | None:
    return InfoPage.objects.filter(organization=organization, kind=kind).first()


def social_links(*, organization) -> QuerySet:
    return SocialLink.objects.filter(organization=organization)


def questions(*, organization) -> QuerySet:
    return FaqEntry.objects.filter(organization=organization, is_published=True)


def profile(*, organization) -> SiteProfile | None:
    return SiteProfile.objects.filter(organization=organization).first()


def home(*, organization) -> dict:
    pubs = public_publications(organization=organization)
    news = [c.slug for c in categories.all_categories().values() if c.group == "news"]
    procurement = [c.slug for c in categories.all_categories().values() if c.group == "procurement"]
    execs = Executive.objects.filter(organization=organization).order_by("side", "order", "id")
    return {
        "news": list(pubs.filter(category__in=news)[:6]),
        "procurement": list(pubs.filter(category__in=procurement)[:5]),
        "latest": list(pubs.exclude(category__in=news + procurement)[:6]),
        "chief": execs.filter(side=Executive.Side.POLITICAL).first(),
        "clerk": execs.filter(side=Executive.Side.OFFICIAL).first(),
        "social": list(social_links(organization=organization)),
    }
