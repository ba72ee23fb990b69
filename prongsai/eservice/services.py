"""Writes for e-service requests. Submissions go through core.antiabuse.idempotent: the same
form token or Idempotency-Key gives the same receipt and never a second record."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record, diff
from prongsai.complaints import crypto
from prongsai.core.antiabuse import idempotent, payload_fingerprint
from prongsai.core.thai import thai_date

from .models import RequestType, RequestUpdate, ServiceRequest

SCOPE = "eservice-request"
Status = ServiceRequest.Status
TRANSITIONS = {
    Status.RECEIVED: {Status.IN_PROGRESS, Status.DONE, Status.REJECTED},
    Status.IN_PROGRESS: {Status.DONE, Status.REJECTED},
    Status.DONE: {Status.IN_PROGRESS},  # reopen
    Status.REJECTED: {Status.IN_PROGRESS},  # reopen
}


def _mail(subject: str, body: str, recipients: list[str]) -> None:
    recipients = sorted({r for r in recipients if r})
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients,
                                                fail_silently=True))


def _department_emails(organization, department) -> list[str]:
    """E-mail addresses of the active staff of the handling department (none when unassigned)."""
    if department is None:
        return []
    from prongsai.tenancy.models import Membership

    return list(Membership.objects.filter(organization=organization, department=department, is_active=True)
                .exclude(user__email="").values_list("user__email", flat=True))


def _unique_code(organization) -> str:
    while True:
        code = "E" + crypto.random_code(15)
        if not ServiceRequest.objects.filter(organization=organization, code=code).exists():
            return code


def request_submit(*, organization, request_type: RequestType, data: dict, key: str) -> dict:
    """data: cleaned values (JSON-able). Returns {"code", "created"}."""
    if request_type.organization_id != organization.pk or not request_type.is_active:
        raise ValidationError(_("ไม่พบประเภทคำร้องนี้"))

    def create() -> dict:
        now = timezone.now()
        req = ServiceRequest(
            organization=organization, code=_unique_code(organization), request_type=request_type, data=data,
            email=data.get("email", ""), department=request_type.department, received_at=now,
            due_date=timezone.localdate(now) + dt.timedelta(days=request_type.target_days),
        )
        req.full_clean()
        req.save()
        RequestUpdate.objects.create(organization=organization, request=req, status=Status.RECEIVED,
                                     department=req.department, created_at=now)
        _mail(_("ได้รับคำร้องของท่านแล้ว รหัสติดตาม %(code)s") % {"code": req.code},
              _("%(org)s ได้รับคำร้อง “%(type)s” แล้ว ติดตามสถานะได้ด้วยรหัสติดตาม %(code)s") % {
                  "org": organization.name, "type": request_type.name, "code": req.code},
              [req.email])
        # Staff get the type and the code only: the citizen's details stay behind the login.
        _mail(_("คำร้องใหม่ “%(type)s” รหัส %(code)s") % {"type": request_type.name, "code": req.code},
              _("มีคำร้องใหม่ถึง%(dept)s กำหนดเสร็จ %(due)s ดูรายละเอียดในกล่องคำร้องของระบบ") % {
                  "dept": req.department, "due": thai_date(req.due_date, style="short") if req.due_date else "-"},
              _department_emails(organization, req.department))
        return {"code": req.code}

    stored, created = idempotent(organization=organization, scope=SCOPE, key=key, create=create,
                                 fingerprint=payload_fingerprint({"type": request_type.pk, "data": data}))
    return {"code": stored["code"], "created": created}


@transaction.atomic
def request_update(*, req: ServiceRequest, acting_user, status: str, department=None, message: str = "") -> ServiceRequest:
    req = ServiceRequest.objects.select_for_update().get(pk=req.pk)
    before = {"status": req.status, "department": str(req.department or "")}
    if department is not None and department.organization_id != req.organization_id:
        raise ValidationError({"department": _("ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้")})
    if status != req.status and status not in TRANSITIONS.get(req.status, set()):
        raise ValidationError({"status": _("เปลี่ยนสถานะจาก “%(a)s” เป็น “%(b)s” ไม่ได้") % {
            "a": req.get_status_display(), "b": Status(status).label}})
    if status == Status.REJECTED and status != req.status and not message:
        raise ValidationError({"message": _("กรุณาแจ้งเหตุผลที่ไม่รับดำเนินการ")})
    department = department or req.department
    if status == req.status and department == req.department and not message:
        raise ValidationError({"message": _("ไม่มีการเปลี่ยนแปลง กรุณาเปลี่ยนสถานะ ส่วนราชการ หรือพิมพ์ข้อความ")})
    req.status = status
    req.department = department
    req.closed_at = timezone.now() if status in (Status.DONE, Status.REJECTED) else None
    req.full_clean()
    req.save()
    RequestUpdate.objects.create(organization=req.organization, request=req, status=status, message=message,
                                 department=department, actor=acting_user)
    audit_record(organization=req.organization, actor=acting_user, action="eservice.request.update", target=req,
                 changes={**diff(before, {"status": req.status, "department": str(req.department or "")}),
                          **({"message": [None, message]} if message else {})})
    _mail(_("ความคืบหน้าคำร้อง รหัสติดตาม %(code)s") % {"code": req.code},
          _("สถานะ: %(status)s\n%(message)s") % {"status": req.get_status_display(), "message": message},
          [req.email])
    return req


@transaction.atomic
def service_save(*, service, organization, acting_user, data: dict, steps: list[dict]):
    from .models import ServiceStep

    department = data.get("department")
    if department is not None and department.organization_id != organization.pk:
        raise ValidationError({"department": _("ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้")})
    created = service.pk is None
    service.organization = organization
    for name, value in data.items():
        setattr(service, name, value)
    service.full_clean()
    service.save()
    ServiceStep.objects.filter(service=service).delete()
    for n, step in enumerate(steps, start=1):
        obj = ServiceStep(organization=organization, service=service, position=n, **step)
        obj.full_clean()
        obj.save()
    audit_record(organization=organization, actor=acting_user,
                 action="eservice.service.create" if created else "eservice.service.update", target=service,
                 changes={"title": [None, service.title], "steps": [None, len(steps)]})
    return service
