"""Open data: the OIT index of an organization and year, as JSON or CSV.

GET /api/v1/organizations/{org_slug}/oit/{year}/            JSON (?format=csv for CSV)
GET /api/v1/organizations/{org_slug}/oit/{year}.csv         CSV
URLs in the answer are absolute. An unknown organization or year is a 404."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from . import exports, selectors

router = Router(tags=["oit"])


class LinkOut(Schema):
    title: str
    url: str = Field(description="ที่อยู่เว็บแบบเต็ม")
    published_at: str | None = Field(description="วันเวลาที่เผยแพร่ (ISO 8601) หรือ null สำหรับช่องทาง/หน้าที่สร้างตามปี")


class ItemOut(Schema):
    code: str = Field(description="รหัสข้อของปีนั้น เช่น O1")
    title: str
    indicator: int
    requirements: list[str] = Field(description="องค์ประกอบที่กำหนด (เมื่อทราบ)")
    note: str = Field(description="คำอธิบายของหน่วยงาน")
    links: list[LinkOut]


class IndexOut(Schema):
    organization: str
    slug: str
    fiscal_year: int
    framework: str
    items: list[ItemOut]


class ErrorOut(Schema):
    detail: str


def _absolute(request):
    return lambda url: url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def _index(request, year: int):
    return selectors.oit_index(organization=request.organization, fiscal_year=year)


def _csv(request, index) -> HttpResponse:
    response = HttpResponse(exports.as_csv(index, _absolute(request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="oit-{index.organization.slug}-{index.fiscal_year}.csv"'
    return response


def _not_found():
    return Status(404, {"detail": "ไม่มีกรอบการประเมิน ITA ของปีงบประมาณนี้"})


@router.get("/organizations/{org_slug}/oit/{year}/", response={200: IndexOut, 404: ErrorOut},
            summary="ดัชนี OIT ของหน่วยงานตามปีงบประมาณ (JSON หรือ CSV)")
def oit_index(request, org_slug: str, year: int, format: str = "json"):  # noqa: A002
    """ทุกข้อของแบบวัด OIT ของปีตามลำดับ พร้อมลิงก์ทั้งหมดที่เผยแพร่บนเว็บไซต์ของหน่วยงานและคำอธิบาย;
    `?format=csv` ได้ไฟล์ CSV (UTF-8 มี BOM) หนึ่งแถวต่อหนึ่งลิงก์"""
    index = _index(request, year)
    if index is None:
        return _not_found()
    if format == "csv":
        return _csv(request, index)
    absolute = _absolute(request)
    return Status(200, {
        "organization": request.organization.name,
        "slug": request.organization.slug,
        "fiscal_year": index.fiscal_year,
        "framework": index.framework.title_th,
        "items": [{
            "code": e.item.code, "title": e.item.title_th, "indicator": e.item.indicator.number,
            "requirements": e.requirements, "note": e.note,
            "links": [{"title": link.title, "url": absolute(link.url),
                       "published_at": link.published_at.isoformat() if link.published_at else None}
                      for link in e.links],
        } for e in index.entries],
    })


@router.get("/organizations/{org_slug}/oit/{year}.csv", response={404: ErrorOut},
            summary="ดัชนี OIT ของหน่วยงานตามปีงบประมาณ (CSV)")
def oit_index_csv(request, org_slug: str, year: int):
    index = _index(request, year)
    return _not_found() if index is None else _csv(request, index)
