"""Writes of the public site. Keyword-only, atomic, validated, audited; every change to
public content announces itself with core.signals.public_content_changed after commit."""

from __future__ import annotations

import datetime as dt
import os
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record, diff, snapshot
from prongsai.complaints.scrub import scrub
from prongsai.core.sanitize import clean_html
from prongsai.core.signals import public_content_changed
from prongsai.core.thai import fiscal_year_bounds
from prongsai.core.uploads import validate_upload
from prongsai.tenancy.models import Department, Membership

from . import categories, colours
from .middleware import forget_host
from .models import (
    Attachment,
    CategoryDepartment,
    Executive,
    FaqEntry,
    InfoPage,
    ProcurementRow,
    Publication,
    PublicationEvent,
    SiteProfile,
    SocialLink,
)

ATTACHMENT_KINDS = {"pdf", "docx", "xlsx", "image"}
MAX_ATTACHMENTS = 20
Role = Membership.Role
PUB_FIELDS = ["title", "category", "fiscal_year", "period", "publication_date", "department", "status"]


def announce(organization, source: str, object_id) -> None:
    transaction.on_commit(lambda: public_content_changed.send(
        sender=None, organization=organization, source=source, object_id=object_id))


# --- files ----------------------------------------------------------------------------------


def clean_image(upload) -> ContentFile:
    """Checked by content, re-encoded from pixels (EXIF/GPS/comments gone), renamed."""
    validate_upload(upload, kinds={"image"})
    upload.seek(0)
    data, name = scrub(upload.read(), "image", upload.name)
    ext = os.path.splitext(name)[1] or ".png"
    return ContentFile(data, name=f"{uuid.uuid4().hex}{ext}")


def clean_attachment(upload) -> tuple[ContentFile, str, str]:
    """(clean file, kind, display name). PDF/DOCX lose their metadata, images are re-encoded."""
    kind = validate_upload(upload, kinds=ATTACHMENT_KINDS)
    upload.seek(0)
    original = upload.read()
    if kind in ("pdf", "docx", "image"):
        data, name = scrub(original, kind, upload.name)
    else:
        data, name = original, upload.name
    base = os.path.splitext(os.path.basename(upload.name or "file"))[0][:150] or "file"
    ext = os.path.splitext(name)[1] or os.path.splitext(upload.name)[1]
    return ContentFile(data, name=f"{uuid.uuid4().hex}{ext}"), kind, f"{base}{ext}"


# --- look, contact, structured content --------------------------------------------------------


def site_profile(organization) -> SiteProfile:
    profile = SiteProfile.objects.filter(organization=organization).first()
    if profile is None:
        profile, _created = SiteProfile.objects.get_or_create(organization=organization)
    return profile


@transaction.atomic
def site_profile_update(*, organization, acting_user, data: dict, logo=None, cover=None) -> SiteProfile:
    profile = site_profile(organization)
    fields = ["domain", "primary_colour", "cover_alt", "tagline"]
    old = snapshot(profile, fields)
    for name in fields:
        if name in data:
            setattr(profile, name, data[name])
    profile.domain = (profile.domain or "").strip().lower() or None
    profile.full_clean(exclude=["organization", "logo", "cover"])
    if not colours.usable(profile.primary_colour):
        raise ValidationError({"primary_colour": _(
            "สีนี้อ่อนเกินไป ตัวอักษรสีขาวบนสีนี้และลิงก์สีนี้บนพื้นขาวจะอ่านยาก (ความต่างสีต่ำกว่า 4.5:1) "
            "กรุณาเลือกสีที่เข้มขึ้น")})
    old_domain = SiteProfile.objects.filter(pk=profile.pk).values_list("domain", flat=True).first()
    if logo:
        profile.logo = clean_image(logo)
    elif data.get("remove_logo"):
        profile.logo = ""
    if cover:
        profile.cover = clean_image(cover)
    elif data.get("remove_cover"):
        profile.cover = ""
    profile.save()
    forget_host(old_domain)
    forget_host(profile.domain)
    audit_record(organization=organization, actor=acting_user, action="portal.site_updated", target=profile,
                 changes=diff(old, snapshot(profile, fields)))
    return profile


CONTACT_FIELDS = ["address", "postcode", "phone", "fax", "email", "latitude", "longitude"]


