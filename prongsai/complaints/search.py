"""Public content of the complaints app for the search index (core.signals.public_content_changed):
complaints.guideline (the O27 complaint-handling guideline, when published) and
complaints.topic (published participation topics, with their summary once published)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from prongsai.core.thai import fiscal_year_of

from .models import Guideline, Topic

CATEGORY_LABELS = {"complaints": "การจัดการเรื่องร้องเรียน", "participation": "การมีส่วนร่วม"}


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


def _url(organization, name, **kwargs) -> str:
    return reverse(name, kwargs={"org_slug": organization.slug, **kwargs})


def _guideline(organization, g: Guideline) -> dict:
    return {
        "title": g.title,
        "body_text": "\n".join(filter(None, [g.intro, g.channels, g.steps, g.responsible_unit, g.contact, g.protection])),
        "url": _url(organization, "complaints:guideline"),
        "category": "complaints",
        "fiscal_year": fiscal_year_of(g.published_at.date()) if g.published_at else None,
        "published_at": g.published_at,
        "attachments": [],
    }


def _topic(organization, t: Topic) -> dict:
    summary = [t.outcome, t.usage] if t.summary_published_at else []
    return {
        "title": t.title,
        "body_text": "\n".join(filter(None, [t.get_kind_display(), t.description, *summary])),
        "url": _url(organization, "complaints:topic_detail", pk=t.pk),
        "category": "participation",
        "fiscal_year": fiscal_year_of(t.opens_on),
        "published_at": t.created_at,
        "attachments": [],
    }


def document(*, organization, source: str, object_id) -> dict | None:
    if source == "complaints.guideline":
        g = Guideline.objects.filter(organization=organization, pk=object_id, is_published=True).first()
        return _guideline(organization, g) if g else None
    if source == "complaints.topic":
        t = Topic.objects.filter(organization=organization, pk=object_id, is_published=True).first()
        return _topic(organization, t) if t else None
    return None


def documents(*, organization) -> Iterator[tuple[str, int, dict]]:
    for g in Guideline.objects.filter(organization=organization, is_published=True):
        yield "complaints.guideline", g.pk, _guideline(organization, g)
    for t in Topic.objects.filter(organization=organization, is_published=True):
        yield "complaints.topic", t.pk, _topic(organization, t)
