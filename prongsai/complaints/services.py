"""Writes for complaints, corruption reports, officers, the guideline and participation topics.

Citizens' submissions go through `core.antiabuse.idempotent`: the same key (a form's one-time
token or the API's Idempotency-Key) gives the same receipt and never a second record. The
reporter's secret is derived from that key (crypto.derived_secret), so a retry returns the same
secret although only its hash is stored."""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record, diff
from prongsai.core.antiabuse import idempotent
from prongsai.core.signals import public_content_changed
from prongsai.core.text import split_items

from . import crypto
from .forms import CleanFile
from .models import (
    Complaint,
    ComplaintAttachment,
    ComplaintOfficer,
    ComplaintUpdate,
    CorruptionReport,
    Guideline,
    ReportAccess,
    ReportEvidence,
    ReportUpdate,
    Topic,
    TopicComment,
)

SCOPE_COMPLAINT = "complaint"
SCOPE_REPORT = "corruption-report"
SCOPE_REPORT_EVIDENCE = "corruption-evidence"
SCOPE_COMPLAINT_ATTACHMENT = "complaint-attachment"
SCOPE_COMMENT = "topic-comment"
FOLLOW_SALT = "prongsai.complaints.follow"
FOLLOW_MAX_AGE = 30 * 60
MAX_EVIDENCE_PER_REPORT = 20
REPORT_STATUS_ORDER = [s.value for s in CorruptionReport.Status]


def _public_changed(obj) -> None:
    """Tell the search index (and anyone else) once the change is committed."""
    transaction.on_commit(lambda: public_content_changed.send(
        sender=type(obj), organization=obj.organization,
        source=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=obj.pk))


def _on_commit_mail(subject: str, body: str, recipients: list[str]) -> None:
    recipients = sorted({r for r in recipients if r})
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients,
                                                fail_silently=True))


def _unique_code(model, organization, prefix: str) -> str:
    while True:
        code = prefix + crypto.random_code(11)
        if not model.objects.filter(organization=organization, code=code).exists():
            return code


def _fingerprint(data: dict, upload: CleanFile | None) -> str:
    payload = {k: v for k, v in data.items() if k not in ("attachment", "evidence")}
    payload["file"] = upload.original_sha256 if upload else ""
    return crypto.keyed_fingerprint(json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str))


def _receipt(organization, scope: str, key: str, stored: dict, created: bool) -> dict:
    code = stored["code"]
    return {
        "code": code,
        "secret": crypto.derived_secret(organization_id=organization.pk, scope=scope, key=key, code=code),
        "created": created,
    }


def new_key() -> str:
    return secrets.token_hex(16)


# --- general complaints -------------------------------------------------------------------


def complaint_submit(*, organization, data: dict, key: str | None = None) -> dict:
    """data: ComplaintFields.cleaned_data. Returns {"code", "secret", "created"}."""
    key = key or new_key()
    upload = data.get("attachment")

    def create() -> dict:
        code = _unique_code(Complaint, organization, "C")
        secret = crypto.derived_secret(organization_id=organization.pk, scope=SCOPE_COMPLAINT, key=key, code=code)
        complaint = Complaint(
            organization=organization, code=code, secret_hash=crypto.hash_secret(secret),
            category=data["category"], subject=data["subject"], details=data["details"],
            location=data.get("location", ""), name=data["name"], phone=data.get("phone", ""),
            email=data.get("email", ""),
        )
        complaint.full_clean()
        complaint.save()
        ComplaintUpdate.objects.create(organization=organization, complaint=complaint,
                                       status=Complaint.Status.RECEIVED)
        if upload:
            _store_attachment(complaint, upload)
        _on_commit_mail(
            _("ได้รับเรื่องร้องเรียนของท่านแล้ว เลขรับเรื่อง %(code)s") % {"code": crypto.format_group(code)},
            _("%(org)s ได้รับเรื่อง “%(subject)s” แล้ว ติดตามผลได้ที่เว็บไซต์ของหน่วยงานด้วยเลขรับเรื่องและรหัสลับที่ได้รับ "
              "(รหัสลับไม่ส่งทางอีเมล)") % {"org": organization.name, "subject": complaint.subject},
            [complaint.email],
        )
        return {"code": code}

    stored, created = idempotent(organization=organization, scope=SCOPE_COMPLAINT, key=key, create=create,
                                 fingerprint=_fingerprint(data, upload))
    return _receipt(organization, SCOPE_COMPLAINT, key, stored, created)


