"""Official documents generated from plans and rounds: the round follow-up report (memo +
annex), the plan announcement and the ITA results analysis.

A document goes draft → submitted → approved at each level of the organization's approval
chain (or returned with a comment) → issued. A draft renders live from the plan; on submit
its content is frozen (`data`), so what the approvers see is what is issued. Issuing assigns
the running number, stores the PDF and DOCX and publishes them; an issued document never
changes again — editing the plan afterwards is answered by a new version."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.measures.models import Plan, Round
from prongsai.tenancy.models import TenantModel


class Kind(models.TextChoices):
    ROUND = "round", _("รายงานผลการดำเนินการตามมาตรการ (รายรอบ)")
    PLAN = "plan", _("ประกาศมาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    ANALYSIS = "analysis", _("รายงานการวิเคราะห์ผลการประเมิน ITA")


class ApprovalLevel(TenantModel):
    """One level of the organization's approval chain, after the preparer.
    `title` is the position printed under the signature."""

    position = models.PositiveIntegerField(_("ลำดับ"), default=0)
    title = models.CharField(_("ตำแหน่งที่พิมพ์ใต้ลายมือชื่อ"), max_length=150)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ผู้อนุมัติ"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", help_text=_("เว้นว่างได้: ผู้บริหารคนใดก็อนุมัติระดับนี้ได้"),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("ลำดับการอนุมัติ")

    def __str__(self) -> str:
        return self.title


def emblem_path(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"org/{instance.organization_id}/reports/emblem-{uuid.uuid4().hex[:8]}.{ext}"


class ReportSettings(TenantModel):
    """Per-organization document settings: the emblem at the head of memos and whether the
    DOCX is published beside the PDF."""

    emblem = models.ImageField(_("ตราครุฑ/ตราหน่วยงาน"), upload_to=emblem_path, blank=True)
    publish_docx = models.BooleanField(_("เผยแพร่ไฟล์ DOCX ด้วย"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization"], name="reportsettings_unique_org")]


class DocumentTemplate(TenantModel):
    """The editable wording of one kind of document. Django template syntax, restricted to the
    fields in `templating.FIELDS`; validated on save (see templating.validate)."""

    kind = models.CharField(_("ประเภทเอกสาร"), max_length=10, choices=Kind.choices)
    subject = models.CharField(_("เรื่อง"), max_length=500)
    body = models.TextField(_("เนื้อความ"), max_length=5000, help_text=_("เว้นบรรทัดว่างระหว่างย่อหน้า"))
    closing = models.CharField(_("คำลงท้าย"), max_length=300, blank=True)
    annex_intro = models.TextField(_("ย่อหน้านำของเอกสารแนบ"), max_length=3000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "kind"], name="documenttemplate_unique_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class NumberSequence(TenantModel):
    """The running document number (เลขที่หนังสือ) per organization and fiscal year."""

    fiscal_year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "fiscal_year"], name="numbersequence_unique")]


def document_path(instance, filename: str) -> str:
    return f"org/{instance.organization_id}/reports/{uuid.uuid4().hex}/{filename}"


class Document(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        SUBMITTED = "submitted", _("รออนุมัติ")
        RETURNED = "returned", _("ส่งคืนแก้ไข")
        APPROVED = "approved", _("อนุมัติครบแล้ว")
        ISSUED = "issued", _("ออกเอกสารแล้ว")

    kind = models.CharField(_("ประเภทเอกสาร"), max_length=10, choices=Kind.choices)
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="documents")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    version = models.PositiveIntegerField(_("ฉบับที่"), default=1)
    status = models.CharField(_("สถานะ"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    level = models.PositiveIntegerField(default=0, help_text="index of the approval level waiting (submitted)")
    doc_date = models.DateField(_("ลงวันที่"), null=True, blank=True)
    number = models.PositiveIntegerField(_("เลขที่"), null=True, blank=True)
    data = models.JSONField(default=dict, blank=True, help_text="frozen content from submit on")
    content_hash = models.CharField(max_length=64, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    pdf = models.FileField(upload_to=document_path, blank=True)
    docx = models.FileField(upload_to=document_path, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "plan", "round", "version"],
                                    name="document_unique_version"),
        ]
        verbose_name = _("เอกสาร")
        verbose_name_plural = _("เอกสาร")

    def __str__(self) -> str:
        label = self.get_kind_display()
        if self.round_id:
            label += f" {self.round}"
        return f"{label} ปีงบประมาณ {self.plan.fiscal_year} ฉบับที่ {self.version}"

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def base_filename(self) -> str:
        year = self.plan.fiscal_year
        suffix = f"-round{self.round.number}" if self.round_id else ""
        return f"{self.kind}-{year}{suffix}-v{self.version}"


class DocumentStep(TenantModel):
    """One step of a document's life: who, when, what, and the comment."""

    class Action(models.TextChoices):
        CREATE = "create", _("สร้าง")
        SUBMIT = "submit", _("เสนอ")
        APPROVE = "approve", _("อนุมัติ")
        RETURN = "return", _("ส่งคืนแก้ไข")
        ISSUE = "issue", _("ออกเอกสาร")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(max_length=10, choices=Action.choices)
    level = models.PositiveIntegerField(null=True, blank=True)
    level_title = models.CharField(max_length=150, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    comment = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["at", "id"]
