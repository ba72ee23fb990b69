"""Writes of the reports app: templates, the approval chain, documents and their life.

Each runs in a transaction, validates, takes the acting user explicitly and leaves an audit
entry. Permission rules live here too (views also guard by role): only the approver of the
level waiting — or, for a level with no one assigned, an executive — may approve it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.core.signals import public_content_changed
from prongsai.tenancy.models import Membership

from . import build, templating
from .checker import check_document
from .defaults import DEFAULT_CHAIN
from .models import ApprovalLevel, Document, DocumentStep, DocumentTemplate, Kind, NumberSequence

Role = Membership.Role
Status = Document.Status
TEMPLATE_FIELDS = (("subject", "เรื่อง"), ("body", "เนื้อความ"), ("closing", "คำลงท้าย"), ("annex_intro", "ย่อหน้านำของเอกสารแนบ"))


# --- templates --------------------------------------------------------------------------


@transaction.atomic
def template_save(*, organization, kind: str, acting_user, subject: str, body: str, closing: str,
                  annex_intro: str) -> DocumentTemplate:
    values = {"subject": subject, "body": body, "closing": closing, "annex_intro": annex_intro}
    errors = {}
    for name, label in TEMPLATE_FIELDS:
        try:
            templating.validate(values[name], field_label=label)
        except ValidationError as exc:
            errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    row, _created = DocumentTemplate.objects.get_or_create(organization=organization, kind=kind, defaults=values)
    for key, value in values.items():
        setattr(row, key, value)
    row.full_clean()
    row.save()
    audit_record(organization=organization, actor=acting_user, action="reports.template_save", target=row,
                 changes={"kind": kind})
    return row


# --- the approval chain -----------------------------------------------------------------


def _executive_with_title(organization, title: str):
    membership = (Membership.objects.filter(organization=organization, role__in=(Role.EXECUTIVE, Role.ADMIN),
                                            is_active=True, position_title__startswith=title[:6])
                  .select_related("user").first())
    return membership.user if membership else None


@transaction.atomic
def chain_default(*, organization) -> list[ApprovalLevel]:
    """preparer → หัวหน้าสำนักงานปลัด → ปลัด… → นายก… (as in the source), approvers matched by position."""
    if ApprovalLevel.objects.filter(organization=organization).exists():
        return build.chain_levels(organization)
    titles = [organization.clerk_title if t == "clerk" else organization.chief_title if t == "chief" else t
              for t in DEFAULT_CHAIN]
    for position, title in enumerate(titles):
        probe = "หัวหน้าสำนัก" if position == 0 else title
        ApprovalLevel.objects.create(organization=organization, position=position, title=title,
                                     approver=_executive_with_title(organization, probe))
    return build.chain_levels(organization)


@transaction.atomic
def chain_save(*, organization, acting_user, levels: list[tuple[str, object]]) -> list[ApprovalLevel]:
    """levels: [(title, approver user or None)] in order. Approvers must be executives (or admins)."""
    if not levels:
        raise ValidationError({"levels": _("ต้องมีผู้อนุมัติอย่างน้อยหนึ่งระดับ")})
    for index, (title, user) in enumerate(levels, 1):
        if not (title or "").strip():
            raise ValidationError({"levels": _("ระดับที่ %(n)s: กรอกตำแหน่ง") % {"n": index}})
        if user is not None and not Membership.objects.filter(
                organization=organization, user=user, is_active=True, role__in=(Role.EXECUTIVE, Role.ADMIN)).exists():
            raise ValidationError({"levels": _("ระดับที่ %(n)s: ผู้อนุมัติต้องเป็นผู้บริหารของหน่วยงานนี้") % {"n": index}})
    if Document.objects.filter(organization=organization, status__in=(Status.SUBMITTED, Status.APPROVED)).exists():
        raise ValidationError({"levels": _("มีเอกสารที่อยู่ระหว่างอนุมัติ แก้ลำดับการอนุมัติได้เมื่อไม่มีเอกสารค้างอยู่")})
    ApprovalLevel.objects.filter(organization=organization).delete()
    for position, (title, user) in enumerate(levels):
        ApprovalLevel.objects.create(organization=organization, position=position, title=title.strip(), approver=user)
    audit_record(organization=organization, actor=acting_user, action="reports.chain_save",
                 target=organization, changes={"levels": [t for t, _u in levels]})
    return build.chain_levels(organization)


# --- documents --------------------------------------------------------------------------


def _step(document, *, action, user, comment="", level=None, level_title="", at=None):
    return DocumentStep.objects.create(organization=document.organization, document=document, action=action,
                                       user=user, comment=comment, level=level, level_title=level_title,
                                       at=at or timezone.now())


def _strip_layout(value):
    if isinstance(value, dict):
        return {k: _strip_layout(v) for k, v in value.items() if k != "columns"}
    if isinstance(value, list):
        return [_strip_layout(v) for v in value]
    return value


def _hash(data: dict) -> str:
    """Fingerprint of what the plan says (layout details such as column widths left out)."""
    return hashlib.sha256(json.dumps(_strip_layout(data), ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def document_create(*, organization, acting_user, kind: str, plan, rnd=None, doc_date: dt.date | None = None) -> Document:
    if kind not in Kind.values:
        raise ValidationError({"kind": _("ไม่รู้จักประเภทเอกสารนี้")})
    if plan.organization_id != organization.pk or (rnd is not None and rnd.plan_id != plan.pk):
        raise ValidationError({"plan": _("ไม่พบแผนหรือรอบนี้")})
    if kind == Kind.ROUND and rnd is None:
        raise ValidationError({"round": _("เลือกรอบการติดตามผล")})
    if kind != Kind.ROUND:
        rnd = None
    chain_default(organization=organization)
    existing = Document.objects.select_for_update().filter(organization=organization, kind=kind, plan=plan, round=rnd)
    open_one = existing.exclude(status=Status.ISSUED).first()
    if open_one is not None:
        raise ValidationError({"kind": _("มีฉบับที่ยังไม่ออกเอกสารอยู่แล้ว (ฉบับที่ %(v)s) แก้ไขฉบับนั้นแทน") % {
            "v": open_one.version}})
    version = max([d.version for d in existing] or [0]) + 1
    document = Document(organization=organization, kind=kind, plan=plan, round=rnd, version=version,
                        prepared_by=acting_user, doc_date=doc_date)
    document.full_clean()
    document.save()
    _step(document, action=DocumentStep.Action.CREATE, user=acting_user)
    audit_record(organization=organization, actor=acting_user, action="reports.document_create", target=document,
                 changes={"version": version})
    return document


@transaction.atomic
def document_update(*, document: Document, acting_user, doc_date: dt.date | None) -> Document:
    if not document.editable:
        raise ValidationError({"doc_date": _("แก้ไขได้เฉพาะฉบับร่างหรือฉบับที่ส่งคืน")})
    document.doc_date = doc_date
    document.full_clean()
    document.save(update_fields=["doc_date"])
    audit_record(organization=document.organization, actor=acting_user, action="reports.document_update",
                 target=document, changes={"doc_date": str(doc_date)})
    return document


def findings_for(document: Document) -> list:
    model = build.assemble(document)
    return check_document(document, model)


@transaction.atomic
def document_submit(*, document: Document, acting_user, comment: str = "") -> Document:
    if not document.editable:
        raise ValidationError({"status": _("เสนอได้เฉพาะฉบับร่างหรือฉบับที่ส่งคืน")})
    data = build.live_content(document)
    document.data = data
    document.content_hash = _hash(data)
    document.status = Status.SUBMITTED
    document.level = 0
    document.save(update_fields=["data", "content_hash", "status", "level"])
    _step(document, action=DocumentStep.Action.SUBMIT, user=acting_user, comment=comment)
    audit_record(organization=document.organization, actor=acting_user, action="reports.document_submit",
                 target=document)
    return document


def can_approve(document: Document, user, membership) -> bool:
    if document.status != Status.SUBMITTED or membership is None:
        return False
    if membership.role not in (Role.EXECUTIVE, Role.ADMIN):
        return False
    levels = build.chain_levels(document.organization)
    if document.level >= len(levels):
        return False
    level = levels[document.level]
    if level.approver_id:
        return level.approver_id == user.pk
    return membership.role == Role.EXECUTIVE


def _membership(document, user):
    return Membership.objects.filter(organization=document.organization, user=user, is_active=True).first()


@transaction.atomic
def document_decide(*, document: Document, acting_user, approve: bool, comment: str = "") -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk, organization=document.organization)
    if document.status != Status.SUBMITTED:
        raise ValidationError({"status": _("เอกสารนี้ไม่ได้รออนุมัติ")})
    if not can_approve(document, acting_user, _membership(document, acting_user)):
        raise PermissionDenied(_("คุณไม่ใช่ผู้อนุมัติของระดับนี้"))
    levels = build.chain_levels(document.organization)
    level = levels[document.level]
    if approve:
        _step(document, action=DocumentStep.Action.APPROVE, user=acting_user, comment=comment,
              level=document.level, level_title=level.title)
        document.level += 1
        if document.level >= len(levels):
            document.status = Status.APPROVED
    else:
        if not (comment or "").strip():
            raise ValidationError({"comment": _("ส่งคืนต้องระบุเหตุผลหรือสิ่งที่ต้องแก้ไข")})
        _step(document, action=DocumentStep.Action.RETURN, user=acting_user, comment=comment,
              level=document.level, level_title=level.title)
        document.status = Status.RETURNED
        document.level = 0
        # Approvals of the returned round no longer count: the next submit starts the chain again.
        DocumentStep.objects.filter(document=document, action=DocumentStep.Action.APPROVE).update(level=None)
    document.save(update_fields=["status", "level"])
    audit_record(organization=document.organization, actor=acting_user,
                 action="reports.document_approve" if approve else "reports.document_return", target=document,
                 changes={"level": level.title, "comment": comment})
    return document


def _next_number(organization, fiscal_year: int) -> int:
    seq, _created = NumberSequence.objects.select_for_update().get_or_create(organization=organization,
                                                                            fiscal_year=fiscal_year)
    seq.last += 1
    seq.save(update_fields=["last"])
    return seq.last


def render_files(document: Document) -> tuple[bytes, bytes]:
    from .garuda import emblem_path
    from .render_docx import docx_bytes
    from .render_pdf import pdf_bytes

    model = build.assemble(document)
    emblem = emblem_path(document.organization)
    return pdf_bytes(model, emblem=emblem), docx_bytes(model, emblem=emblem)


@transaction.atomic
def document_issue(*, document: Document, acting_user, acknowledge: bool = False, at=None) -> Document:
    """Assign the number, fix the date, store the PDF and DOCX, publish. Open findings of the
    checker block issuing unless the coordinator acknowledged them."""
    document = Document.objects.select_for_update().get(pk=document.pk, organization=document.organization)
    if document.status != Status.APPROVED:
        raise ValidationError({"status": _("ออกเอกสารได้เมื่ออนุมัติครบทุกระดับแล้ว")})
    findings = findings_for(document)
    if findings and not acknowledge:
        raise ValidationError({"findings": [f.message for f in findings]})
    if document.doc_date is None:
        document.doc_date = timezone.localdate()
    document.number = _next_number(document.organization, document.plan.fiscal_year)
    document.status = Status.ISSUED
    document.issued_at = at or timezone.now()
    pdf, docx = render_files(document)
    name = document.base_filename
    document.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
    document.docx.save(f"{name}.docx", ContentFile(docx), save=False)
    document.save()
    _step(document, action=DocumentStep.Action.ISSUE, user=acting_user, at=document.issued_at,
          comment="; ".join(f.message for f in findings) if findings else "")
    audit_record(organization=document.organization, actor=acting_user, action="reports.document_issue",
                 target=document, changes={"number": document.number})
    org, pk = document.organization, document.pk
    transaction.on_commit(lambda: public_content_changed.send(sender=Document, organization=org,
                                                              source="reports.document", object_id=pk))
    return document


def is_stale(document: Document) -> bool:
    """The plan changed since this document's content was frozen."""
    if not document.data:
        return False
    return _hash(build.live_content(document)) != _hash(document.data)