def _store_attachment(complaint: Complaint, upload: CleanFile) -> ComplaintAttachment:
    if complaint.attachments.count() >= MAX_EVIDENCE_PER_REPORT:
        raise ValidationError({"attachment": _("แนบไฟล์ได้ไม่เกิน %(n)s ไฟล์ต่อเรื่อง") % {"n": MAX_EVIDENCE_PER_REPORT}})
    ext = upload.name.rsplit(".", 1)[-1]
    attachment = ComplaintAttachment(organization=complaint.organization, complaint=complaint, kind=upload.kind,
                                     size=len(upload.data))
    attachment.file.save(f"{uuid.uuid4().hex}.{ext}", ContentFile(upload.data), save=False)
    attachment.save()
    return attachment


def complaint_track(*, organization, code: str, secret: str) -> Complaint | None:
    """The complaint for this code and secret, or None — the same for an unknown code and a
    wrong secret (and the same work: see crypto.check_secret)."""
    complaint = Complaint.objects.filter(organization=organization, code=code).first()
    ok = crypto.check_secret(secret, complaint.secret_hash if complaint else None)
    if ok:
        _upgrade_secret_hash(complaint, secret)
    return complaint if ok else None


def _upgrade_secret_hash(obj, secret: str) -> None:
    """After a successful check: rewrite an old-format hash (scrypt, or HMAC under a key that is
    no longer the first of ENCRYPTION_KEYS) with the current one."""
    if crypto.needs_rehash(obj.secret_hash):
        obj.secret_hash = crypto.hash_secret(secret)
        type(obj).objects.filter(pk=obj.pk).update(secret_hash=obj.secret_hash)


def complaint_attachment_add(*, complaint: Complaint, upload: CleanFile, key: str | None = None) -> dict:
    key = key or new_key()

    def create() -> dict:
        attachment = _store_attachment(complaint, upload)
        return {"code": complaint.code, "file": attachment.pk}

    stored, created = idempotent(organization=complaint.organization, scope=SCOPE_COMPLAINT_ATTACHMENT, key=key,
                                 create=create, fingerprint=crypto.keyed_fingerprint(f"{complaint.pk}:{upload.original_sha256}"))
    return {"code": stored["code"], "created": created}


@transaction.atomic
def complaint_update(*, complaint: Complaint, acting_user, status: str, department=None, message: str = "") -> Complaint:
    before = {"status": complaint.status, "department": str(complaint.department or "")}
    if department is not None and department.organization_id != complaint.organization_id:
        raise ValidationError({"department": _("ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้")})
    if status == Complaint.Status.REJECTED and not message:
        raise ValidationError({"message": _("กรุณาแจ้งเหตุผลที่ไม่รับพิจารณา")})
    changed = status != complaint.status or department != complaint.department
    if not changed and not message:
        raise ValidationError({"message": _("ไม่มีการเปลี่ยนแปลง กรุณาเปลี่ยนสถานะหรือพิมพ์ข้อความถึงผู้ร้องเรียน")})
    complaint.status = status
    complaint.department = department
    complaint.full_clean()
    complaint.save()
    update = ComplaintUpdate(organization=complaint.organization, complaint=complaint, status=status,
                             message=message, actor=acting_user)
    update.full_clean()
    update.save()
    after = {"status": complaint.status, "department": str(complaint.department or "")}
    audit_record(organization=complaint.organization, actor=acting_user, action="complaint.update", target=complaint,
                 changes={**diff(before, after), **({"message": [None, message]} if message else {})})
    _on_commit_mail(
        _("ความคืบหน้าเรื่องร้องเรียน เลขรับเรื่อง %(code)s") % {"code": crypto.format_group(complaint.code)},
        _("สถานะ: %(status)s\n%(message)s") % {"status": complaint.get_status_display(), "message": message},
        [complaint.email],
    )
    return complaint


