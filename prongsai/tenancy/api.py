"""Read-only JSON API of the organizations hosted on this deployment (public data only)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from .models import Organization

router = Router(tags=["organizations"])


class ErrorOut(Schema):
    detail: str


class OrganizationOut(Schema):
    slug: str = Field(description="ชื่อย่อในที่อยู่เว็บ เช่น kampang")
    name: str = Field(description="ชื่อเต็ม เช่น องค์การบริหารส่วนตำบลกำปัง")
    short_name: str = Field(description="ชื่อย่อ เช่น อบต.กำปัง")
    kind: str = Field(description="ประเภท: " + ", ".join(Organization.Kind.values))
    kind_label: str
    province: str
    district: str


class OrganizationDetailOut(OrganizationOut):
    name_en: str
    subdistrict: str
    address: str
    postcode: str
    phone: str
    email: str
    web_url: str = Field(description="หน้าเว็บไซต์สาธารณะของหน่วยงานบนระบบนี้ (path)")
    plans_url: str = Field(description="รายการแผนมาตรการของหน่วยงาน (JSON)")


def organization_out(org: Organization) -> dict:
    return {
        "slug": org.slug, "name": org.name, "short_name": org.short_name, "kind": org.kind,
        "kind_label": str(org.get_kind_display()), "province": org.province, "district": org.district,
    }


def active_organization(slug: str) -> Organization:
    """The organization of `slug`, or a JSON 404 (the same for unknown and deactivated)."""
    org = Organization.objects.filter(slug=slug, is_active=True).first()
    if org is None:
        raise HttpError(404, _("ไม่พบหน่วยงาน “%(slug)s”") % {"slug": slug[:60]})
    return org


@router.get("/organizations/", response=list[OrganizationOut], summary="หน่วยงานทั้งหมดบนระบบ")
def organization_list(request):
    return [organization_out(org) for org in Organization.objects.filter(is_active=True).order_by("slug")]


@router.get("/organizations/{slug}/", response={200: OrganizationDetailOut, 404: ErrorOut}, summary="ข้อมูลหน่วยงาน")
def organization_detail(request, slug: str):
    org = active_organization(slug)
    return {
        **organization_out(org), "name_en": org.name_en, "subdistrict": org.subdistrict, "address": org.address,
        "postcode": org.postcode, "phone": org.phone, "email": org.email, "web_url": f"/{org.slug}/",
        "plans_url": f"/api/v1/organizations/{org.slug}/plans/",
    }
