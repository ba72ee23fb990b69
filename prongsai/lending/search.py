"""Public content of the lending app for the search index (core.signals.public_content_changed):
lending.lendableitem (items and venues open for lending) and lending.procedure (the published
borrowing procedure; object_id = the procedure's id)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from .models import LendableItem, Procedure

CATEGORY_LABELS = {"lending": "ยืมครุภัณฑ์/สถานที่"}


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


def _item(organization, item: LendableItem) -> dict:
    return {
        "title": item.name,
        "body_text": "\n".join(filter(None, [item.get_kind_display(), item.description, item.location,
                                             item.conditions, item.department.name if item.department else ""])),
        "url": reverse("lending:item_detail", kwargs={"org_slug": organization.slug, "pk": item.pk}),
        "category": "lending",
        "fiscal_year": None,
        "published_at": item.created_at,
        "attachments": [],
    }


def _procedure(organization, p: Procedure) -> dict:
    steps = [" ".join(filter(None, [s.get("title", ""), s.get("who", ""), s.get("time", "")]))
             for s in (p.steps or []) if isinstance(s, dict)]
    return {
        "title": p.title,
        "body_text": "\n".join(filter(None, [p.intro, *steps])),
        "url": reverse("lending:procedure", kwargs={"org_slug": organization.slug}),
        "category": "lending",
        "fiscal_year": None,
        "published_at": p.updated_at,
        "attachments": [],
    }


def document(*, organization, source: str, object_id) -> dict | None:
    if source == "lending.lendableitem":
        item = LendableItem.objects.filter(organization=organization, pk=object_id, is_active=True) \
            .select_related("department").first()
        return _item(organization, item) if item else None
    if source == "lending.procedure":
        p = Procedure.objects.filter(organization=organization, pk=object_id).first()
        return _procedure(organization, p) if p else None
    return None


def documents(*, organization) -> Iterator[tuple[str, int, dict]]:
    for item in LendableItem.objects.filter(organization=organization, is_active=True).select_related("department"):
        yield "lending.lendableitem", item.pk, _item(organization, item)
    for p in Procedure.objects.filter(organization=organization):
        yield "lending.procedure", p.pk, _procedure(organization, p)