@transaction.atomic
def contact_update(*, organization, acting_user, data: dict):
    """The five contact items live on the Organization (one source for letters and the site)."""
    old = snapshot(organization, CONTACT_FIELDS)
    for name in CONTACT_FIELDS:
        if name in data:
            setattr(organization, name, data[name])
    if (organization.latitude is None) != (organization.longitude is None):
        raise ValidationError({"latitude": _("กรอกละติจูดและลองจิจูดให้ครบทั้งสองค่า หรือเว้นว่างทั้งคู่")})
    organization.full_clean(exclude=["slug"])
    organization.save(update_fields=CONTACT_FIELDS)
    audit_record(organization=organization, actor=acting_user, action="portal.contact_updated",
                 target=organization, changes=diff(old, snapshot(organization, CONTACT_FIELDS)))
    announce(organization, "portal.contact", organization.pk)
    return organization


EXEC_FIELDS = ["full_name", "position", "side", "department", "order", "phone", "email"]


@transaction.atomic
def executive_save(*, organization, acting_user, executive: Executive | None, data: dict, photo=None,
                   remove_photo: bool = False) -> Executive:
    executive = executive or Executive(organization=organization)
    old = snapshot(executive, EXEC_FIELDS) if executive.pk else {}
    for name in EXEC_FIELDS:
        if name in data:
            setattr(executive, name, data[name])
    if photo:
        executive.photo = clean_image(photo)
    elif remove_photo:
        executive.photo = ""
    executive.full_clean(exclude=["organization"])
    executive.save()
    audit_record(organization=organization, actor=acting_user, action="portal.executive_saved", target=executive,
                 changes=diff(old, snapshot(executive, EXEC_FIELDS)))
    announce(organization, "portal.executive", executive.pk)
    return executive


@transaction.atomic
def executive_delete(*, organization, acting_user, executive: Executive) -> None:
    audit_record(organization=organization, actor=acting_user, action="portal.executive_deleted", target=executive)
    pk = executive.pk
    executive.delete()
    announce(organization, "portal.executive", pk)


@transaction.atomic
def info_page_save(*, organization, acting_user, kind: str, body: str, image=None, image_alt: str = "",
                   remove_image: bool = False) -> InfoPage:
    page = InfoPage.objects.filter(organization=organization, kind=kind).first() or InfoPage(
        organization=organization, kind=kind)
    old_body = page.body
    page.body = clean_html(body)
    page.image_alt = image_alt
    if image:
        page.image = clean_image(image)
    elif remove_image:
        page.image = ""
    if page.image and not page.image_alt.strip():
        raise ValidationError({"image_alt": _("กรุณาบรรยายภาพ เพื่อผู้ใช้โปรแกรมอ่านหน้าจอ")})
    page.full_clean(exclude=["organization"])
    page.save()
    audit_record(organization=organization, actor=acting_user, action="portal.page_saved", target=page,
                 changes={"body": [len(old_body), len(page.body)]})
    announce(organization, "portal.infopage", page.pk)
    return page


@transaction.atomic
def social_link_save(*, organization, acting_user, link: SocialLink | None, data: dict) -> SocialLink:
    link = link or SocialLink(organization=organization)
    for name in ("network", "label", "url", "order"):
        if name in data:
            setattr(link, name, data[name])
    if not link.url.lower().startswith(("https://", "http://")):
        raise ValidationError({"url": _("ที่อยู่ลิงก์ต้องขึ้นต้นด้วย https://")})
    link.full_clean(exclude=["organization"])
    link.save()
    audit_record(organization=organization, actor=acting_user, action="portal.social_saved", target=link)
    announce(organization, "portal.contact", organization.pk)
    return link


@transaction.atomic
def social_link_delete(*, organization, acting_user, link: SocialLink) -> None:
    audit_record(organization=organization, actor=acting_user, action="portal.social_deleted", target=link)
    link.delete()
    announce(organization, "portal.contact", organization.pk)


@transaction.atomic
def question_save(*, organization, acting_user, question: FaqEntry | None, data: dict) -> FaqEntry:
    question = question or FaqEntry(organization=organization)
    for name in ("question", "answer", "order", "is_published"):
        if name in data:
            setattr(question, name, data[name])
    if question.is_published and not question.answer.strip():
        raise ValidationError({"answer": _("กรุณาเขียนคำตอบก่อนเผยแพร่")})
    question.full_clean(exclude=["organization"])
    question.save()
    audit_record(organization=organization, actor=acting_user, action="portal.question_saved", target=question)
    announce(organization, "portal.faqentry", question.pk)
    return question


@transaction.atomic
def question_ask(*, organization, text: str) -> FaqEntry:
    """A citizen's question from the Q&A page: stored unpublished with no personal data."""
    text = " ".join((text or "").split())
    if len(text) < 5:
        raise ValidationError({"question": _("กรุณาพิมพ์คำถามอย่างน้อย ๕ ตัวอักษร")})
    entry = FaqEntry(organization=organization, question=text[:500], answer="", is_published=False,
                     asked_at=timezone.now(), order=0)
    entry.full_clean(exclude=["organization"])
    entry.save()
    return entry


