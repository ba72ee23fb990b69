"""Open data of an organization's public site: publications, executives, contact details and
monthly procurement summaries (สขร.๑), as JSON or CSV (`?format=csv` or the `.csv` endpoints).
Only published content; every list is paginated (`page`, 100 per page, CSV: everything)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from . import categories, exports, selectors
from .models import Executive, ProcurementRow, Publication

router = Router(tags=["portal (open data)"])
PAGE_SIZE = 100
FORMAT_DOC = "json (ค่าเริ่มต้น) หรือ csv"


class CategoryOut(Schema):
    slug: str
    name: str
    name_en: str
    group: str
    oit_titles: list[str] = Field(description="ชื่อข้อ OIT ที่หมวดนี้ใช้ตอบ (ขึ้นต้นด้วยข้อความนี้)")
    monthly: bool


class AttachmentOut(Schema):
    name: str
    kind: str
    size: int
    url: str


class PublicationOut(Schema):
    id: int
    title: str
    category: str
    category_name: str
    fiscal_year: int
    period: dt.date | None = Field(None, description="เดือนที่รายงาน (วันที่ ๑ ของเดือน) สำหรับรายงานรายเดือน")
    publication_date: dt.date
    department: str
    url: str
    attachments: list[AttachmentOut]


class PublicationPage(Schema):
    count: int
    page: int
    pages: int
    items: list[PublicationOut]


class ExecutiveOut(Schema):
    full_name: str
    position: str
    side: str = Field(description="political (ฝ่ายการเมือง) หรือ official (ฝ่ายประจำ)")
    phone: str
    email: str
    photo_url: str | None


class ContactOut(Schema):
    name: str
    address: str
    postcode: str
    phone: str
    fax: str
    email: str
    latitude: Decimal | None
    longitude: Decimal | None
    social: list[dict]


class ProcurementOut(Schema):
    publication_id: int
    month: dt.date | None
    position: int
    item: str
    amount: Decimal
    reference_price: Decimal | None
    method: str
    bidders: str
    winner: str
    winner_price: Decimal
    reason: str
    contract_no: str
    contract_date: dt.date


class ProcurementPage(Schema):
    count: int
    page: int
    pages: int
    items: list[ProcurementOut]


class PublicationFilter(Schema):
    category: str | None = Field(None, description="slug ของหมวด (ดู /categories)")
    fiscal_year: int | None = Field(None, description="ปีงบประมาณ พ.ศ. เช่น 2566")
    page: int = 1
    format: str = Field("json", description=FORMAT_DOC)


def _abs(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _pub_out(request, p: Publication) -> dict:
    slug = request.organization.slug
    return {
        "id": p.pk, "title": p.title, "category": p.category, "category_name": p.category_label,
        "fiscal_year": p.fiscal_year, "period": p.period, "publication_date": p.publication_date,
        "department": p.department.name,
        "url": _abs(request, reverse("portal:publication", kwargs={"org_slug": slug, "pk": p.pk})),
        "attachments": [{"name": a.name, "kind": a.kind, "size": a.size, "url": _abs(request, reverse(
            "portal:attachment", kwargs={"org_slug": slug, "pk": p.pk, "file_pk": a.pk}))} for a in p.attachments.all()],
    }


def _publications(request, filters: PublicationFilter):
    org = request.organization
    if filters.category and categories.get(filters.category) is None:
        raise Http404("ไม่พบหมวดนี้")
    return selectors.publication_list(organization=org, category=filters.category,
                                      fiscal_year=filters.fiscal_year).prefetch_related("attachments")


def _publications_csv(request, qs):
    rows = ([p["id"], p["title"], p["category"], p["category_name"], p["fiscal_year"], p["period"] or "",
             p["publication_date"], p["department"], p["url"], " ".join(a["url"] for a in p["attachments"])]
            for p in (_pub_out(request, x) for x in qs))
    return exports.csv_response(f"{request.organization.slug}-publications.csv",
                                ["id", "title", "category", "category_name", "fiscal_year", "period",
                                 "publication_date", "department", "url", "attachments"], rows)


def _page(qs, number: int):
    paginator = Paginator(qs, PAGE_SIZE)
    page = paginator.get_page(number)
    return paginator, page


@router.get("/orgs/{org_slug}/categories", response=list[CategoryOut], summary="หมวดเอกสารเผยแพร่")
def category_list(request, org_slug: str):
    return [{"slug": c.slug, "name": c.name, "name_en": c.name_en, "group": c.group, "oit_titles": list(c.oit),
             "monthly": c.monthly} for c in categories.all_categories().values()]


@router.get("/orgs/{org_slug}/publications", response=PublicationPage, summary="เอกสารเผยแพร่ (JSON หรือ ?format=csv)")
def publication_list(request, org_slug: str, filters: Query[PublicationFilter]):
    qs = _publications(request, filters)
    if filters.format == "csv":
        return _publications_csv(request, qs)
    paginator, page = _page(qs, filters.page)
    return {"count": paginator.count, "page": page.number, "pages": paginator.num_pages,
            "items": [_pub_out(request, p) for p in page]}


@router.get("/orgs/{org_slug}/publications.csv", summary="เอกสารเผยแพร่ (CSV)")
def publication_list_csv(request, org_slug: str, filters: Query[PublicationFilter]):
    return _publications_csv(request, _publications(request, filters))


@router.get("/orgs/{org_slug}/publications/{pub_id}", response=PublicationOut, summary="เอกสารเผยแพร่หนึ่งรายการ")
def publication_detail(request, org_slug: str, pub_id: int):
    pub = selectors.public_publications(organization=request.organization).filter(pk=pub_id).first()
    if pub is None:
        raise Http404("ไม่พบเอกสารนี้")
    return _pub_out(request, pub)


def _executives(request) -> list[dict]:
    return [{"full_name": e.full_name, "position": e.position, "side": e.side, "phone": e.phone, "email": e.email,
             "photo_url": _abs(request, e.photo.url) if e.photo else None}
            for e in Executive.objects.filter(organization=request.organization)]


@router.get("/orgs/{org_slug}/executives", response=list[ExecutiveOut], summary="ผู้บริหาร (JSON หรือ ?format=csv)")
def executive_list(request, org_slug: str, format: str = Query("json", description=FORMAT_DOC)):
    rows = _executives(request)
    if format == "csv":
        return executive_list_csv(request, org_slug)
    return rows


@router.get("/orgs/{org_slug}/executives.csv", summary="ผู้บริหาร (CSV)")
def executive_list_csv(request, org_slug: str):
    header = ["full_name", "position", "side", "phone", "email", "photo_url"]
    return exports.csv_response(f"{org_slug}-executives.csv", header,
                                ([r[h] for h in header] for r in _executives(request)))


def _contact(request) -> dict:
    org = request.organization
    return {"name": org.name, "address": org.address, "postcode": org.postcode, "phone": org.phone, "fax": org.fax,
            "email": org.email, "latitude": org.latitude, "longitude": org.longitude,
            "social": [{"network": s.network, "label": s.label, "url": s.url}
                       for s in selectors.social_links(organization=org)]}


@router.get("/orgs/{org_slug}/contact", response=ContactOut, summary="ข้อมูลการติดต่อ (JSON หรือ ?format=csv)")
def contact(request, org_slug: str, format: str = Query("json", description=FORMAT_DOC)):
    if format == "csv":
        return contact_csv(request, org_slug)
    return _contact(request)


@router.get("/orgs/{org_slug}/contact.csv", summary="ข้อมูลการติดต่อ (CSV: หนึ่งแถวต่อช่องทาง)")
def contact_csv(request, org_slug: str):
    c = _contact(request)
    rows = [[k, c[k]] for k in ("name", "address", "postcode", "phone", "fax", "email", "latitude", "longitude")]
    rows += [[s["network"], s["url"]] for s in c["social"]]
    return exports.csv_response(f"{org_slug}-contact.csv", ["field", "value"], rows)


class ProcurementFilter(Schema):
    fiscal_year: int | None = Field(None, description="ปีงบประมาณ พ.ศ.")
    page: int = 1
    format: str = Field("json", description=FORMAT_DOC)


def _procurement(request, filters):
    qs = (ProcurementRow.objects.filter(organization=request.organization,
                                        publication__status=Publication.Status.PUBLISHED)
          .select_related("publication").order_by("publication__period", "publication_id", "position"))
    if filters.fiscal_year:
        qs = qs.filter(publication__fiscal_year=filters.fiscal_year)
    return qs


def _procurement_out(r: ProcurementRow) -> dict:
    return {"publication_id": r.publication_id, "month": r.publication.period, "position": r.position,
            "item": r.item, "amount": r.amount, "reference_price": r.reference_price, "method": r.method,
            "bidders": r.bidders, "winner": r.winner, "winner_price": r.winner_price, "reason": r.reason,
            "contract_no": r.contract_no, "contract_date": r.contract_date}


@router.get("/orgs/{org_slug}/procurement-summaries", response=ProcurementPage,
            summary="สรุปผลการจัดซื้อจัดจ้างรายเดือน สขร.๑ (JSON หรือ ?format=csv)")
def procurement_list(request, org_slug: str, filters: Query[ProcurementFilter]):
    qs = _procurement(request, filters)
    if filters.format == "csv":
        return procurement_csv(request, org_slug, filters)
    paginator, page = _page(qs, filters.page)
    return {"count": paginator.count, "page": page.number, "pages": paginator.num_pages,
            "items": [_procurement_out(r) for r in page]}


@router.get("/orgs/{org_slug}/procurement-summaries.csv", summary="สรุปผลการจัดซื้อจัดจ้างรายเดือน (CSV)")
def procurement_csv(request, org_slug: str, filters: Query[ProcurementFilter]):
    qs = _procurement(request, filters)
    rows = ([r.publication.period or ""] + row for r, row in zip(qs, exports.procurement_rows(qs), strict=True))
    return exports.csv_response(f"{org_slug}-procurement.csv", ["เดือน"] + exports.PROCUREMENT_HEADER, rows)
