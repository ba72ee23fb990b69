"""Issued documents for the search index (see core.signals.public_content_changed).

Source "reports.document": an issued document (every issued version stays public). The dict has
the same keys as the portal's: title, body_text, url, category, fiscal_year, published_at,
attachments (the stored PDF's path)."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from .build import assemble, text_of
from .models import Document

SOURCES = ("reports.document",)


def _doc(organization, doc: Document) -> dict:
    model = assemble(doc)
    return {
        "title": f"{model['title']} (ฉบับที่ {doc.version})" if doc.version > 1 else model["title"],
        "body_text": " ".join(text_of(model).replace("\u200b", "").split()),
        "url": reverse("reports:public_file", kwargs={"org_slug": organization.slug, "pk": doc.pk, "fmt": "pdf"}),
        "category": f"reports-{doc.kind}",
        "fiscal_year": doc.plan.fiscal_year,
        "published_at": doc.issued_at,
        "attachments": [doc.pdf.path] if doc.pdf else [],
    }


def _issued(organization):
    return (Document.objects.filter(organization=organization, status=Document.Status.ISSUED)
            .select_related("plan", "round", "prepared_by", "organization"))


def document(*, organization, source: str, object_id) -> dict | None:
    """The public document for one row, or None when it is not public."""
    if source != "reports.document":
        return None
    doc = _issued(organization).filter(pk=object_id).first()
    return _doc(organization, doc) if doc else None


def documents(*, organization) -> Iterator[dict]:
    for doc in _issued(organization).order_by("id"):
        yield {**_doc(organization, doc), "source": "reports.document", "object_id": doc.pk}