# --- corruption reports -------------------------------------------------------------------

CONTENT_FIELDS = ("subject", "details", "accused", "place", "when")
REPORTER_FIELDS = ("name", "phone", "email", "address")


def report_submit(*, organization, data: dict, key: str | None = None) -> dict:
    """data: ReportFields.cleaned_data. Stores only the category, the status, the day and
    encrypted tokens: no IP address, no user, no time of day. Returns {"code", "secret", "created"}."""
    key = key or new_key()
    upload = data.get("evidence")
    anonymous = bool(data.get("anonymous"))

    def create() -> dict:
        code = _unique_code(CorruptionReport, organization, "R")
        secret = crypto.derived_secret(organization_id=organization.pk, scope=SCOPE_REPORT, key=key, code=code)
        reporter = {} if anonymous else {k: data.get(k, "") for k in REPORTER_FIELDS}
        report = CorruptionReport(
            organization=organization, code=code, secret_hash=crypto.hash_secret(secret),
            category=data["category"], anonymous=anonymous, received_on=timezone.localdate(),
            content_enc=crypto.encrypt_json({k: data.get(k, "") for k in CONTENT_FIELDS}),
            reporter_enc=crypto.encrypt_json(reporter) if reporter else "",
        )
        report.full_clean()
        report.save()
        if upload:
            _store_evidence(report, upload, from_reporter=True)
        _notify_officers(organization)
        return {"code": code}

    stored, created = idempotent(organization=organization, scope=SCOPE_REPORT, key=key, create=create,
                                 fingerprint=_fingerprint(data, upload))
    return _receipt(organization, SCOPE_REPORT, key, stored, created)


def _notify_officers(organization) -> None:
    emails = [
        o.membership.user.email
        for o in ComplaintOfficer.objects.filter(organization=organization, membership__is_active=True)
        .select_related("membership__user")
    ]
    path = reverse("complaints:report_inbox", kwargs={"org_slug": organization.slug})
    # No content and no code in the mail: it leaves the system.
    _on_commit_mail(_("มีเรื่องร้องเรียนการทุจริตเรื่องใหม่"),
                    _("มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบเรื่องใหม่ กรุณาเข้าระบบเพื่ออ่าน: %(path)s") % {"path": path},
                    emails)


def _store_evidence(report: CorruptionReport, upload: CleanFile, *, from_reporter: bool) -> ReportEvidence:
    if report.evidence.count() >= MAX_EVIDENCE_PER_REPORT:
        raise ValidationError({"evidence": _("แนบหลักฐานได้ไม่เกิน %(n)s ไฟล์ต่อเรื่อง") % {"n": MAX_EVIDENCE_PER_REPORT}})
    evidence = ReportEvidence(organization=report.organization, report=report, kind=upload.kind,
                              size=len(upload.data), from_reporter=from_reporter, added_on=timezone.localdate())
    # Random name, encrypted content: the file store holds nothing readable.
    evidence.file.save(f"{uuid.uuid4().hex}.bin", ContentFile(crypto.encrypt_bytes(upload.data)), save=False)
    evidence.save()
    return evidence


def report_track(*, organization, code: str, secret: str) -> CorruptionReport | None:
    report = CorruptionReport.objects.filter(organization=organization, code=code).first()
    ok = crypto.check_secret(secret, report.secret_hash if report else None)
    if ok:
        _upgrade_secret_hash(report, secret)
    return report if ok else None


def follow_token(report_or_complaint) -> str:
    """A short-lived signed token that lets the page after a successful code+secret check add
    evidence without asking again and without a server-side session tied to the report."""
    return signing.dumps({"m": report_or_complaint._meta.model_name, "id": report_or_complaint.pk,
                          "o": report_or_complaint.organization_id}, salt=FOLLOW_SALT)


