"""Search API: the same ranked search as the public page /<org>/search/, as JSON.

GET /api/v1/orgs/{org_slug}/search?q=&category=&year=&page=  (also served at
/api/v1/organizations/{org_slug}/search/). Any query is accepted: one with no letters or digits
gives no results, FTS/SQL syntax is searched as plain words. Snippets are HTML: the text is
escaped and the matched words are wrapped in <mark>."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Query, Router, Schema

from . import selectors

router = Router(tags=["search"])


class SearchFilter(Schema):
    q: str = Field("", description="คำค้น (ภาษาไทยตัดคำอัตโนมัติ เลขไทยและเลขอารบิกค้นได้เหมือนกัน)", max_length=2000)
    category: str = Field("", description="รหัสหมวดหมู่ (ค่า category ในผลลัพธ์)", max_length=100)
    year: str = Field("", description="ปีงบประมาณ พ.ศ. เช่น 2566", max_length=10)
    page: str = Field("1", description="หน้าที่ (หน้าละ 10 รายการ)", max_length=10)


class HitOut(Schema):
    title: str
    url: str
    category: str
    category_label: str
    fiscal_year: int | None
    published_at: datetime | None
    title_html: str = Field(description="ชื่อเรื่อง escape แล้ว คำที่ตรงอยู่ใน <mark>")
    snippet_html: str = Field(description="ข้อความบางส่วน escape แล้ว คำที่ตรงอยู่ใน <mark>")


class SearchOut(Schema):
    query: str
    words: list[str] = Field(description="คำที่ใช้ค้นหลังตัดคำ")
    count: int
    page: int
    pages: int
    results: list[HitOut]


def _search(request, filters: SearchFilter) -> dict:
    found = selectors.search(organization=request.organization, q=filters.q, category=filters.category,
                             fiscal_year=filters.year, page=filters.page)
    return {
        "query": filters.q,
        "words": [w.word for w in found.qwords],
        "count": found.total,
        "page": found.page.number if found.page else 1,
        "pages": found.page.paginator.num_pages if found.page else 0,
        "results": [{
            "title": r.entry.title, "url": request.build_absolute_uri(r.entry.url) if r.entry.url else "",
            "category": r.entry.category, "category_label": r.entry.category_label,
            "fiscal_year": r.entry.fiscal_year, "published_at": r.entry.published_at,
            "title_html": str(r.title), "snippet_html": str(r.snippet),
        } for r in found.results],
    }


@router.get("/orgs/{org_slug}/search", response=SearchOut, summary="ค้นหาข้อมูลสาธารณะของหน่วยงาน")
def search(request, org_slug: str, filters: Query[SearchFilter]):
    """ค้นจากชื่อเรื่อง เนื้อหา และข้อความในไฟล์แนบ (PDF/DOCX) ที่เผยแพร่ เรียงตามความเกี่ยวข้อง
    (คำในชื่อเรื่องมีน้ำหนักมากกว่าคำในเนื้อหา) ผลลัพธ์ต้องมีทุกคำที่ค้น"""
    return _search(request, filters)


@router.get("/organizations/{org_slug}/search/", response=SearchOut, summary="ค้นหาข้อมูลสาธารณะของหน่วยงาน (ที่อยู่สำรอง)")
def search_alias(request, org_slug: str, filters: Query[SearchFilter]):
    """เหมือน /orgs/{org_slug}/search"""
    return _search(request, filters)
