"""Public content of the measures app for the search index: measures.plan — a published plan,
only once the site has a public page for it (URL name "measures:public_plan", kwargs year).
Until then there is nothing public to link to, so nothing is indexed."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import NoReverseMatch, reverse

from .models import Plan


def category_label(category: str) -> str:
    return {"integrity-plan": "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"}.get(category, category)


def _plan(organization, plan: Plan) -> dict | None:
    try:
        url = reverse("measures:public_plan", kwargs={"org_slug": organization.slug, "year": plan.fiscal_year})
    except NoReverseMatch:
        return None
    issues = plan.issues.all().prefetch_related("methods")
    lines = []
    for issue in issues:
        lines.append(issue.title)
        lines.extend(m.text for m in issue.methods.all() if getattr(m, "text", ""))
    return {"title": str(plan), "body_text": "\n".join(lines), "url": url, "category": "integrity-plan",
            "fiscal_year": plan.fiscal_year, "published_at": plan.updated_at, "attachments": []}


def document(*, organization, source: str, object_id) -> dict | None:
    if source != "measures.plan":
        return None
    plan = Plan.objects.filter(organization=organization, pk=object_id, status=Plan.Status.PUBLISHED).first()
    return _plan(organization, plan) if plan else None


def documents(*, organization) -> Iterator[tuple[str, int, dict]]:
    for plan in Plan.objects.filter(organization=organization, status=Plan.Status.PUBLISHED):
        doc = _plan(organization, plan)
        if doc:
            yield "measures.plan", plan.pk, doc
