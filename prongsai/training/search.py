"""Public content of the training app for the search index (core.signals.public_content_changed):
training.hrannouncement (HR criteria once their publication day has come, with the PDF's text)
and training.propertyrule (published rules for using public property)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone

from prongsai.core.thai import fiscal_year_of

from .models import HRAnnouncement, PropertyRule

CATEGORY_LABELS = {"hr-criteria": "ประกาศหลักเกณฑ์ด้านบุคคล", "property-rules": "ระเบียบการใช้ทรัพย์สินของราชการ"}


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


def _public_hr(organization):
    return HRAnnouncement.objects.filter(organization=organization, published_on__isnull=False,
                                         published_on__lte=timezone.localdate())


def _hr(organization, a: HRAnnouncement) -> dict:
    return {
        "title": a.title,
        "body_text": f"{a.get_kind_display()}\n{a.body}",
        "url": reverse("training:public_hr", kwargs={"org_slug": organization.slug}),
        "category": "hr-criteria",
        "fiscal_year": fiscal_year_of(a.round_start),
        "published_at": a.published_on,
        "attachments": [a.file.path] if a.file else [],
    }


def _rule(organization, r: PropertyRule) -> dict:
    return {
        "title": r.title,
        "body_text": r.body,
        "url": reverse("training:public_property", kwargs={"org_slug": organization.slug}),
        "category": "property-rules",
        "fiscal_year": None,
        "published_at": r.updated_at,
        "attachments": [],
    }


def document(*, organization, source: str, object_id) -> dict | None:
    if source == "training.hrannouncement":
        a = _public_hr(organization).filter(pk=object_id).first()
        return _hr(organization, a) if a else None
    if source == "training.propertyrule":
        r = PropertyRule.objects.filter(organization=organization, pk=object_id, published=True).first()
        return _rule(organization, r) if r else None
    return None


def documents(*, organization) -> Iterator[tuple[str, int, dict]]:
    for a in _public_hr(organization):
        yield "training.hrannouncement", a.pk, _hr(organization, a)
    for r in PropertyRule.objects.filter(organization=organization, published=True):
        yield "training.propertyrule", r.pk, _rule(organization, r)
