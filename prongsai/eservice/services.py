"""Writes for e-service requests. Submissions go through core.antiabuse.idempotent: the same
form token or Idempotency-Key gives the same receipt and never a second record."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import yaml
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

from .models import RequestAttachment, RequestType, RequestUpdate, ServiceRequest

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


def _name(user) -> str:
    if user is None:
        return ""
    return getattr(user, "display_name", "") or user.get_username()


def assignable_members(organization):
    """Active members who handle requests (everyone but read-only viewers)."""
    from prongsai.tenancy.models import Membership

    return (Membership.objects.filter(organization=organization, is_active=True)
            .exclude(role=Membership.Role.VIEWER).select_related("user", "department"))


def _unique_code(organization) -> str:
    while True:
        code = "E" + crypto.random_code(15)
        if not ServiceRequest.objects.filter(organization=organization, code=code).exists():
            return code


def _store_attachment(req: ServiceRequest, field: str, upload) -> RequestAttachment:
    """upload: a complaints.forms.CleanFile (content checked, metadata stripped)."""
    from django.core.files.base import ContentFile

    label = next((f.get("label") or field for f in req.request_type.fields if f.get("name") == field), field)
    att = RequestAttachment(organization=req.organization, request=req, field=field, label=label[:200],
                            name=upload.name[:100], kind=upload.kind, size=len(upload.data))
    att.file.save(f"{uuid.uuid4().hex}.bin", ContentFile(crypto.encrypt_bytes(upload.data)), save=False)
    att.save()
    return att


def attachment_open(*, attachment: RequestAttachment, acting_user) -> bytes:
    """The decrypted bytes of a citizen's document; every opening is in the audit trail."""
    audit_record(organization=attachment.organization, actor=acting_user, action="eservice.attachment.open",
                 target=attachment.request, changes={"file": [None, attachment.label]})
    with attachment.file.open("rb") as fh:
        return crypto.decrypt_bytes(fh.read())


def request_submit(*, organization, request_type: RequestType, data: dict, key: str,
                   files: dict | None = None) -> dict:
    """data: cleaned values (JSON-able); files: field name → CleanFile. Returns {"code", "created"}."""
    files = {k: v for k, v in (files or {}).items() if v}
    if request_type.organization_id != organization.pk or not request_type.is_active:
        raise ValidationError(_("ไม่พบประเภทคำร้องนี้"))
    missing = [f.get("label") or f["name"] for f in request_type.fields
               if f.get("type") == "file" and f.get("required") and f["name"] not in files]
    if missing:
        raise ValidationError(_("กรุณาแนบไฟล์ “%(label)s” (ยื่นคำร้องประเภทนี้ได้ทางเว็บไซต์)") % {"label": missing[0]})

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
        for field, upload in files.items():
            _store_attachment(req, field, upload)
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
                                 fingerprint=payload_fingerprint({
                                     "type": request_type.pk, "data": data,
                                     "files": {k: v.original_sha256 for k, v in sorted(files.items())}}))
    return {"code": stored["code"], "created": created}


