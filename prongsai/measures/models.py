"""Measures plans (มาตรการส่งเสริมคุณธรรมและความโปร่งใส), their issues, and follow-up rounds.

A plan for fiscal year Y answers the results of a framework year (usually Y−1). Numbering of
issues, methods and follow-up items is always generated from `position`, never typed."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.text import split_items
from prongsai.core.thai import fiscal_year_bounds, thai_date
from prongsai.ita.models import Framework, Indicator, OITItem
from prongsai.tenancy.models import Department, TenantModel

INSTRUMENT_ORDER = ("IIT", "EIT", "OIT")


class Instrument(models.TextChoices):
    IIT = "IIT", _("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)")
    EIT = "EIT", _("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)")
    OIT = "OIT", _("แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)")


class Plan(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        PUBLISHED = "published", _("เผยแพร่แล้ว")

    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ"))
    answers_framework = models.ForeignKey(
        Framework,
        verbose_name=_("ตอบผลการประเมินของปี"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("โดยปกติแผนของปี พ.ศ. Y ตอบผลการประเมินของปี Y−1"),
    )
    status = models.CharField(_("สถานะ"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    meeting_date = models.DateField(_("วันที่ประชุมคณะทำงาน"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [models.UniqueConstraint(fields=["organization", "fiscal_year"], name="plan_unique_year")]
        verbose_name = _("แผนมาตรการ")
        verbose_name_plural = _("แผนมาตรการ")

    def __str__(self) -> str:
        return f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ พ.ศ. {self.fiscal_year}"

    @property
    def bounds(self):
        return fiscal_year_bounds(self.fiscal_year)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def issues_by_instrument(self):
        """[(code, label, [issues…])] in the official order IIT, EIT, OIT."""
        issues = list(
            self.issues.all().prefetch_related("departments", "methods", "follow_ups").select_related("indicator", "oit_item")
        )
        return [
            (code, Instrument(code).label, [i for i in issues if i.instrument == code]) for code in INSTRUMENT_ORDER
        ]


class Issue(TenantModel):
    """ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา"""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="issues")
    instrument = models.CharField(_("เครื่องมือการประเมิน"), max_length=3, choices=Instrument.choices)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("ตัวชี้วัด"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    oit_item = models.ForeignKey(
        OITItem, verbose_name=_("ข้อ OIT"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("ประเด็นที่ต้องปรับปรุงแก้ไข/พัฒนา"), max_length=300)
    position = models.PositiveIntegerField(default=0)
    due_date = models.DateField(_("การดำเนินการแล้วเสร็จ"))
    departments = models.ManyToManyField(
        Department, through="IssueDepartment", verbose_name=_("ผู้รับผิดชอบ"), related_name="issues"
    )

    class Meta:
        ordering = ["plan", "instrument", "position", "id"]
        verbose_name = _("ประเด็น")
        verbose_name_plural = _("ประเด็น")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.plan_id and self.due_date:
            start, end = self.plan.bounds
            if not (start <= self.due_date <= end):
                errors["due_date"] = _(
                    "วันที่แล้วเสร็จต้องอยู่ในปีงบประมาณ พ.ศ. %(year)s (%(start)s – %(end)s)"
                ) % {"year": self.plan.fiscal_year, "start": thai_date(start, thai_digits=False),
                     "end": thai_date(end, thai_digits=False)}
        if self.indicator_id and self.plan_id:
            if self.indicator.framework_id != self.plan.answers_framework_id:
                errors["indicator"] = _("ตัวชี้วัดต้องมาจากกรอบการประเมินที่แผนนี้ตอบ")
            elif self.indicator.instrument.code != self.instrument:
                errors["indicator"] = _("ตัวชี้วัดนี้ไม่อยู่ในเครื่องมือ %(code)s") % {"code": self.instrument}
        if self.oit_item_id:
            if self.instrument != "OIT":
                errors["oit_item"] = _("เลือกข้อ OIT ได้เฉพาะประเด็นของแบบวัด OIT")
            elif self.plan_id and self.oit_item.framework_id != self.plan.answers_framework_id:
                errors["oit_item"] = _("ข้อ OIT ต้องมาจากกรอบการประเมินที่แผนนี้ตอบ")
        if errors:
            raise ValidationError(errors)

    @property
    def department_names(self) -> list[str]:
        return [d.name for d in self.departments.all()]


class IssueDepartment(TenantModel):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE)
    department = models.ForeignKey(Department, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "issue", "department"], name="issuedepartment_unique")
        ]


class Method(TenantModel):
    """วิธีการดำเนินการ: numbered by position."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="methods")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("วิธีการดำเนินการ"), max_length=1000)

    class Meta:
        ordering = ["issue", "position", "id"]

    def __str__(self) -> str:
        return self.text


class FollowUp(TenantModel):
    """รายงานผล/การติดตามผล as planned: numbered by position."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="follow_ups")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("รายงานผล/การติดตามผล"), max_length=1000)

    class Meta:
        ordering = ["issue", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Round(TenantModel):
    """A follow-up round of a plan, e.g. รอบ ๖ เดือน to 31 Mar."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("รอบที่"))
    months = models.PositiveSmallIntegerField(_("จำนวนเดือน"), default=6)
    period_end = models.DateField(_("ผลการดำเนินงานถึงวันที่"))
    name = models.CharField(_("ชื่อรอบ"), max_length=100, blank=True, help_text=_("เว้นว่างได้ ระบบจะใช้ “รอบ ๖ เดือน”"))

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["organization", "plan", "number"], name="round_unique_number")]
        verbose_name = _("รอบการติดตามผล")
        verbose_name_plural = _("รอบการติดตามผล")

    def __str__(self) -> str:
        return self.name or f"รอบ {self.months} เดือน"

    def clean(self):
        if self.plan_id and self.period_end:
            start, end = self.plan.bounds
            if not (start <= self.period_end <= end):
                raise ValidationError({"period_end": _("วันที่สิ้นสุดรอบต้องอยู่ในปีงบประมาณ พ.ศ. %(year)s") % {
                    "year": self.plan.fiscal_year}})


class RoundResult(TenantModel):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("ยังไม่เริ่ม")
        IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
        DONE = "done", _("ดำเนินการแล้ว")
        NOT_DONE = "not_done", _("ไม่ได้ดำเนินการ")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="round_results")
    status = models.CharField(_("สถานะ"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    result = models.TextField(
        _("ผลการดำเนินงาน"), max_length=5000, blank=True, help_text=_("หนึ่งบรรทัดต่อหนึ่งข้อ ระบบใส่เลขข้อให้เอง")
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "issue__instrument", "issue__position"]
        constraints = [models.UniqueConstraint(fields=["organization", "round", "issue"], name="roundresult_unique")]

    def __str__(self) -> str:
        return f"{self.issue} – {self.round}"

    @property
    def result_items(self) -> list[str]:
        return split_items(self.result)


def evidence_path(instance, filename: str) -> str:
    # Stored under a random name: the original name is kept in `original_name` only.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"org/{instance.organization_id}/evidence/{uuid.uuid4().hex}.{ext}"


class Evidence(TenantModel):
    round_result = models.ForeignKey(RoundResult, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("ชื่อหลักฐาน"), max_length=200)
    file = models.FileField(_("ไฟล์"), upload_to=evidence_path, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=10, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("ลิงก์"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError(_("แนบไฟล์หรือใส่ลิงก์อย่างน้อยหนึ่งอย่าง"))
