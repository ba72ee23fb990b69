"""Read-only JSON API of the ITA frameworks (reference data, public)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from . import selectors
from .models import Framework

router = Router(tags=["frameworks"])


class ErrorOut(Schema):
    detail: str


class FrameworkSummaryOut(Schema):
    fiscal_year: int = Field(description="ปีงบประมาณ พ.ศ. เช่น 2566")
    title: str
    pass_mark: float
    url: str


class IndicatorOut(Schema):
    number: int
    title: str


class InstrumentOut(Schema):
    code: str = Field(description="IIT, EIT หรือ OIT")
    name_th: str
    name_en: str
    weight: float = Field(description="น้ำหนักร้อยละในคะแนนรวม")
    indicators: list[IndicatorOut]


class OITItemOut(Schema):
    code: str = Field(description="เช่น O1")
    number: int
    title_th: str
    title_en: str
    indicator: int = Field(description="เลขตัวชี้วัดที่ข้อนี้สังกัด (9 หรือ 10)")
    sub_indicator: str
    components: list[str] = Field(description="องค์ประกอบที่ต้องมี (ตามข้อมูลอ้างอิง)")
    components_known: bool = Field(description="false: ทราบเพียงชื่อข้อ ยังไม่ทราบองค์ประกอบครบ")


class BandOut(Schema):
    label: str
    min_total: float
    min_each_instrument: float | None = None


class FrameworkOut(Schema):
    fiscal_year: int
    title: str
    pass_mark: float = Field(description="คะแนนผ่านของตัวชี้วัด (ต่ำกว่านี้ต้องปรับปรุง)")
    instruments: list[InstrumentOut]
    oit_items: list[OITItemOut]
    bands: list[BandOut] = Field(description="ระดับผลการประเมิน ใช้ข้อแรกที่ตรงเงื่อนไข")


@router.get("/frameworks/", response=list[FrameworkSummaryOut], summary="กรอบการประเมิน ITA ทุกปี")
def framework_list(request):
    return [{"fiscal_year": fw.fiscal_year, "title": fw.title_th, "pass_mark": fw.pass_mark,
             "url": f"/api/v1/frameworks/{fw.fiscal_year}/"} for fw in Framework.objects.order_by("fiscal_year")]


@router.get("/frameworks/{year}/", response={200: FrameworkOut, 404: ErrorOut},
            summary="กรอบการประเมิน ITA ของปี: เครื่องมือ น้ำหนัก ตัวชี้วัด ข้อ OIT และเกณฑ์ระดับผล")
def framework_detail(request, year: int):
    fw = selectors.framework_with_items(year)
    if fw is None:
        raise HttpError(404, _("ไม่พบกรอบการประเมิน ITA ปี %(y)s") % {"y": year})
    return {
        "fiscal_year": fw.fiscal_year, "title": fw.title_th, "pass_mark": fw.pass_mark,
        "instruments": [{
            "code": ins.code, "name_th": ins.name_th, "name_en": ins.name_en, "weight": ins.weight,
            "indicators": [{"number": ind.number, "title": ind.title_th} for ind in ins.indicators.all()],
        } for ins in fw.instruments.all()],
        "oit_items": [{
            "code": item.code, "number": item.number, "title_th": item.title_th, "title_en": item.title_en,
            "indicator": item.indicator.number, "sub_indicator": item.sub_indicator,
            "components": [str(r) for r in item.requirements or []], "components_known": item.requirements_known,
        } for item in fw.oit_items.all()],
        "bands": [{"label": b["label"], "min_total": b["min_total"], "min_each_instrument": b.get("min_each_instrument")}
                  for b in fw.bands],
    }
