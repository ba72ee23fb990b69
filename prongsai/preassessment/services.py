"""Writes of the pre-assessment surveys. See models.py and docs/anonymity.md for why answers
are only ever stored as pending rows with no person, then as aggregate counts."""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.core.thai import digits
from prongsai.ita.models import Framework
from prongsai.tenancy.models import Membership

from .models import MIN_GROUP, Invitation, PendingAnswer, Question, RespondentCount, Survey, Tally

QUESTION_DIR = Path(__file__).resolve().parent / "questions"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def question_set(instrument: str) -> dict:
    return yaml.safe_load((QUESTION_DIR / f"{instrument.lower()}.yaml").read_text(encoding="utf-8"))


def code_hash(survey: Survey, code: str) -> str:
    """HMAC with the server secret: the stored hash cannot be reversed or brute-forced from a dump."""
    normalized = code.strip().upper().replace("-", "").replace(" ", "")
    return hmac.new(settings.SECRET_KEY.encode(), f"{survey.pk}:{normalized}".encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def survey_create(*, organization, acting_user, instrument: str, fiscal_year: int, title: str = "") -> Survey:
    framework = Framework.objects.filter(fiscal_year=fiscal_year).first()
    if framework is None:
        raise ValidationError({"fiscal_year": _("ยังไม่มีกรอบการประเมิน ITA ของปี %(y)s") % {"y": fiscal_year}})
    if instrument not in Survey.Instrument.values:
        raise ValidationError({"instrument": _("เลือกแบบวัด IIT หรือ EIT")})
    survey = Survey(
        organization=organization,
        instrument=instrument,
        framework=framework,
        created_by=acting_user,
        title=title
        or _("แบบสำรวจ %(ins)s ก่อนการประเมิน ปี %(y)s")
        % {"ins": instrument, "y": digits(fiscal_year, organization.thai_digits)},
        public_token=secrets.token_urlsafe(16) if instrument == Survey.Instrument.EIT else "",
    )
    survey.full_clean()
    survey.save()
    data = question_set(instrument)
    for pos, q in enumerate(data["questions"]):
        Question.objects.create(
            organization=organization,
            survey=survey,
            code=q["code"],
            indicator_number=q["indicator"],
            position=pos,
            text=q["text"],
            scale=q["scale"],
            reversed=bool(q.get("reversed")),
            yes_scores=q.get("yes_scores", 100),
            official=bool(data.get("official")),
        )
    audit_record(
        organization=organization,
        actor=acting_user,
        action="survey.create",
        target=survey,
        changes={"instrument": instrument, "fiscal_year": fiscal_year},
    )
    return survey


@transaction.atomic
def survey_set_status(*, survey: Survey, acting_user, status: str) -> Survey:
    old = survey.status
    survey.status = status
    survey.full_clean()
    survey.save()
    if status == Survey.Status.CLOSED:
        fold_pending(survey=survey, force=True)
    audit_record(
        organization=survey.organization,
        actor=acting_user,
        action="survey.status",
        target=survey,
        changes={"status": [old, status]},
    )
    return survey


@transaction.atomic
def invitations_issue(*, survey: Survey, acting_user, memberships) -> list[tuple[Membership, str]]:
    """New one-time codes for the given people (IIT). A person who already answered gets none;
    an unanswered person's old code is replaced. The codes are returned once and never stored."""
    if survey.instrument != Survey.Instrument.IIT:
        raise ValidationError(_("แบบสำรวจ EIT ใช้ลิงก์สาธารณะ ไม่ใช้รหัสรายบุคคล"))
    issued = []
    for membership in memberships:
        if membership.organization_id != survey.organization_id:
            continue
        existing = Invitation.objects.filter(survey=survey, membership=membership).first()
        if existing is not None and existing.answered:
            continue
        code = _new_code()
        if existing is None:
            Invitation.objects.create(
                organization=survey.organization,
                survey=survey,
                membership=membership,
                code_hash=code_hash(survey, code),
            )
        else:
            existing.code_hash = code_hash(survey, code)
            existing.save(update_fields=["code_hash"])
        issued.append((membership, code))
    audit_record(
        organization=survey.organization,
        actor=acting_user,
        action="survey.codes",
        target=survey,
        changes={"issued": len(issued)},
    )
    return issued


class AnswerRefused(Exception):
    """A submission that must change nothing; `message` is shown to the respondent."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def validate_answers(survey: Survey, answers: dict) -> dict:
    questions = list(survey.questions.all())
    clean = {}
    missing = []
    for q in questions:
        value = answers.get(q.code)
        if value not in dict(q.options()):
            missing.append(q.code)
        else:
            clean[q.code] = value
    if missing:
        raise ValidationError(_("กรุณาตอบให้ครบทุกข้อ (ยังไม่ได้ตอบ %(n)s ข้อ)") % {"n": len(missing)})
    return clean


def _group_key(survey: Survey, invitation: Invitation | None) -> int:
    """A department is a group only when at least MIN_GROUP of its people were invited."""
    if invitation is None or invitation.membership.department_id is None:
        return 0
    dept_id = invitation.membership.department_id
    invited = Invitation.objects.filter(survey=survey, membership__department_id=dept_id).count()
    return dept_id if invited >= MIN_GROUP else 0


@transaction.atomic
def answer_submit(*, survey: Survey, answers: dict, code: str | None = None) -> None:
    """Store one respondent's answers anonymously. IIT needs a valid unused code; a used code is
    refused and the first answer kept; a wrong code reveals nothing."""
    if survey.status != Survey.Status.OPEN:
        raise AnswerRefused(_("แบบสำรวจนี้ไม่ได้เปิดรับคำตอบ"))
    clean = validate_answers(survey, answers)
    invitation = None
    if survey.instrument == Survey.Instrument.IIT:
        invitation = (
            Invitation.objects.select_related("membership")
            .filter(survey=survey, code_hash=code_hash(survey, code or ""))
            .first()
        )
        if invitation is None:
            raise AnswerRefused(_("รหัสไม่ถูกต้องหรือหมดอายุ กรุณาตรวจสอบรหัสจากผู้ประสานงาน"))
        # Conditional update: of two simultaneous uses of one code exactly one succeeds.
        if Invitation.objects.filter(pk=invitation.pk, answered=False).update(answered=True) != 1:
            raise AnswerRefused(_("รหัสนี้ถูกใช้ตอบแบบสำรวจแล้ว ระบบเก็บคำตอบแรกไว้ ไม่สามารถตอบซ้ำได้"))
    PendingAnswer.objects.create(
        organization=survey.organization, survey=survey, group_key=_group_key(survey, invitation), answers=clean
    )
    fold_pending(survey=survey)


def fold_pending(*, survey: Survey, force: bool = False) -> int:
    """Fold pending answers into the tallies once at least MIN_GROUP wait (or all when the survey
    closes), in random order, then delete them. Returns how many were folded."""
    pending = list(PendingAnswer.objects.select_for_update().filter(survey=survey))
    if not pending or (len(pending) < MIN_GROUP and not force):
        return 0
    random.shuffle(pending)
    org = survey.organization
    questions = {q.code: q for q in survey.questions.all()}
    for answer in pending:
        for group_key in {0, answer.group_key}:
            _bump(RespondentCount, organization=org, survey=survey, group_key=group_key)
            for code, option in answer.answers.items():
                _bump(
                    Tally, organization=org, survey=survey, group_key=group_key, question=questions[code], option=option
                )
    PendingAnswer.objects.filter(pk__in=[p.pk for p in pending]).delete()
    return len(pending)


def _bump(model, **lookup) -> None:
    obj, created = model.objects.get_or_create(**lookup, defaults={"count": 1})
    if not created:
        model.objects.filter(pk=obj.pk).update(count=F("count") + 1)