@transaction.atomic
def question_delete(*, organization, acting_user, question: FaqEntry) -> None:
    audit_record(organization=organization, actor=acting_user, action="portal.question_deleted", target=question)
    pk = question.pk
    question.delete()
    announce(organization, "portal.faqentry", pk)


# --- who publishes where ---------------------------------------------------------------------


def category_departments(organization) -> dict[str, set[int]]:
    """category slug → ids of the departments that publish in it (assignment, else the default
    named in categories.yaml, matched by name prefix)."""
    assigned: dict[str, set[int]] = {}
    for row in CategoryDepartment.objects.filter(organization=organization).values("category", "department_id"):
        assigned.setdefault(row["category"], set()).add(row["department_id"])
    departments = list(Department.objects.filter(organization=organization).values("id", "name"))
    out = {}
    for slug, cat in categories.all_categories().items():
        if slug in assigned:
            out[slug] = assigned[slug]
        else:
            out[slug] = {d["id"] for d in departments if cat.department and d["name"].startswith(cat.department)}
    return out


def allowed_categories(membership) -> list[str]:
    """Category slugs this member may publish in: admins and coordinators all; department staff
    and executives those of their department; viewers none."""
    if membership is None or membership.role == Role.VIEWER:
        return []
    if membership.role in (Role.ADMIN, Role.COORDINATOR):
        return list(categories.all_categories())
    if membership.department_id is None:
        return []
    mapping = category_departments(membership.organization)
    return [slug for slug, depts in mapping.items() if membership.department_id in depts]


def can_publish_in(membership, category: str) -> bool:
    return category in allowed_categories(membership)


def require_can_edit(membership, publication: Publication) -> None:
    if not can_publish_in(membership, publication.category):
        raise PermissionDenied(_("คุณไม่มีสิทธิ์แก้ไขเอกสารในหมวดนี้"))
    if membership.role not in (Role.ADMIN, Role.COORDINATOR) and publication.department_id != membership.department_id:
        raise PermissionDenied(_("เอกสารนี้เป็นของส่วนราชการอื่น"))


@transaction.atomic
def category_departments_set(*, organization, acting_user, category: str, departments: list) -> None:
    if categories.get(category) is None:
        raise ValidationError({"category": _("ไม่พบหมวดนี้")})
    CategoryDepartment.objects.filter(organization=organization, category=category).delete()
    for dept in departments:
        CategoryDepartment.objects.create(organization=organization, category=category, department=dept)
    audit_record(organization=organization, actor=acting_user, action="portal.category_departments",
                 target=organization, changes={category: [None, [d.name for d in departments]]})


# --- publications ----------------------------------------------------------------------------


def _event(publication, action, actor, note=""):
    PublicationEvent.objects.create(
        organization=publication.organization, publication=publication, action=action, actor=actor, note=note,
        snapshot=snapshot(publication, PUB_FIELDS),
    )


