"""Writes for satisfaction surveys. Answers are idempotent (form token / Idempotency-Key) and at
most one answer is kept per e-service request."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.core.antiabuse import idempotent, payload_fingerprint
from prongsai.eservice.models import ServiceRequest

from .models import SatisfactionSurvey, SurveyResponse

SCOPE = "satisfaction-response"


def answer(*, survey: SatisfactionSurvey, score: int, comment: str = "", request_code: str = "", key: str) -> dict:
    if not survey.is_open:
        raise ValidationError(_("แบบสำรวจนี้ปิดรับคำตอบแล้ว"))
    req = None
    if request_code:
        req = ServiceRequest.objects.filter(organization=survey.organization, code=request_code,
                                            status=ServiceRequest.Status.DONE,
                                            request_type__service=survey.service).first()

    def create() -> dict:
        if req is not None and SurveyResponse.objects.filter(request=req).exists():
            raise ValidationError(_("คำร้องนี้ตอบแบบสำรวจไปแล้ว ขอบคุณค่ะ"))
        response = SurveyResponse(organization=survey.organization, survey=survey, score=score, comment=comment.strip(),
                            comment_status=SurveyResponse.CommentStatus.PENDING if comment.strip() else SurveyResponse.CommentStatus.NONE,
                            request=req)
        response.full_clean()
        response.save()
        return {"id": response.pk}

    stored, created = idempotent(organization=survey.organization, scope=SCOPE, key=key, create=create,
                                 fingerprint=payload_fingerprint({"s": survey.pk, "score": score, "c": comment}))
    return {**stored, "created": created}


@transaction.atomic
def create_survey(*, organization, service, acting_user) -> SatisfactionSurvey:
    if service.organization_id != organization.pk:
        raise ValidationError({"service": _("งานบริการที่เลือกไม่อยู่ในหน่วยงานนี้")})
    if SatisfactionSurvey.objects.filter(organization=organization, service=service).exists():
        raise ValidationError({"service": _("งานบริการนี้มีแบบสำรวจแล้ว")})
    survey = SatisfactionSurvey(organization=organization, service=service, title=f"ความพึงพอใจต่อการให้บริการ: {service.title}")
    survey.full_clean()
    survey.save()
    audit_record(organization=organization, actor=acting_user, action="satisfaction.survey.create", target=survey)
    return survey


@transaction.atomic
def moderate(*, response: SurveyResponse, action: str, acting_user) -> SurveyResponse:
    status = {"approve": SurveyResponse.CommentStatus.APPROVED, "hide": SurveyResponse.CommentStatus.HIDDEN}.get(action)
    if status is None or not response.comment:
        raise ValidationError(_("คำสั่งไม่ถูกต้อง"))
    response.comment_status = status
    response.save(update_fields=["comment_status"])
    audit_record(organization=response.organization, actor=acting_user, action=f"satisfaction.comment.{action}",
                 target=response)
    return response
