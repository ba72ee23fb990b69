"""sitemap.xml of one organization: its fixed pages, category pages and public publications."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from . import categories, selectors

STATIC_PAGES = ["portal:home", "portal:structure", "portal:executives", "portal:duties", "portal:contact",
                "portal:laws", "portal:questions", "portal:publications"]
MAX_URLS = 50_000


def sitemap(request, org_slug):
    org = request.organization
    base = request.build_absolute_uri("/").rstrip("/")
    urls = [{"loc": base + reverse(name, kwargs={"org_slug": org.slug})} for name in STATIC_PAGES]
    used = set(selectors.public_publications(organization=org).values_list("category", flat=True).distinct())
    for slug in categories.all_categories():
        if slug in used:
            urls.append({"loc": base + reverse("portal:category", kwargs={"org_slug": org.slug, "category": slug})})
    rows = (selectors.public_publications(organization=org).values_list("pk", "updated_at")
            [:MAX_URLS - len(urls)])
    for pk, updated in rows:
        urls.append({"loc": base + reverse("portal:publication", kwargs={"org_slug": org.slug, "pk": pk}),
                     "lastmod": updated.date().isoformat()})
    xml = render_to_string("portal/sitemap.xml", {"urls": urls})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")
