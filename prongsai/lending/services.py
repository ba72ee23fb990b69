"""Writes for lending. A booking request is checked for overlap inside its transaction with
the item row locked (PostgreSQL: SELECT … FOR UPDATE; SQLite: the IMMEDIATE transaction holds
the write lock), and PostgreSQL's exclusion constraint is the last word if anything slips by."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record, diff
from prongsai.complaints.crypto import random_code
from prongsai.core.antiabuse import idempotent
from prongsai.core.signals import public_content_changed
from prongsai.core.thai import thai_date

from .models import (
    HOLDING,
    Booking,
    BookingDecision,
    ItemPhoto,
    LendableItem,
    Procedure,
)

SCOPE_BOOKING = "lending-booking"


def _mail_after_commit(subject: str, body: str, recipients) -> None:
    recipients = sorted({r for r in recipients if r})
    if recipients:
        transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients,
                                                fail_silently=True))


def overlapping(*, item: LendableItem, start: dt.date, end: dt.date, exclude_pk=None):
    qs = Booking.objects.filter(organization=item.organization, item=item, status__in=HOLDING,
                                start_date__lte=end, end_date__gte=start)
    return qs.exclude(pk=exclude_pk) if exclude_pk else qs


def _overlap_error(item, clash: Booking) -> ValidationError:
    return ValidationError({"start_date": _(
        "“%(item)s” มีผู้จองแล้วในช่วง %(start)s – %(end)s ซึ่งซ้อนกับวันที่ขอ กรุณาเลือกวันอื่น (ดูปฏิทินด้านบน)"
    ) % {"item": item.name, "start": thai_date(clash.start_date, style="medium"), "end": thai_date(clash.end_date, style="medium")}})


def booking_request(*, item: LendableItem, data: dict, requested_by=None, key: str | None = None) -> dict:
    """data: BookingFields.cleaned_data. Returns {"code", "created"}. Raises ValidationError
    when the dates overlap another booking that holds them."""
    if not item.is_active or (requested_by is None and not item.public):
        raise ValidationError({"start_date": _("ครุภัณฑ์/สถานที่นี้ไม่เปิดให้ยืมในขณะนี้")})
    org = item.organization
    key = key or uuid.uuid4().hex

    def create() -> dict:
        # Serialise requests for this item (a no-op on SQLite, whose transaction already holds the write lock).
        LendableItem.objects.select_for_update().filter(pk=item.pk).first()
        clash = overlapping(item=item, start=data["start_date"], end=data["end_date"]).first()
        if clash is not None:
            raise _overlap_error(item, clash)
        code = random_code(10)
        while Booking.objects.filter(organization=org, code=code).exists():
            code = random_code(10)
        booking = Booking(
            organization=org, item=item, code=code, start_date=data["start_date"], end_date=data["end_date"],
            borrower_name=data["borrower_name"], borrower_phone=data.get("borrower_phone", ""),
            borrower_email=data.get("borrower_email", ""), purpose=data["purpose"], requested_by=requested_by,
        )
        booking.full_clean()
        try:
            with transaction.atomic():
                booking.save()
        except IntegrityError as exc:
            if "booking_no_overlap" in str(exc):
                clash = overlapping(item=item, start=booking.start_date, end=booking.end_date).first()
                raise _overlap_error(item, clash or booking) from exc
            raise
        audit_record(organization=org, actor=requested_by, action="booking.request", target=booking,
                     changes={"item": item.name, "dates": [booking.start_date.isoformat(), booking.end_date.isoformat()]})
        approver = item.approver_for(1)
        _mail_after_commit(_("คำขอยืม %(item)s รออนุมัติ") % {"item": item.name},
                           _("คำขอยืม %(item)s วันที่ %(start)s – %(end)s รอการอนุมัติของท่าน") % {
                               "item": item.name, "start": thai_date(booking.start_date), "end": thai_date(booking.end_date)},
                           [approver.user.email])
        return {"code": code}

    fingerprint = f"{item.pk}:{data['start_date']}:{data['end_date']}:{data['borrower_name']}"
    stored, created = idempotent(organization=org, scope=SCOPE_BOOKING, key=key, create=create, fingerprint=fingerprint)
    return {"code": stored["code"], "created": created}


def _require_step_approver(booking: Booking, user) -> None:
    approver = booking.item.approver_for(booking.step)
    if approver is None or approver.user_id != user.pk:
        raise PermissionDenied(_("เฉพาะผู้รับผิดชอบที่กำหนดไว้สำหรับขั้นนี้เท่านั้นที่อนุมัติได้"))


def _require_keeper(booking: Booking, user, membership) -> None:
    """Hand-over and return: the responsible person, or an admin of the organization."""
    if booking.item.responsible.user_id != user.pk and not (membership and membership.is_admin):
        raise PermissionDenied(_("เฉพาะผู้รับผิดชอบครุภัณฑ์/สถานที่นี้หรือผู้ดูแลระบบเท่านั้น"))


@transaction.atomic
def booking_decide(*, booking: Booking, acting_user, approve: bool, note: str = "") -> Booking:
    if booking.status != Booking.Status.PENDING:
        raise ValidationError({"decision": _("คำขอนี้ไม่อยู่ในสถานะรออนุมัติแล้ว")})
    _require_step_approver(booking, acting_user)
    if not approve and not note:
        raise ValidationError({"note": _("กรุณาระบุเหตุผลที่ไม่อนุมัติ")})
    before = {"status": booking.status, "step": booking.step}
    BookingDecision.objects.create(organization=booking.organization, booking=booking, step=booking.step,
                                   approver=acting_user, approved=approve, note=note)
    if not approve:
        booking.status = Booking.Status.REJECTED
    elif booking.step < booking.item.steps:
        booking.step += 1
        nxt = booking.item.approver_for(booking.step)
        _mail_after_commit(_("คำขอยืม %(item)s รออนุมัติขั้นที่ %(n)s") % {"item": booking.item.name, "n": booking.step},
                           _("เลขที่คำขอ %(code)s") % {"code": booking.code}, [nxt.user.email])
    else:
        booking.status = Booking.Status.APPROVED
    booking.full_clean()
    booking.save()
    audit_record(organization=booking.organization, actor=acting_user, action="booking.decide", target=booking,
                 changes={**diff(before, {"status": booking.status, "step": booking.step}), "note": note})
    if booking.status in (Booking.Status.APPROVED, Booking.Status.REJECTED):
        _mail_after_commit(_("ผลการพิจารณาคำขอยืม %(item)s") % {"item": booking.item.name},
                           _("คำขอเลขที่ %(code)s: %(status)s %(note)s") % {
                               "code": booking.code, "status": booking.get_status_display(), "note": note},
                           [booking.borrower_email])
    return booking


@transaction.atomic
def booking_hand_over(*, booking: Booking, acting_user, membership, condition: str) -> Booking:
    _require_keeper(booking, acting_user, membership)
    if booking.status != Booking.Status.APPROVED:
        raise ValidationError({"condition": _("ส่งมอบได้เฉพาะคำขอที่อนุมัติแล้ว")})
    booking.status = Booking.Status.HANDED_OVER
    booking.handed_over_at = timezone.now()
    booking.handed_over_by = acting_user
    booking.condition_out = condition
    booking.full_clean()
    booking.save()
    audit_record(organization=booking.organization, actor=acting_user, action="booking.hand_over", target=booking,
                 changes={"status": [Booking.Status.APPROVED, booking.status], "condition_out": condition})
    return booking


@transaction.atomic
def booking_return(*, booking: Booking, acting_user, membership, condition: str, damaged: bool) -> Booking:
    _require_keeper(booking, acting_user, membership)
    if booking.status != Booking.Status.HANDED_OVER:
        raise ValidationError({"condition": _("รับคืนได้เฉพาะรายการที่ส่งมอบแล้ว")})
    booking.status = Booking.Status.RETURNED
    booking.returned_at = timezone.now()
    booking.returned_to = acting_user
    booking.condition_in = condition
    booking.damaged = damaged
    booking.full_clean()
    booking.save()
    audit_record(organization=booking.organization, actor=acting_user, action="booking.return", target=booking,
                 changes={"status": [Booking.Status.HANDED_OVER, booking.status], "condition_in": condition,
                          "damaged": damaged})
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, acting_user, membership, note: str = "") -> Booking:
    _require_keeper(booking, acting_user, membership)
    if booking.status not in (Booking.Status.PENDING, Booking.Status.APPROVED):
        raise ValidationError({"note": _("ยกเลิกได้เฉพาะคำขอที่ยังไม่ได้ส่งมอบ")})
    before = booking.status
    booking.status = Booking.Status.CANCELLED
    booking.full_clean()
    booking.save()
    audit_record(organization=booking.organization, actor=acting_user, action="booking.cancel", target=booking,
                 changes={"status": [before, booking.status], "note": note})
    return booking


def send_reminders(*, organization, today: dt.date) -> int:
    """E-mail the borrower and the responsible person about each overdue booking, at most once
    a day per booking; the mail goes out after the reminder date is committed."""
    sent = 0
    overdue = Booking.objects.filter(organization=organization, status=Booking.Status.HANDED_OVER,
                                     end_date__lt=today).select_related("item__responsible__user")
    for booking in overdue:
        if booking.last_reminder_on == today:
            continue
        with transaction.atomic():
            Booking.objects.filter(pk=booking.pk).update(last_reminder_on=today)
            days = (today - booking.end_date).days
            _mail_after_commit(
                _("เตือน: เลยกำหนดคืน %(item)s") % {"item": booking.item.name},
                _("%(org)s: %(item)s (คำขอเลขที่ %(code)s) ครบกำหนดคืนเมื่อ %(end)s เลยกำหนดมาแล้ว %(days)s วัน "
                  "กรุณาติดต่อ %(who)s") % {
                    "org": organization.name, "item": booking.item.name, "code": booking.code,
                    "end": thai_date(booking.end_date), "days": days, "who": booking.item.responsible.user.display_name},
                [booking.borrower_email, booking.item.responsible.user.email],
            )
        sent += 1
    return sent


# --- registry -----------------------------------------------------------------------------

ITEM_FIELDS = ["name", "kind", "asset_number", "description", "location", "department", "responsible",
               "second_approver", "conditions", "max_days", "public", "is_active"]


def _state(item) -> dict:
    return {f: (str(getattr(item, f)) if hasattr(getattr(item, f), "pk") else getattr(item, f)) for f in ITEM_FIELDS}


def _public_changed(obj) -> None:
    """Tell the search index (and anyone else) once the change is committed."""
    transaction.on_commit(lambda: public_content_changed.send(
        sender=type(obj), organization=obj.organization,
        source=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=obj.pk))


@transaction.atomic
def item_save(*, item: LendableItem, acting_user, data: dict) -> LendableItem:
    creating = item.pk is None
    before = {} if creating else _state(item)
    for name in ITEM_FIELDS:
        setattr(item, name, data[name])
    for name in ("responsible", "second_approver", "department"):
        value = getattr(item, name)
        if value is not None and value.organization_id != item.organization_id:
            raise ValidationError({name: _("ที่เลือกไม่อยู่ในหน่วยงานนี้")})
    item.full_clean()
    item.save()
    audit_record(organization=item.organization, actor=acting_user, action="lending_item.create" if creating else "lending_item.update",
                 target=item, changes=diff(before, _state(item)))
    _public_changed(item)
    return item


@transaction.atomic
def photo_add(*, item: LendableItem, acting_user, data: bytes, ext: str, alt: str) -> ItemPhoto:
    last = item.photos.order_by("-position").first()
    photo = ItemPhoto(organization=item.organization, item=item, alt=alt, position=(last.position + 1) if last else 0)
    photo.image.save(f"{uuid.uuid4().hex}{ext}", ContentFile(data), save=False)
    photo.full_clean()
    photo.save()
    audit_record(organization=item.organization, actor=acting_user, action="lending_item.photo_add", target=item,
                 changes={"photo": alt})
    return photo


@transaction.atomic
def photo_remove(*, photo: ItemPhoto, acting_user) -> None:
    audit_record(organization=photo.organization, actor=acting_user, action="lending_item.photo_remove",
                 target=photo.item, changes={"photo": photo.alt})
    photo.image.delete(save=False)
    photo.delete()


def procedure_default(organization) -> Procedure:
    return Procedure(
        organization=organization,
        title=_("ขั้นตอนการยืม–คืนครุภัณฑ์และสถานที่ของ%(org)s") % {"org": organization.name},
        intro=_("ประชาชนและเจ้าหน้าที่ขอยืมครุภัณฑ์หรือขอใช้สถานที่ได้ทางเว็บไซต์ ตรวจดูวันว่างได้จากปฏิทินของแต่ละรายการ"),
        steps=[
            {"title": _("ยื่นคำขอยืมทางเว็บไซต์หรือที่สำนักงาน"), "who": _("ผู้ขอยืม"), "time": _("ก่อนวันใช้งานอย่างน้อย ๓ วัน")},
            {"title": _("ตรวจสอบวันว่างและพิจารณาอนุมัติ"), "who": _("ผู้รับผิดชอบครุภัณฑ์/สถานที่"), "time": _("๑ วันทำการ")},
            {"title": _("ส่งมอบและบันทึกสภาพก่อนยืม"), "who": _("ผู้รับผิดชอบครุภัณฑ์/สถานที่"), "time": _("วันเริ่มยืม")},
            {"title": _("ส่งคืนและตรวจสภาพหลังใช้งาน"), "who": _("ผู้ขอยืม / ผู้รับผิดชอบ"), "time": _("ภายในวันครบกำหนด")},
        ],
    )


@transaction.atomic
def procedure_save(*, organization, acting_user, title: str, intro: str, steps: list[dict]) -> Procedure:
    procedure = Procedure.objects.filter(organization=organization).first() or procedure_default(organization)
    before = {"title": procedure.title, "steps": procedure.steps} if procedure.pk else {}
    procedure.title, procedure.intro, procedure.steps = title, intro, steps
    procedure.updated_by = acting_user
    procedure.full_clean()
    procedure.save()
    audit_record(organization=organization, actor=acting_user, action="lending_procedure.save", target=procedure,
                 changes=diff(before, {"title": title, "steps": steps}))
    _public_changed(procedure)
    return procedure
