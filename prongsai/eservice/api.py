"""Public JSON API of e-service requests and satisfaction answers (for a LINE OA bot or a kiosk).

`Idempotency-Key` header: the same key with the same content returns the same receipt (200) and
never a second record; with other content it is refused (409). Errors are in Thai and name the
field. The status is read with the tracking code as a query parameter."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Schema, Status
from pydantic import Field

from prongsai.core.antiabuse import IdempotencyConflict, client_ip, rate_limited

from . import services
from .forms import RequestForm
from .models import RequestType, ServiceRequest

router = Router(tags=["eservice"])
KEY_RE = re.compile(r"^[\x21-\x7e]{1,100}$")


class RequestIn(Schema):
    request_type: int = Field(description="รหัสประเภทคำร้อง (ดู GET /orgs/{org_slug}/eservice/types)")
    data: dict[str, str] = Field(default_factory=dict, description="ค่าของช่องข้อมูลตาม fields ของประเภทคำร้อง")


class TypeOut(Schema):
    id: int
    name: str
    target_days: int
    fields: list[dict]


class ReceiptOut(Schema):
    code: str
    created: bool
    status_url: str


class UpdateOut(Schema):
    status: str
    status_label: str
    date: str
    message: str


class StatusOut(Schema):
    code: str
    request_type: str
    status: str
    status_label: str
    due_date: str | None
    updates: list[UpdateOut]


class AnswerIn(Schema):
    survey: int
    score: int = Field(ge=1, le=5, description="๑–๕")
    comment: str = ""
    request_code: str = ""


class AnswerOut(Schema):
    created: bool


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


def _error(status: int, detail: str, errors: dict | None = None) -> Status:
    return Status(status, {"detail": detail, "errors": errors or {}})


def _limited(request, bucket, limit=30):
    return rate_limited(organization=request.organization, bucket=f"eservice-api:{bucket}", ident=client_ip(request),
                        limit=limit, window=3600)


def _key(key):
    if key is None:
        return services_new_key(), None
    if not KEY_RE.match(key):
        return None, _error(400, _("Idempotency-Key ต้องเป็นตัวอักษร ASCII ที่มองเห็นได้ ไม่เกิน 100 ตัว (แนะนำ UUID)"))
    return key, None


def services_new_key() -> str:
    import secrets

    return secrets.token_hex(16)


@router.get("/orgs/{org_slug}/eservice/types", response=list[TypeOut], summary="ประเภทคำร้องที่เปิดรับ")
def eservice_types(request, org_slug: str):
    return [{"id": t.pk, "name": t.name, "target_days": t.target_days, "fields": t.fields}
            for t in RequestType.objects.filter(organization=request.organization, is_active=True)]


@router.post("/orgs/{org_slug}/eservice/requests",
             response={200: ReceiptOut, 201: ReceiptOut, 400: ErrorOut, 409: ErrorOut, 429: ErrorOut},
             summary="ยื่นคำร้อง E-Service")
def eservice_submit(request, org_slug: str, payload: RequestIn,
           idempotency_key: str | None = Header(None, alias="Idempotency-Key")):
    """ตอบกลับรหัสติดตาม (201); ส่งซ้ำด้วย Idempotency-Key เดิมได้ใบรับเดิม (200)"""
    key, bad = _key(idempotency_key)
    if bad is not None:
        return bad
    if _limited(request, "submit"):
        return _error(429, _("ส่งคำร้องบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
    rtype = RequestType.objects.filter(organization=request.organization, is_active=True,
                                       pk=payload.request_type).first()
    if rtype is None:
        return _error(400, _("ข้อมูลไม่ถูกต้อง"), {"request_type": [_("ไม่พบประเภทคำร้องนี้")]})
    form = RequestForm(payload.data, request_type=rtype)
    form.min_fill_seconds = 0
    if not form.is_valid():
        errors = {n: [str(m) for m in ms] for n, ms in form.errors.items() if n not in ("website", "form_token")}
        if errors:
            return _error(400, _("ข้อมูลไม่ถูกต้อง กรุณาแก้ไขตามรายการ"), errors)
    try:
        receipt = services.request_submit(organization=request.organization, request_type=rtype,
                                          data=form.request_data(), key=key)
    except IdempotencyConflict:
        return _error(409, _("Idempotency-Key นี้ถูกใช้กับข้อมูลอื่นแล้ว กรุณาใช้คีย์ใหม่"))
    except ValidationError as exc:
        return _error(400, _("ข้อมูลไม่ถูกต้อง"), exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages})
    return Status(201 if receipt["created"] else 200, {
        "code": receipt["code"], "created": receipt["created"],
        "status_url": reverse("eservice:request_status", kwargs={"org_slug": org_slug, "code": receipt["code"]})})


@router.get("/orgs/{org_slug}/eservice/requests/status", response={200: StatusOut, 404: ErrorOut, 429: ErrorOut},
            summary="สถานะคำร้องตามรหัสติดตาม")
def eservice_status(request, org_slug: str, code: str = Query(..., max_length=60)):  # noqa: B008
    if _limited(request, "track", limit=60):
        return _error(429, _("ลองบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
    code = code.strip().upper().replace("-", "").replace(" ", "")
    req = ServiceRequest.objects.filter(organization=request.organization, code=code).select_related("request_type").first()
    if req is None:
        return _error(404, _("ไม่พบคำร้องที่ตรงกับรหัสติดตามนี้"))
    return Status(200, {
        "code": req.code, "request_type": req.request_type.name, "status": req.status,
        "status_label": req.get_status_display(), "due_date": req.due_date.isoformat() if req.due_date else None,
        "updates": [{"status": u.status, "status_label": u.get_status_display(), "date": u.created_at.date().isoformat(),
                     "message": u.message} for u in req.updates.all()],
    })


@router.post("/orgs/{org_slug}/satisfaction/answers",
             response={200: AnswerOut, 201: AnswerOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut},
             summary="ตอบแบบสำรวจความพึงพอใจ")
def satisfaction_answer(request, org_slug: str, payload: AnswerIn,
           idempotency_key: str | None = Header(None, alias="Idempotency-Key")):
    from prongsai.satisfaction import services as sat_services
    from prongsai.satisfaction.models import SatisfactionSurvey

    key, bad = _key(idempotency_key)
    if bad is not None:
        return bad
    if _limited(request, "answer"):
        return _error(429, _("ส่งบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
    survey = SatisfactionSurvey.objects.filter(organization=request.organization, pk=payload.survey, is_open=True).first()
    if survey is None:
        return _error(404, _("ไม่พบแบบสำรวจนี้"))
    if len(payload.comment) > 2000:
        return _error(400, _("ข้อมูลไม่ถูกต้อง"), {"comment": [_("“ความคิดเห็นเพิ่มเติม” ยาวเกิน 2000 ตัวอักษร")]})
    try:
        result = sat_services.answer(survey=survey, score=payload.score, comment=payload.comment.replace("\x00", ""),
                                     request_code=payload.request_code, key=key)
    except IdempotencyConflict:
        return _error(409, _("Idempotency-Key นี้ถูกใช้กับข้อมูลอื่นแล้ว กรุณาใช้คีย์ใหม่"))
    except ValidationError as exc:
        return _error(400, _("ข้อมูลไม่ถูกต้อง"), {"__all__": exc.messages})
    return Status(201 if result["created"] else 200, {"created": result["created"]})
