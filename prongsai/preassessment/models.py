"""The organization's own IIT/EIT pre-assessment surveys.

Anonymity is the point, so answers are NEVER stored per person:
- an `Invitation` (IIT) holds only the person, a hash of their one-time code and a boolean
  `answered` — no time, no link to any answer;
- a submitted answer set goes into `PendingAnswer` (random UUID key, no time, no person, no code),
  and is folded into the aggregate `Tally` counts in shuffled batches of at least MIN_GROUP, after
  which the pending rows are deleted. Tallies are kept overall and per department only for
  departments with at least MIN_GROUP invited people.
See docs/anonymity.md for the reasoning and its limits."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.ita.models import Framework
from prongsai.tenancy.models import Membership, TenantModel

MIN_GROUP = 5


class Survey(TenantModel):
    class Instrument(models.TextChoices):
        IIT = "IIT", _("IIT – บุคลากรภายในหน่วยงาน")
        EIT = "EIT", _("EIT – ผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียภายนอก")

    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        OPEN = "open", _("เปิดรับคำตอบ")
        CLOSED = "closed", _("ปิดแล้ว")

    instrument = models.CharField(_("แบบวัด"), max_length=3, choices=Instrument.choices)
    framework = models.ForeignKey(Framework, verbose_name=_("ปีการประเมิน"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("ชื่อแบบสำรวจ"), max_length=200)
    status = models.CharField(_("สถานะ"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    public_token = models.CharField(max_length=32, unique=True, default="", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("แบบสำรวจก่อนการประเมิน")

    def __str__(self) -> str:
        return self.title


class Question(TenantModel):
    class Scale(models.TextChoices):
        LEVEL4 = "level4", _("๔ ระดับ")
        YESNO = "yesno", _("มี/ไม่มี")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=10)
    indicator_number = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("คำถาม"), max_length=500)
    scale = models.CharField(max_length=10, choices=Scale.choices)
    reversed = models.BooleanField(default=False)
    yes_scores = models.PositiveSmallIntegerField(default=100)
    official = models.BooleanField(default=False)

    class Meta:
        ordering = ["survey", "position"]
        constraints = [models.UniqueConstraint(fields=["organization", "survey", "code"], name="question_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def options(self) -> list[tuple[str, str]]:
        if self.scale == self.Scale.YESNO:
            return [("yes", str(_("มี/เคย"))), ("no", str(_("ไม่มี/ไม่เคย")))]
        return [("1", str(_("น้อยที่สุดหรือไม่มีเลย"))), ("2", str(_("น้อย"))), ("3", str(_("มาก"))), ("4", str(_("มากที่สุด")))]

    def score_of(self, option: str) -> int:
        """0/33/67/100 (reversed for negative questions) or yes/no per the question's data."""
        if self.scale == self.Scale.YESNO:
            return self.yes_scores if option == "yes" else 100 - self.yes_scores
        value = {"1": 0, "2": 33, "3": 67, "4": 100}[option]
        return 100 - value if self.reversed else value


class Invitation(TenantModel):
    """Who was invited (IIT) and whether they have answered. Nothing else, by design."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    answered = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "survey", "membership"], name="invitation_unique_person")
        ]


class PendingAnswer(TenantModel):
    """One submitted answer set waiting to be folded into the tallies: no person, no code, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    group_key = models.PositiveIntegerField(default=0)  # a department id, or 0
    answers = models.JSONField()


class Tally(TenantModel):
    """How many respondents chose `option` for `question`. group_key 0 = the whole organization,
    otherwise a department id (only departments with at least MIN_GROUP invited people)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="tallies")
    group_key = models.PositiveIntegerField(default=0)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    option = models.CharField(max_length=5)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "survey", "group_key", "question", "option"], name="tally_unique"
            )
        ]


class RespondentCount(TenantModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondent_counts")
    group_key = models.PositiveIntegerField(default=0)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "survey", "group_key"], name="respondentcount_unique")
        ]