@transaction.atomic
def request_update(*, req: ServiceRequest, acting_user, status: str, department=None, message: str = "",
                   assignee=None) -> ServiceRequest:
    """Change status, handling department, named staff member (assignee=None clears it) and/or
    reply. The assignee must be an active staff member of the organization who handles requests."""
    req = ServiceRequest.objects.select_for_update().get(pk=req.pk)
    before = {"status": req.status, "department": str(req.department or ""), "assignee": _name(req.assignee)}
    if department is not None and department.organization_id != req.organization_id:
        raise ValidationError({"department": _("ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้")})
    if assignee is not None and not assignable_members(req.organization).filter(user=assignee).exists():
        raise ValidationError({"assignee": _("เจ้าหน้าที่ที่เลือกไม่ได้เป็นผู้ปฏิบัติงานของหน่วยงานนี้")})
    if status != req.status and status not in TRANSITIONS.get(req.status, set()):
        raise ValidationError({"status": _("เปลี่ยนสถานะจาก “%(a)s” เป็น “%(b)s” ไม่ได้") % {
            "a": req.get_status_display(), "b": Status(status).label}})
    if status == Status.REJECTED and status != req.status and not message:
        raise ValidationError({"message": _("กรุณาแจ้งเหตุผลที่ไม่รับดำเนินการ")})
    department = department or req.department
    if status == req.status and department == req.department and assignee == req.assignee and not message:
        raise ValidationError({"message": _("ไม่มีการเปลี่ยนแปลง กรุณาเปลี่ยนสถานะ ส่วนราชการ ผู้รับผิดชอบ หรือพิมพ์ข้อความ")})
    newly_assigned = assignee is not None and assignee != req.assignee
    req.status = status
    req.department = department
    req.assignee = assignee
    req.closed_at = timezone.now() if status in (Status.DONE, Status.REJECTED) else None
    req.full_clean()
    req.save()
    RequestUpdate.objects.create(organization=req.organization, request=req, status=status, message=message,
                                 department=department, assignee=assignee, actor=acting_user)
    audit_record(organization=req.organization, actor=acting_user, action="eservice.request.update", target=req,
                 changes={**diff(before, {"status": req.status, "department": str(req.department or ""),
                                          "assignee": _name(req.assignee)}),
                          **({"message": [None, message]} if message else {})})
    if newly_assigned and assignee != acting_user:
        _mail(_("ท่านได้รับมอบหมายคำร้อง “%(type)s” รหัส %(code)s") % {"type": req.request_type.name, "code": req.code},
              _("%(who)s มอบหมายคำร้องนี้ให้ท่าน กำหนดเสร็จ %(due)s ดูรายละเอียดในกล่องคำร้องของระบบ") % {
                  "who": _name(acting_user), "due": thai_date(req.due_date, style="short") if req.due_date else "-"},
              [assignee.email])
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


STARTER_FILE = Path(__file__).resolve().parent / "data" / "starter_types.yaml"


def starter_types() -> list[dict]:
    return yaml.safe_load(STARTER_FILE.read_text(encoding="utf-8"))


@transaction.atomic
def install_starter_types(*, organization, acting_user=None) -> list[RequestType]:
    """Create the starter request types the organization does not have yet (matched by name);
    departments and catalog services are matched by name. Returns the types created."""
    from prongsai.tenancy.models import Department

    from .models import Service

    existing = set(RequestType.objects.filter(organization=organization).values_list("name", flat=True))
    start = RequestType.objects.filter(organization=organization).count()
    created = []
    for spec in starter_types():
        if spec["name"] in existing:
            continue
        rtype = RequestType(
            organization=organization, name=spec["name"], fields=spec["fields"], target_days=spec["target_days"],
            required_documents=spec.get("required_documents", ""), position=start + len(created),
            department=Department.objects.filter(organization=organization, name=spec.get("department")).first(),
            service=Service.objects.filter(organization=organization, title=spec.get("service") or "").first(),
        )
        rtype.full_clean()
        rtype.save()
        created.append(rtype)
    if created and acting_user is not None:
        audit_record(organization=organization, actor=acting_user, action="eservice.type.starter",
                     target=created[0], changes={"types": [None, [t.name for t in created]]})
    return created


@transaction.atomic
def request_type_save(*, rtype: RequestType, organization, acting_user, data: dict) -> RequestType:
    """Create or edit a request type. Field names already used by filed requests are kept (the
    editor matches fields by label), so old requests still show their labels."""
    department, service = data.get("department"), data.get("service")
    if department is not None and department.organization_id != organization.pk:
        raise ValidationError({"department": _("ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้")})
    if service is not None and service.organization_id != organization.pk:
        raise ValidationError({"service": _("งานบริการที่เลือกไม่อยู่ในหน่วยงานนี้")})
    created = rtype.pk is None
    before = {"name": rtype.name, "fields": len(rtype.fields or []), "is_active": rtype.is_active}
    rtype.organization = organization
    for name, value in data.items():
        setattr(rtype, name, value)
    rtype.full_clean()
    rtype.save()
    audit_record(organization=organization, actor=acting_user,
                 action="eservice.type.create" if created else "eservice.type.update", target=rtype,
                 changes=diff(before, {"name": rtype.name, "fields": len(rtype.fields), "is_active": rtype.is_active}))
    return rtype
