"""Public JSON API of issued documents: GET /api/v1/organizations/{slug}/reports/ lists every
issued document (all versions) with the stable URLs of its PDF and DOCX."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django_scopes import scope
from ninja import Router, Schema
from ninja.errors import HttpError

from prongsai.tenancy.models import Organization

from .models import ReportSettings
from .selectors import issued_documents

router = Router(tags=["reports"])


class DocumentOut(Schema):
    id: int
    kind: str
    kind_label: str
    fiscal_year: int
    round: int | None
    version: int
    number: int | None
    document_date: dt.date | None
    issued_at: dt.datetime | None
    pdf_url: str
    docx_url: str | None


class ErrorOut(Schema):
    detail: str


@router.get("/organizations/{slug}/reports/", response={200: list[DocumentOut], 404: ErrorOut},
            summary="เอกสารที่ออกแล้วของหน่วยงาน (รายงานผลรายรอบ ประกาศมาตรการ การวิเคราะห์ผล ITA)")
def report_list(request, slug: str):
    org = Organization.objects.filter(slug=slug, is_active=True).first()
    if org is None:
        raise HttpError(404, _("ไม่พบหน่วยงานนี้"))
    with scope(organization=org):
        settings_row = ReportSettings.objects.filter(organization=org).first()
        docx_public = settings_row.publish_docx if settings_row else True

        def link(doc, fmt):
            return reverse("reports:public_file", kwargs={"org_slug": org.slug, "pk": doc.pk, "fmt": fmt})

        return [{
            "id": d.pk, "kind": d.kind, "kind_label": d.get_kind_display(), "fiscal_year": d.plan.fiscal_year,
            "round": d.round.number if d.round_id else None, "version": d.version, "number": d.number,
            "document_date": d.doc_date, "issued_at": d.issued_at, "pdf_url": link(d, "pdf"),
            "docx_url": link(d, "docx") if docx_public else None,
        } for d in issued_documents(organization=org)]
