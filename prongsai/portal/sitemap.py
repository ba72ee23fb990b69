"""sitemap.xml of one organization: its fixed pages, category pages and public publications."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import escape

from . import categories, selectors

STATIC_PAGES = ["portal:home", "portal:structure", "portal:executives", "portal:duties", "portal:contact",
                "portal:laws", "portal:questions", "portal:publications"]
MAX_URLS = 50_000


def sitemap(request, org_slug):
    org = request.organization
    base = request.build_absolute_uri("/").rstrip("/")
    urls = [(base + reverse(name, kwargs={"org_slug": org.slug}), None) for name in STATIC_PAGES]
    public = selectors.public_publications(organization=org)
    used = set(public.order_by().values_list("category", flat=True).distinct())
    for slug in categories.all_categories():
        if slug in used:
            urls.append((base + reverse("portal:category", kwargs={"org_slug": org.slug, "category": slug}), None))
    # one reverse() for the pattern, not one per publication
    pattern = base + reverse("portal:publication", kwargs={"org_slug": org.slug, "pk": 0})
    head, tail = pattern.rsplit("/0/", 1)
    for pk, updated in public.values_list("pk", "updated_at")[:MAX_URLS - len(urls)]:
        urls.append((f"{head}/{pk}/{tail}", updated.date().isoformat()))
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in urls:
        parts.append(f"<url><loc>{escape(loc)}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>")
    parts.append("</urlset>\n")
    return HttpResponse("\n".join(parts), content_type="application/xml; charset=utf-8")
