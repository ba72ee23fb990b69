"""Public content of the site for the search index (see core.signals.public_content_changed).

Sources: portal.publication, portal.infopage, portal.faqentry, portal.executive (one per
person, linking to the executives page) and portal.contact (object_id = the organization's id:
the contact page with its social links)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from prongsai.core.sanitize import clean_html

from .models import Executive, FaqEntry, InfoPage, Publication, SocialLink

SOURCES = ("portal.publication", "portal.infopage", "portal.faqentry", "portal.executive", "portal.contact")
INFO_URLS = {"structure": "portal:structure", "duties": "portal:duties", "laws": "portal:laws",
             "history": "portal:history"}


def _text(html: str) -> str:
    return " ".join(strip_tags(clean_html(html or "")).split())


def _url(organization, name, **kwargs):
    return reverse(name, kwargs={"org_slug": organization.slug, **kwargs})


def _publication(organization, pub: Publication) -> dict:
    return {
        "title": pub.title,
        "body_text": " ".join(filter(None, [_text(pub.body), *(
            f"{r.item} {r.method} {r.winner} {r.bidders} {r.reason} {r.contract_no}"
            for r in pub.procurement_rows.all())])),
        "url": _url(organization, "portal:publication", pk=pub.pk),
        "category": pub.category,
        "fiscal_year": pub.fiscal_year,
        "published_at": timezone.make_aware(dt.datetime.combine(pub.publication_date, dt.time(9, 0))),
        "attachments": [a.file.path for a in pub.attachments.all() if a.file],
    }


def _executive(organization, e: Executive) -> dict:
    return {
        "title": f"{e.full_name} — {e.position}",
        "body_text": f"{e.full_name} {e.position} {e.get_side_display()} {e.department.name if e.department else ''}",
        "url": _url(organization, "portal:executives"), "category": "executives", "fiscal_year": None,
        "published_at": e.updated_at, "attachments": [],
    }


def _contact(organization) -> dict:
    social = " ".join(f"{s.get_network_display()} {s.label}" for s in SocialLink.objects.filter(organization=organization))
    return {
        "title": f"ข้อมูลการติดต่อ {organization.name}",
        "body_text": " ".join(filter(None, [organization.address, organization.phone, organization.fax,
                                            organization.email, social])),
        "url": _url(organization, "portal:contact"), "category": "contact", "fiscal_year": None,
        "published_at": None, "attachments": [],
    }


def document(*, organization, source: str, object_id) -> dict | None:
    """The public document for one row, or None when it is not (or no longer) public."""
    if source == "portal.publication":
        pub = (Publication.objects.filter(organization=organization, pk=object_id,
                                          status=Publication.Status.PUBLISHED)
               .prefetch_related("attachments", "procurement_rows").first())
        return _publication(organization, pub) if pub else None
    if source == "portal.infopage":
        page = InfoPage.objects.filter(organization=organization, pk=object_id).first()
        if page is None or not page.body:
            return None
        return {"title": page.get_kind_display(), "body_text": _text(page.body),
                "url": _url(organization, INFO_URLS[page.kind]), "category": f"page-{page.kind}",
                "fiscal_year": None, "published_at": page.updated_at, "attachments": []}
    if source == "portal.faqentry":
        q = FaqEntry.objects.filter(organization=organization, pk=object_id, is_published=True).first()
        if q is None:
            return None
        return {"title": q.question, "body_text": q.answer, "url": _url(organization, "portal:questions"),
                "category": "qa", "fiscal_year": None, "published_at": q.updated_at, "attachments": []}
    if source == "portal.executive":
        e = Executive.objects.filter(organization=organization, pk=object_id).select_related("department").first()
        return _executive(organization, e) if e else None
    if source == "portal.contact":
        return _contact(organization) if str(object_id) == str(organization.pk) else None
    return None


def documents(*, organization) -> Iterator[dict]:
    """Every public document of the organization (for index rebuilds): the dict of `document`
    plus its "source" and "object_id"."""

    def tagged(source, object_id, doc):
        return {**doc, "source": source, "object_id": object_id}

    for pub in (Publication.objects.filter(organization=organization, status=Publication.Status.PUBLISHED)
                .prefetch_related("attachments", "procurement_rows").order_by("id").iterator(chunk_size=500)):
        yield tagged("portal.publication", pub.pk, _publication(organization, pub))
    for page in InfoPage.objects.filter(organization=organization):
        doc = document(organization=organization, source="portal.infopage", object_id=page.pk)
        if doc:
            yield tagged("portal.infopage", page.pk, doc)
    for q in FaqEntry.objects.filter(organization=organization, is_published=True):
        yield tagged("portal.faqentry", q.pk, document(organization=organization, source="portal.faqentry",
                                                      object_id=q.pk))
    for e in Executive.objects.filter(organization=organization).select_related("department"):
        yield tagged("portal.executive", e.pk, _executive(organization, e))
    yield tagged("portal.contact", organization.pk, _contact(organization))
