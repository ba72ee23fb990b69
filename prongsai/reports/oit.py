"""Where this app publishes OIT items, for the OIT index of the portal.

Items are found by their title in the year's framework (codes move between years), never by a
hard-coded code: the issued round reports answer “การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความ
โปร่งใสภายในหน่วยงาน” (O43 in 2566), the issued plan announcement answers “มาตรการส่งเสริม
คุณธรรมและความโปร่งใสภายในหน่วยงาน” (O42)."""

from __future__ import annotations

from django.urls import reverse

from .build import PLAN_ITEM, ROUND_ITEM, oit_item
from .models import Kind
from .selectors import issued_documents


def _latest_versions(documents):
    latest = {}
    for doc in documents:
        key = (doc.kind, doc.round_id)
        if key not in latest or doc.version > latest[key].version:
            latest[key] = doc
    return sorted(latest.values(), key=lambda d: (d.kind, d.round.number if d.round_id else 0))


def oit_links(*, organization, framework) -> list[dict]:
    """[{item_code, title, url, published_at}] — url is a path on this site."""
    documents = _latest_versions(issued_documents(organization=organization, fiscal_year=framework.fiscal_year))
    links = []
    for doc in documents:
        if doc.kind == Kind.ROUND:
            item = oit_item(framework, ROUND_ITEM)
            title = f"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {doc.round} " \
                    f"ปีงบประมาณ พ.ศ. {doc.plan.fiscal_year}"
        elif doc.kind == Kind.PLAN:
            item = oit_item(framework, PLAN_ITEM)
            title = f"ประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. {doc.plan.fiscal_year}"
        else:
            continue
        if item is None:
            continue
        url = reverse("reports:public_file", kwargs={"org_slug": organization.slug, "pk": doc.pk, "fmt": "pdf"})
        links.append({"item_code": item.code, "title": title, "url": url, "published_at": doc.issued_at})
    return links



