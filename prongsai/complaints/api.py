"""Public JSON API of the two complaint channels, for a LINE Official Account bot or a kiosk:
submit a complaint, submit a corruption report (anonymous allowed), follow either up with its
code and secret, and add evidence.

`Idempotency-Key` (any string of up to 100 visible ASCII characters; a UUID is best): the same
key with the same content returns the same receipt (200) and never creates a second record;
the same key with other content is refused (409). Validation errors are answered in Thai with
the field named. Codes and secrets travel only in request bodies, never in URLs."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import File, Form, Header, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from prongsai.core.antiabuse import IdempotencyConflict

from . import crypto, services
from .forms import ComplaintFields, EvidenceFields, ReportFields, TrackForm
from .models import Complaint, CorruptionReport
from .views.public import too_many

router = Router(tags=["complaints"])
KEY_RE = re.compile(r"^[\x21-\x7e]{1,100}$")


class ComplaintIn(Schema):
    category: str = Field(description="ประเภทเรื่อง: " + ", ".join(Complaint.Category.values))
    subject: str = Field(description="เรื่อง (ไม่เกิน 200 ตัวอักษร)")
    details: str = Field(description="รายละเอียด (ไม่เกิน 5,000 ตัวอักษร)")
    location: str = ""
    name: str = Field(description="ชื่อ-นามสกุลผู้ร้องเรียน")
    phone: str = Field("", description="โทรศัพท์ (ตัวเลขไทยหรืออารบิก เว้นวรรค/ขีดได้); ต้องมีโทรศัพท์หรืออีเมล")
    email: str = ""


class ReportIn(Schema):
    category: str = Field(description="ประเภทเรื่อง: " + ", ".join(CorruptionReport.Category.values))
    subject: str = Field(description="เรื่อง (ไม่เกิน 200 ตัวอักษร)")
    details: str = Field(description="รายละเอียดการกระทำ (ไม่เกิน 10,000 ตัวอักษร)")
    accused: str = ""
    place: str = ""
    when: str = ""
    anonymous: bool = Field(True, description="true: ไม่เก็บชื่อและช่องทางติดต่อใด ๆ (ค่าที่ส่งมาจะถูกทิ้ง)")
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


class TrackIn(Schema):
    code: str = Field(description="เลขรับเรื่อง/เลขรับแจ้ง (เว้นวรรค ขีด ตัวพิมพ์เล็ก และเลขไทยได้)")
    secret: str = Field(description="รหัสลับที่ได้รับเมื่อส่งเรื่อง")


class ReceiptOut(Schema):
    code: str = Field(description="เลขรับเรื่อง (แสดงเป็นกลุ่มละ 4 ตัว)")
    secret: str = Field(description="รหัสลับ — แสดงครั้งเดียว หน่วยงานเก็บไว้เพียงค่าแฮช")
    created: bool = Field(description="false เมื่อเป็นการส่งซ้ำด้วย Idempotency-Key เดิม")
    track_url: str


class UpdateOut(Schema):
    status: str
    status_label: str
    date: str
    message: str


class StatusOut(Schema):
    code: str
    status: str
    status_label: str
    files: int
    updates: list[UpdateOut]


class EvidenceOut(Schema):
    code: str
    created: bool


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


def _error(status: int, detail: str, errors: dict | None = None) -> Status:
    return Status(status, {"detail": detail, "errors": errors or {}})


def _form_errors(form) -> dict:
    return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


def _bad_key(key: str | None):
    if key is not None and not KEY_RE.match(key):
        return _error(400, _("Idempotency-Key ต้องเป็นตัวอักษร ASCII ที่มองเห็นได้ ไม่เกิน 100 ตัว (แนะนำ UUID)"))
    return None


def _submit(request, *, payload, fields_class, service, channel, track_name, key, upload=None):
    if (bad := _bad_key(key)) is not None:
        return bad
    if too_many(request, f"submit:{channel}"):
        return _error(429, _("ส่งเรื่องบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
    data = QueryDict(mutable=True)
    for name, value in payload.dict().items():
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    form = fields_class(data, MultiValueDict(upload or {}))
    if not form.is_valid():
        return _error(400, _("ข้อมูลไม่ถูกต้อง กรุณาแก้ไขตามรายการ"), _form_errors(form))
    try:
        receipt = service(organization=request.organization, data=form.cleaned_data, key=key)
    except IdempotencyConflict:
        return _error(409, _("Idempotency-Key นี้ถูกใช้กับข้อมูลอื่นแล้ว กรุณาใช้คีย์ใหม่"))
    except ValidationError as exc:
        return _error(400, _("ข้อมูลไม่ถูกต้อง"), exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages})
    body = {
        "code": crypto.format_group(receipt["code"]),
        "secret": crypto.format_group(receipt["secret"]),
        "created": receipt["created"],
        "track_url": reverse(track_name, kwargs={"org_slug": request.organization.slug}),
    }
    return Status(201 if receipt["created"] else 200, body)


@router.post("/orgs/{org_slug}/complaints", response={200: ReceiptOut, 201: ReceiptOut, 400: ErrorOut, 409: ErrorOut, 429: ErrorOut},
             summary="ยื่นเรื่องร้องเรียนทั่วไป")
def complaint_submit(request, org_slug: str, payload: ComplaintIn,
                     idempotency_key: str | None = Header(None, alias="Idempotency-Key")):
    """ตอบกลับเลขรับเรื่องและรหัสลับ (201); ส่งซ้ำด้วย Idempotency-Key เดิมได้ใบรับเดิม (200)"""
    return _submit(request, payload=payload, fields_class=ComplaintFields, service=services.complaint_submit,
                   channel="complaint", track_name="complaints:complaint_track", key=idempotency_key)


@router.post("/orgs/{org_slug}/corruption-reports", response={200: ReceiptOut, 201: ReceiptOut, 400: ErrorOut, 409: ErrorOut, 429: ErrorOut},
             summary="แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ (ไม่ระบุชื่อได้)")
def report_submit(request, org_slug: str, payload: ReportIn,
                  idempotency_key: str | None = Header(None, alias="Idempotency-Key")):
    """ไม่เก็บหมายเลข IP หรือตัวตนของผู้แจ้ง ข้อความถูกเข้ารหัส ตอบกลับเลขรับแจ้งและรหัสลับ"""
    return _submit(request, payload=payload, fields_class=ReportFields, service=services.report_submit,
                   channel="report", track_name="complaints:report_track", key=idempotency_key)


def _track(request, payload, *, channel, lookup):
    if too_many(request, f"track:{channel}"):
        return _error(429, _("ลองบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
    form = TrackForm({"code": payload.code, "secret": payload.secret})
    if form.is_valid():
        code = form.cleaned_data["code"]
        if too_many(request, f"track-code:{channel}", ident=code):
            return _error(429, _("ลองบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
        found = lookup(organization=request.organization, code=code, secret=form.cleaned_data["secret"])
        if found is not None:
            return found
    return _error(404, _("ไม่พบเรื่องที่ตรงกับเลขรับเรื่องและรหัสลับนี้"))


@router.post("/orgs/{org_slug}/complaints/track", response={200: StatusOut, 404: ErrorOut, 429: ErrorOut},
             summary="ติดตามเรื่องร้องเรียนทั่วไปด้วยเลขรับเรื่องและรหัสลับ")
def complaint_track(request, org_slug: str, payload: TrackIn):
    found = _track(request, payload, channel="complaint", lookup=services.complaint_track)
    if isinstance(found, Status):
        return found
    return Status(200, {
        "code": crypto.format_group(found.code), "status": found.status, "status_label": found.get_status_display(),
        "files": found.attachments.count(),
        "updates": [{"status": u.status, "status_label": u.get_status_display(),
                     "date": u.created_at.date().isoformat(), "message": u.message} for u in found.updates.all()],
    })


@router.post("/orgs/{org_slug}/corruption-reports/track", response={200: StatusOut, 404: ErrorOut, 429: ErrorOut},
             summary="ติดตามเรื่องร้องเรียนการทุจริตด้วยเลขรับแจ้งและรหัสลับ")
def report_track(request, org_slug: str, payload: TrackIn):
    """คำตอบเหมือนกันทั้งกรณีไม่มีเลขนี้และรหัสลับผิด"""
    found = _track(request, payload, channel="report", lookup=services.report_track)
    if isinstance(found, Status):
        return found
    return Status(200, {
        "code": crypto.format_group(found.code), "status": found.status, "status_label": found.get_status_display(),
        "files": found.evidence.count(),
        "updates": [{"status": u["status_code"], "status_label": u["status"], "date": u["on"].isoformat(),
                     "message": u["message"]} for u in services.reporter_messages(found)],
    })


def _evidence(request, *, code, secret, file, key, channel, lookup, add):
    if (bad := _bad_key(key)) is not None:
        return bad
    if too_many(request, f"evidence:{channel}"):
        return _error(429, _("ส่งไฟล์บ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
    found = _track(request, TrackIn(code=code, secret=secret), channel=channel, lookup=lookup)
    if isinstance(found, Status):
        return found
    form = EvidenceFields({"follow_token": "api"}, MultiValueDict({"evidence": [file]}))
    if not form.is_valid():
        return _error(400, _("ไฟล์ไม่ถูกต้อง"), _form_errors(form))
    try:
        result = add(found, form.cleaned_data["evidence"], key)
    except IdempotencyConflict:
        return _error(409, _("Idempotency-Key นี้ถูกใช้กับไฟล์อื่นแล้ว กรุณาใช้คีย์ใหม่"))
    except ValidationError as exc:
        return _error(400, _("ไฟล์ไม่ถูกต้อง"), exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages})
    return Status(201 if result["created"] else 200, {"code": crypto.format_group(result["code"]), "created": result["created"]})


@router.post("/orgs/{org_slug}/corruption-reports/evidence", response={200: EvidenceOut, 201: EvidenceOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut},
             summary="ส่งหลักฐานเพิ่มเติมของเรื่องร้องเรียนการทุจริต (multipart)")
def report_evidence(request, org_slug: str, code: str = Form(...), secret: str = Form(...), file: UploadedFile = File(...),  # noqa: B008
                    idempotency_key: str | None = Header(None, alias="Idempotency-Key")):
    """PDF, DOCX หรือรูปภาพ ไม่เกิน 10 MB; ข้อมูลแฝงในไฟล์ถูกลบและไฟล์ถูกเข้ารหัสก่อนจัดเก็บ"""
    return _evidence(request, code=code, secret=secret, file=file, key=idempotency_key, channel="report",
                     lookup=services.report_track,
                     add=lambda obj, upload, key: services.report_evidence_add(report=obj, upload=upload, key=key))


@router.post("/orgs/{org_slug}/complaints/attachments", response={200: EvidenceOut, 201: EvidenceOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut},
             summary="แนบไฟล์เพิ่มเติมของเรื่องร้องเรียนทั่วไป (multipart)")
def complaint_attachment(request, org_slug: str, code: str = Form(...), secret: str = Form(...), file: UploadedFile = File(...),  # noqa: B008
                         idempotency_key: str | None = Header(None, alias="Idempotency-Key")):
    return _evidence(request, code=code, secret=secret, file=file, key=idempotency_key, channel="complaint",
                     lookup=services.complaint_track,
                     add=lambda obj, upload, key: services.complaint_attachment_add(complaint=obj, upload=upload, key=key))