def _validate_publication(publication: Publication) -> None:
    errors = {}
    cat = categories.get(publication.category)
    if cat is None:
        errors["category"] = _("ไม่พบหมวดนี้")
    if publication.fiscal_year and not (2540 <= publication.fiscal_year <= 2700):
        errors["fiscal_year"] = _("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น ๒๕๖๖")
    if cat is not None and cat.monthly:
        if publication.period is None:
            errors["period"] = _("หมวดนี้เป็นรายงานรายเดือน กรุณาระบุเดือนที่รายงาน")
        elif publication.fiscal_year and not errors.get("fiscal_year"):
            start, end = fiscal_year_bounds(publication.fiscal_year)
            if not (start <= publication.period <= end):
                errors["period"] = _("เดือนที่รายงานไม่อยู่ในปีงบประมาณที่ระบุ")
    if publication.period is not None:
        publication.period = publication.period.replace(day=1)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def publication_save(*, organization, acting_user, membership, publication: Publication | None, data: dict,
                     attachments: list | None = None, rows: list[dict] | None = None,
                     remove_attachments: list[int] | None = None) -> Publication:
    """Create or edit. `rows` replaces the สขร.๑ table (procurement categories only)."""
    creating = publication is None
    publication = publication or Publication(organization=organization, created_by=acting_user)
    if not creating:
        require_can_edit(membership, publication)
    old = snapshot(publication, PUB_FIELDS) if not creating else {}
    for name in ("title", "category", "fiscal_year", "period", "publication_date", "department"):
        if name in data:
            setattr(publication, name, data[name])
    if "body" in data:
        publication.body = clean_html(data["body"])
    if not can_publish_in(membership, publication.category):
        raise ValidationError({"category": _("คุณไม่มีสิทธิ์เผยแพร่ในหมวดนี้ (เฉพาะหมวดของส่วนราชการของคุณ)")})
    if membership.role not in (Role.ADMIN, Role.COORDINATOR) and publication.department_id != membership.department_id:
        raise ValidationError({"department": _("เลือกได้เฉพาะส่วนราชการของคุณ")})
    if publication.department_id and publication.department.organization_id != organization.id:
        raise ValidationError({"department": _("ไม่พบส่วนราชการนี้")})
    _validate_publication(publication)
    publication.full_clean(exclude=["organization", "created_by"])
    publication.save()
    if remove_attachments:
        Attachment.objects.filter(organization=organization, publication=publication,
                                  pk__in=remove_attachments).delete()
    attachments = attachments or []
    if publication.attachments.count() + len(attachments) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _("แนบไฟล์ได้ไม่เกิน %(n)s ไฟล์") % {"n": MAX_ATTACHMENTS}})
    for upload in attachments:
        content, kind, name = clean_attachment(upload)
        Attachment.objects.create(organization=organization, publication=publication, file=content, name=name,
                                  kind=kind, size=content.size)
    if rows is not None:
        cat = categories.get(publication.category)
        if rows and not (cat and cat.is_procurement_table):
            raise ValidationError({"rows": _("ตาราง สขร.๑ ใช้ได้เฉพาะหมวดสรุปผลการจัดซื้อจัดจ้าง")})
        procurement_rows_set(publication=publication, rows=rows)
    _event(publication, PublicationEvent.Action.CREATED if creating else PublicationEvent.Action.EDITED, acting_user)
    audit_record(organization=organization, actor=acting_user,
                 action="portal.publication_created" if creating else "portal.publication_edited",
                 target=publication, changes=diff(old, snapshot(publication, PUB_FIELDS)))
    if publication.status == Publication.Status.PUBLISHED:
        announce(organization, "portal.publication", publication.pk)
    return publication


def procurement_rows_set(*, publication: Publication, rows: list[dict]) -> None:
    publication.procurement_rows.all().delete()
    for position, row in enumerate(rows, 1):
        obj = ProcurementRow(organization=publication.organization, publication=publication, position=position, **row)
        obj.full_clean(exclude=["organization", "publication"])
        obj.save()


@transaction.atomic
def publication_publish(*, organization, acting_user, membership, publication: Publication) -> Publication:
    require_can_edit(membership, publication)
    cat = categories.get(publication.category)
    if cat and cat.is_procurement_table and not publication.procurement_rows.exists() \
            and not publication.attachments.exists() and "ไม่มีการจัดซื้อ" not in publication.body:
        raise ValidationError(_("สรุปผลการจัดซื้อจัดจ้างต้องมีตาราง สขร.๑ หรือไฟล์แนบ "
                                "(ถ้าเดือนนี้ไม่มีการจัดซื้อจัดจ้าง ให้เขียนว่า “ไม่มีการจัดซื้อจัดจ้าง” ในเนื้อหา)"))
    publication.status = Publication.Status.PUBLISHED
    publication.published_at = publication.published_at or timezone.now()
    publication.withdrawn_at = None
    publication.save(update_fields=["status", "published_at", "withdrawn_at", "updated_at"])
    _event(publication, PublicationEvent.Action.PUBLISHED, acting_user)
    audit_record(organization=organization, actor=acting_user, action="portal.publication_published",
                 target=publication)
    announce(organization, "portal.publication", publication.pk)
    return publication


@transaction.atomic
def publication_withdraw(*, organization, acting_user, membership, publication: Publication,
                         reason: str) -> Publication:
    require_can_edit(membership, publication)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("กรุณาระบุเหตุผลที่ถอนการเผยแพร่")})
    if publication.status != Publication.Status.PUBLISHED:
        raise ValidationError(_("ถอนได้เฉพาะเอกสารที่เผยแพร่อยู่"))
    publication.status = Publication.Status.WITHDRAWN
    publication.withdrawn_at = timezone.now()
    publication.withdrawal_reason = reason[:500]
    publication.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    _event(publication, PublicationEvent.Action.WITHDRAWN, acting_user, note=reason[:500])
    audit_record(organization=organization, actor=acting_user, action="portal.publication_withdrawn",
                 target=publication, changes={"status": ["published", "withdrawn"], "reason": [None, reason]})
    announce(organization, "portal.publication", publication.pk)
    return publication


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)
