"""Writes of the training, meeting and HR registers. Uploads are checked by content; people
and issues must belong to the organization; everything official is audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.core.signals import public_content_changed
from prongsai.core.uploads import validate_upload
from prongsai.measures import services as measures_services
from prongsai.measures.models import RoundResult

from .models import Attendance, Meeting, MeetingAttendee, MeetingIssue

DOCUMENT_KINDS = {"pdf", "docx"}
CERTIFICATE_KINDS = {"pdf", "image"}


def _check_same_org(organization, objects, field: str) -> None:
    if any(o.organization_id != organization.id for o in objects):
        raise ValidationError({field: _("เลือกได้เฉพาะข้อมูลของหน่วยงานนี้")})


PUBLIC_MODELS = {"hrannouncement", "propertyrule"}  # rows shown on the public site


def _public_changed(obj) -> None:
    """Tell the search index (and anyone else) once the change is committed."""
    transaction.on_commit(lambda: public_content_changed.send(
        sender=type(obj), organization=obj.organization,
        source=f"{obj._meta.app_label}.{obj._meta.model_name}", object_id=obj.pk))


@transaction.atomic
def record_save(*, instance, acting_user, upload_fields: dict | None = None):
    """Save a register record (course, selection, meeting, announcement, rule) after checking its
    uploads by content. The organization is already set on the instance by the caller's view."""
    for field, kinds in (upload_fields or {}).items():
        upload = getattr(instance, field)
        if upload and not getattr(upload, "_committed", True):
            validate_upload(upload, kinds=kinds)
    creating = instance.pk is None
    instance.full_clean()
    instance.save()
    audit_record(organization=instance.organization, actor=acting_user,
                 action=f"{instance._meta.model_name}.{'create' if creating else 'update'}", target=instance,
                 changes={"title": [None, str(instance)]} if creating else {})
    if instance._meta.model_name in PUBLIC_MODELS:
        _public_changed(instance)
    return instance


@transaction.atomic
def attendance_set(*, course, acting_user, memberships) -> None:
    _check_same_org(course.organization, memberships, "members")
    keep = {m.pk for m in memberships}
    Attendance.objects.filter(course=course).exclude(membership_id__in=keep).delete()
    existing = set(Attendance.objects.filter(course=course).values_list("membership_id", flat=True))
    for m in memberships:
        if m.pk not in existing:
            Attendance.objects.create(organization=course.organization, course=course, membership=m)
    audit_record(organization=course.organization, actor=acting_user, action="course.attendance", target=course,
                 changes={"attendees": len(keep)})


@transaction.atomic
def certificate_attach(*, attendance, acting_user, upload) -> None:
    validate_upload(upload, kinds=CERTIFICATE_KINDS)
    attendance.certificate = upload
    attendance.save(update_fields=["certificate"])
    audit_record(organization=attendance.organization, actor=acting_user, action="course.certificate",
                 target=attendance.course, changes={"person": str(attendance.membership.user)})


@transaction.atomic
def meeting_save(*, meeting, acting_user, attendees, issues) -> Meeting:
    _check_same_org(meeting.organization, attendees, "attendees")
    _check_same_org(meeting.organization, issues, "issues")
    record_save(instance=meeting, acting_user=acting_user, upload_fields={"minutes_file": DOCUMENT_KINDS})
    MeetingAttendee.objects.filter(meeting=meeting).delete()
    MeetingIssue.objects.filter(meeting=meeting).delete()
    for m in attendees:
        MeetingAttendee.objects.create(organization=meeting.organization, meeting=meeting, membership=m)
    for issue in issues:
        MeetingIssue.objects.create(organization=meeting.organization, meeting=meeting, issue=issue)
    return meeting


def attach_as_evidence(*, result: RoundResult, acting_user, record, url: str):
    """One step: a register record becomes evidence of a measures issue in a follow-up round."""
    if result.organization_id != record.organization_id:
        raise ValidationError(_("เลือกได้เฉพาะประเด็นของหน่วยงานนี้"))
    title = f"{record._meta.verbose_name}: {record}"[:200]
    return measures_services.evidence_add(result=result, acting_user=acting_user, title=title, url=url)