@transaction.atomic
def document_new_version(*, document: Document, acting_user) -> Document:
    """Editing the plan after issue: a new draft version; the issued one stays as it was."""
    if not document.is_issued:
        raise ValidationError({"status": _("สร้างฉบับใหม่ได้จากฉบับที่ออกแล้วเท่านั้น")})
    return document_create(organization=document.organization, acting_user=acting_user, kind=document.kind,
                           plan=document.plan, rnd=document.round)


# --- settings ---------------------------------------------------------------------------


@transaction.atomic
def settings_save(*, organization, acting_user, publish_docx: bool, emblem=None, remove_emblem: bool = False):
    """The emblem is re-encoded as PNG (metadata dropped, at most 600 px high)."""
    import io

    from PIL import Image, UnidentifiedImageError

    from prongsai.core.uploads import validate_upload

    from .models import ReportSettings

    row, _created = ReportSettings.objects.get_or_create(organization=organization)
    row.publish_docx = publish_docx
    if remove_emblem and row.emblem:
        row.emblem.delete(save=False)
        row.emblem = ""
    if emblem is not None:
        try:
            validate_upload(emblem, kinds={"image"}, max_bytes=2 * 1024 * 1024)
        except ValidationError as exc:
            raise ValidationError({"emblem": exc.messages}) from None
        try:
            with Image.open(emblem) as img:
                img = img.convert("RGBA")
                if img.height > 600:
                    img = img.resize((max(1, img.width * 600 // img.height), 600))
                out = io.BytesIO()
                img.save(out, "PNG")
        except (UnidentifiedImageError, OSError):
            raise ValidationError({"emblem": _("เปิดรูปภาพนี้ไม่ได้ กรุณาใช้ไฟล์ PNG หรือ JPG")}) from None
        if row.emblem:
            row.emblem.delete(save=False)
        row.emblem.save("emblem.png", ContentFile(out.getvalue()), save=False)
    row.save()
    audit_record(organization=organization, actor=acting_user, action="reports.settings_save", target=organization,
                 changes={"publish_docx": publish_docx, "emblem": bool(row.emblem)})
    return row


def plan_changed(*, plan_id: int) -> list[Document]:
    """After a change to a plan (its issues, methods, results…): every issued document whose
    content no longer matches the plan gets a new draft version, unless one is already open.
    The issued versions stay as they were."""
    from django_scopes import scopes_disabled

    created = []
    with scopes_disabled():
        if not Document.objects.filter(plan_id=plan_id, status=Status.ISSUED).exists():
            return created
        issued = (Document.objects.filter(plan_id=plan_id, status=Status.ISSUED)
                  .select_related("organization", "plan__answers_framework", "round", "prepared_by")
                  .order_by("kind", "round_id", "-version"))
        latest = {}
        for doc in issued:
            latest.setdefault((doc.kind, doc.round_id), doc)
        for doc in latest.values():
            newer = Document.objects.filter(organization=doc.organization, kind=doc.kind, plan_id=plan_id,
                                            round=doc.round, version__gt=doc.version).exists()
            if newer or not is_stale(doc):
                continue
            with transaction.atomic():
                new = document_create(organization=doc.organization, acting_user=doc.prepared_by, kind=doc.kind,
                                      plan=doc.plan, rnd=doc.round)
                DocumentStep.objects.filter(document=new, action=DocumentStep.Action.CREATE).update(
                    comment=_("สร้างอัตโนมัติ: แผนถูกแก้ไขหลังออกฉบับที่ %(v)s") % {"v": doc.version})
            created.append(new)
    return created