def from_follow_token(token: str, *, model, organization):
    try:
        data = signing.loads(token or "", salt=FOLLOW_SALT, max_age=FOLLOW_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("m") != model._meta.model_name or data.get("o") != organization.pk:
        return None
    return model.objects.filter(organization=organization, pk=data.get("id")).first()


def report_evidence_add(*, report: CorruptionReport, upload: CleanFile, key: str | None = None) -> dict:
    key = key or new_key()

    def create() -> dict:
        if report.status == CorruptionReport.Status.CONCLUDED:
            raise ValidationError({"evidence": _("เรื่องนี้ตรวจสอบแล้วเสร็จ ไม่รับหลักฐานเพิ่มเติม")})
        _store_evidence(report, upload, from_reporter=True)
        _notify_officers(report.organization)
        return {"code": report.code}

    stored, created = idempotent(organization=report.organization, scope=SCOPE_REPORT_EVIDENCE, key=key,
                                 create=create, fingerprint=crypto.keyed_fingerprint(f"{report.pk}:{upload.original_sha256}"))
    return {"code": stored["code"], "created": created}


def reporter_messages(report: CorruptionReport) -> list[dict]:
    """What the reporter sees after code+secret: the status history and the officers'
    messages to them (never the internal notes, never the report text)."""
    return [
        {"status": u.get_status_display(), "status_code": u.status, "on": u.created_on,
         "message": crypto.decrypt_json(u.message_enc).get("text", "") if u.message_enc else ""}
        for u in report.updates.all()
    ]


# --- officers -----------------------------------------------------------------------------


def is_officer(membership) -> bool:
    if membership is None:
        return False
    return ComplaintOfficer.objects.filter(organization=membership.organization_id, membership=membership).exists()


def require_officer(request) -> None:
    if not is_officer(request.membership):
        raise PermissionDenied(_("เฉพาะเจ้าหน้าที่รับเรื่องร้องเรียนการทุจริตที่ได้รับแต่งตั้งเท่านั้นที่อ่านเรื่องนี้ได้"))


@transaction.atomic
def officer_appoint(*, organization, membership, acting_user) -> ComplaintOfficer:
    if membership.organization_id != organization.pk:
        raise ValidationError({"membership": _("สมาชิกที่เลือกไม่อยู่ในหน่วยงานนี้")})
    if ComplaintOfficer.objects.filter(organization=organization, membership=membership).exists():
        raise ValidationError({"membership": _("สมาชิกนี้เป็นเจ้าหน้าที่รับเรื่องอยู่แล้ว")})
    officer = ComplaintOfficer(organization=organization, membership=membership, appointed_by=acting_user)
    officer.full_clean()
    officer.save()
    audit_record(organization=organization, actor=acting_user, action="complaint_officer.appoint", target=officer,
                 changes={"officer": [None, str(membership.user)]})
    return officer


@transaction.atomic
def officer_remove(*, officer: ComplaintOfficer, acting_user) -> None:
    audit_record(organization=officer.organization, actor=acting_user, action="complaint_officer.remove",
                 target=officer, changes={"officer": [str(officer.membership.user), None]})
    officer.delete()


@dataclass
class OpenedReport:
    report: CorruptionReport
    content: dict
    reporter: dict
    updates: list[dict] = field(default_factory=list)


@transaction.atomic
def report_open(*, report: CorruptionReport, acting_user) -> OpenedReport:
    """Decrypt a report for an officer. The read is logged in the same transaction: no log
    row, no plaintext. Callers check the officer role first (require_officer)."""
    ReportAccess.objects.create(organization=report.organization, report=report, user=acting_user,
                                action=ReportAccess.Action.VIEW)
    updates = [
        {"status": u.get_status_display(), "on": u.created_on, "officer": u.officer,
         "message": crypto.decrypt_json(u.message_enc).get("text", "") if u.message_enc else "",
         "note": crypto.decrypt_json(u.note_enc).get("text", "") if u.note_enc else ""}
        for u in report.updates.select_related("officer")
    ]
    return OpenedReport(report=report, content=crypto.decrypt_json(report.content_enc),
                        reporter=crypto.decrypt_json(report.reporter_enc), updates=updates)


@transaction.atomic
def evidence_open(*, evidence: ReportEvidence, acting_user) -> bytes:
    ReportAccess.objects.create(organization=evidence.organization, report=evidence.report, user=acting_user,
                                action=ReportAccess.Action.EVIDENCE)
    with evidence.file.open("rb") as fh:
        return crypto.decrypt_bytes(fh.read())


@transaction.atomic
def report_update(*, report: CorruptionReport, acting_user, status: str, message: str = "", note: str = "") -> ReportUpdate:
    if status not in REPORT_STATUS_ORDER:
        raise ValidationError({"status": _("สถานะไม่ถูกต้อง")})
    if REPORT_STATUS_ORDER.index(status) < REPORT_STATUS_ORDER.index(report.status):
        raise ValidationError({"status": _("ย้อนสถานะกลับไม่ได้: เรื่องนี้อยู่ในสถานะ “%(s)s” แล้ว") % {"s": report.get_status_display()}})
    if status == report.status and not (message or note):
        raise ValidationError({"message": _("ไม่มีการเปลี่ยนแปลง กรุณาเปลี่ยนสถานะหรือพิมพ์ข้อความ")})
    before = report.status
    report.status = status
    if status == CorruptionReport.Status.CONCLUDED and report.concluded_on is None:
        report.concluded_on = timezone.localdate()
    report.full_clean()
    report.save()
    update = ReportUpdate(
        organization=report.organization, report=report, status=status, officer=acting_user,
        created_on=timezone.localdate(),
        message_enc=crypto.encrypt_json({"text": message}) if message else "",
        note_enc=crypto.encrypt_json({"text": note}) if note else "",
    )
    update.full_clean()
    update.save()
    # The audit trail records the status only: the messages stay encrypted.
    audit_record(organization=report.organization, actor=acting_user, action="corruption_report.update",
                 target=report, changes={"status": [before, status], "message": bool(message), "note": bool(note)})
    return update


# --- guideline ----------------------------------------------------------------------------


def guideline_default(organization) -> Guideline:
    """Unsaved starting text for an organization that has not written its guideline yet."""
    return Guideline(
        organization=organization,
        title=_("แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"),
        intro=_("%(org)s จัดทำแนวปฏิบัตินี้เพื่อให้การรับและจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่"
                "เป็นไปอย่างรวดเร็ว เป็นธรรม และคุ้มครองผู้ร้องเรียน") % {"org": organization.name},
        channels="\n".join([
            _("แจ้งทางเว็บไซต์ของหน่วยงาน เมนู “แจ้งเรื่องร้องเรียนการทุจริต” (ไม่ต้องระบุชื่อได้)"),
            _("ยื่นเป็นหนังสือด้วยตนเองหรือทางไปรษณีย์ ถึง%(chief)s") % {"chief": organization.chief_title},
            _("โทรศัพท์ %(phone)s") % {"phone": organization.phone or "-"},
        ]),
        steps="\n".join([
            _("เจ้าหน้าที่รับเรื่องร้องเรียนการทุจริตรับเรื่องและออกเลขรับแจ้ง"),
            _("ตรวจสอบข้อมูลเบื้องต้นและแจ้งรับเรื่องแก่ผู้ร้องเรียน"),
            _("เสนอผู้บริหารพิจารณาแต่งตั้งคณะกรรมการตรวจสอบข้อเท็จจริง"),
            _("ดำเนินการตรวจสอบข้อเท็จจริงและรวบรวมพยานหลักฐาน"),
            _("สรุปผลการตรวจสอบเสนอผู้บริหาร และแจ้งผลแก่ผู้ร้องเรียน"),
        ]),
        responsible_unit=_("สำนักปลัด %(org)s") % {"org": organization.name},
        contact=organization.phone,
        protection=_("ข้อมูลผู้ร้องเรียนและรายละเอียดเรื่องร้องเรียนถูกเก็บเป็นความลับ เข้ารหัสไว้ และเปิดอ่านได้เฉพาะเจ้าหน้าที่"
                     "ที่ได้รับแต่งตั้งเท่านั้น ทุกครั้งที่เปิดอ่านจะถูกบันทึกไว้"),
    )


@transaction.atomic
def guideline_save(*, organization, acting_user, data: dict) -> Guideline:
    guideline = Guideline.objects.filter(organization=organization).first() or guideline_default(organization)
    fields = ["title", "intro", "channels", "steps", "responsible_unit", "contact", "acknowledge_days",
              "conclude_days", "protection", "is_published"]
    before = {f: getattr(guideline, f) for f in fields} if guideline.pk else {}
    for f in fields:
        setattr(guideline, f, data[f])
    guideline.channels = "\n".join(split_items(guideline.channels))
    guideline.steps = "\n".join(split_items(guideline.steps))
    if guideline.is_published and guideline.published_at is None:
        guideline.published_at = timezone.now()
    if not guideline.is_published:
        guideline.published_at = None
    guideline.updated_by = acting_user
    guideline.full_clean()
    guideline.save()
    audit_record(organization=organization, actor=acting_user, action="complaint_guideline.save", target=guideline,
                 changes=diff(before, {f: getattr(guideline, f) for f in fields}))
    _public_changed(guideline)
    return guideline


# --- participation topics -----------------------------------------------------------------

TOPIC_FIELDS = ["title", "kind", "description", "department", "opens_on", "closes_on", "is_published"]


def _topic_state(topic: Topic, names) -> dict:
    out = {}
    for name in names:
        value = getattr(topic, name)
        out[name] = value.isoformat() if hasattr(value, "isoformat") else (str(value) if hasattr(value, "pk") else value)
    return out


@transaction.atomic
def topic_save(*, topic: Topic, acting_user, data: dict) -> Topic:
    creating = topic.pk is None
    before = {} if creating else _topic_state(topic, TOPIC_FIELDS)
    for name in TOPIC_FIELDS:
        setattr(topic, name, data[name])
    if data["department"] is not None and data["department"].organization_id != topic.organization_id:
        raise ValidationError({"department": _("ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้")})
    if creating:
        topic.created_by = acting_user
    topic.full_clean()
    topic.save()
    audit_record(organization=topic.organization, actor=acting_user, action="topic.create" if creating else "topic.update",
                 target=topic, changes=diff(before, _topic_state(topic, TOPIC_FIELDS)))
    _public_changed(topic)
    return topic


@transaction.atomic
def topic_summary_save(*, topic: Topic, acting_user, data: dict, publish: bool) -> Topic:
    names = ["participants_count", "participants_note", "outcome", "usage"]
    before = _topic_state(topic, names)
    for name in names:
        setattr(topic, name, data[name])
    if publish:
        if not (topic.outcome and topic.usage):
            raise ValidationError({"outcome": _("กรุณากรอกผลการรับฟังความคิดเห็นและการนำผลไปใช้ก่อนเผยแพร่")})
        topic.summary_published_at = topic.summary_published_at or timezone.now()
    else:
        topic.summary_published_at = None
    topic.full_clean()
    topic.save()
    audit_record(organization=topic.organization, actor=acting_user, action="topic.summary", target=topic,
                 changes={**diff(before, _topic_state(topic, names)), "published": publish})
    _public_changed(topic)
    return topic


def comment_submit(*, topic: Topic, data: dict, key: str | None = None) -> dict:
    if not topic.is_published or not topic.is_open_on(timezone.localdate()):
        raise ValidationError({"body": _("หัวข้อนี้ไม่ได้เปิดรับความคิดเห็นในขณะนี้")})
    key = key or new_key()

    def create() -> dict:
        comment = TopicComment(organization=topic.organization, topic=topic,
                               display_name=data.get("display_name", ""), body=data["body"])
        comment.full_clean()
        comment.save()
        return {"comment": comment.pk}

    stored, created = idempotent(organization=topic.organization, scope=SCOPE_COMMENT, key=key, create=create,
                                 fingerprint=hashlib.sha256(f"{topic.pk}:{data['body']}".encode()).hexdigest())
    return {"comment": stored["comment"], "created": created}


@transaction.atomic
def comment_moderate(*, comment: TopicComment, acting_user, publish: bool) -> TopicComment:
    before = comment.status
    comment.status = TopicComment.Status.PUBLISHED if publish else TopicComment.Status.REJECTED
    comment.moderated_by = acting_user
    comment.moderated_at = timezone.now()
    comment.full_clean()
    comment.save()
    audit_record(organization=comment.organization, actor=acting_user, action="topic_comment.moderate",
                 target=comment.topic, changes={"comment": comment.pk, "status": [before, comment.status]})
    return comment
