"""E-service: the public service catalog (คู่มือสำหรับประชาชน) and citizens' requests.

- `Service` with ordered `ServiceStep`s (the flowchart is drawn from the steps).
- `RequestType`: defined per organization as data — `fields` is a JSON list of
  {"name", "label", "type": text|textarea|phone|national_id|date|email, "required"} — so a new
  process needs no code.
- `ServiceRequest`: filed without an account; `code` is the unguessable tracking code (also the
  private link); `RequestUpdate` rows are the status history shown to the citizen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.tenancy.models import Department, TenantModel

FIELD_TYPES = ("text", "textarea", "phone", "national_id", "date", "email", "file")
# Thai names staff type in the request-type editor (one line per field) ↔ the stored type.
FIELD_TYPE_LABELS = {
    "text": _("ข้อความ"), "textarea": _("ข้อความยาว"), "phone": _("โทรศัพท์"),
    "national_id": _("เลขประจำตัวประชาชน"), "date": _("วันที่"), "email": _("อีเมล"), "file": _("ไฟล์แนบ"),
}


class Service(TenantModel):
    title = models.CharField(_("ชื่องานบริการ"), max_length=200)
    description = models.TextField(_("คำอธิบาย"), max_length=2000, blank=True)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("หน่วยงานที่รับผิดชอบ"))
    responsible = models.CharField(_("เจ้าหน้าที่ผู้รับผิดชอบ"), max_length=200, blank=True)
    channels = models.TextField(_("ช่องทางการให้บริการ"), max_length=2000, help_text=_("บรรทัดละหนึ่งช่องทาง"))
    fee = models.CharField(_("ค่าธรรมเนียม"), max_length=300, blank=True, help_text=_("เว้นว่างถ้าไม่มีค่าธรรมเนียม"))
    documents = models.TextField(_("เอกสารที่ต้องใช้"), max_length=3000, blank=True,
                                 help_text=_("บรรทัดละหนึ่งรายการ เว้นว่างถ้าไม่ต้องใช้เอกสาร"))
    legal_basis = models.TextField(_("กฎหมายที่เกี่ยวข้อง"), max_length=2000, blank=True)
    is_published = models.BooleanField(_("เผยแพร่"), default=True)
    position = models.PositiveIntegerField(_("ลำดับ"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("งานบริการ")

    def __str__(self) -> str:
        return self.title

    @property
    def fee_display(self) -> str:
        return self.fee or "ไม่มีค่าธรรมเนียม"

    @property
    def document_list(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]

    @property
    def channel_list(self) -> list[str]:
        return [line.strip() for line in self.channels.splitlines() if line.strip()]

    def total_time(self) -> str:
        steps = list(self.steps.all())
        minutes = sum(s.duration for s in steps if s.unit == ServiceStep.Unit.MINUTES)
        days = sum(s.duration for s in steps if s.unit == ServiceStep.Unit.DAYS)
        parts = []
        if days:
            parts.append(f"{days} วัน")
        if minutes:
            parts.append(f"{minutes} นาที")
        return " ".join(parts) or "—"


class ServiceStep(TenantModel):
    class Unit(models.TextChoices):
        MINUTES = "minutes", _("นาที")
        DAYS = "days", _("วัน")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(_("ลำดับ"), default=0)
    text = models.CharField(_("ขั้นตอน"), max_length=300)
    duration = models.PositiveIntegerField(_("ระยะเวลา"), default=0)
    unit = models.CharField(_("หน่วยเวลา"), max_length=10, choices=Unit.choices, default=Unit.MINUTES)
    responsible = models.CharField(_("ผู้รับผิดชอบ"), max_length=200, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def time_display(self) -> str:
        return f"{self.duration} {self.get_unit_display()}" if self.duration else ""


class RequestType(TenantModel):
    name = models.CharField(_("ประเภทคำร้อง"), max_length=200)
    description = models.TextField(_("คำอธิบาย"), max_length=2000, blank=True)
    fields = models.JSONField(_("ช่องข้อมูล"), default=list, blank=True)
    required_documents = models.TextField(_("เอกสารประกอบ"), max_length=2000, blank=True)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("ส่วนราชการที่รับผิดชอบ"))
    service = models.ForeignKey(Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="request_types",
                                verbose_name=_("งานบริการ"))
    target_days = models.PositiveSmallIntegerField(_("ระยะเวลาดำเนินการ (วัน)"), default=15)
    is_active = models.BooleanField(_("เปิดรับคำร้อง"), default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("ประเภทคำร้อง")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = []
        if not isinstance(self.fields, list):
            raise ValidationError({"fields": _("ช่องข้อมูลต้องเป็นรายการ")})
        names = set()
        for spec in self.fields:
            if not isinstance(spec, dict) or not str(spec.get("name", "")).isidentifier():
                errors.append(_("ช่องข้อมูลทุกช่องต้องมีชื่อ (name) เป็นภาษาอังกฤษ"))
                continue
            if spec.get("type", "text") not in FIELD_TYPES:
                errors.append(_("ชนิดของช่อง “%(n)s” ไม่รองรับ") % {"n": spec["name"]})
            if spec["name"] in names:
                errors.append(_("ชื่อช่อง “%(n)s” ซ้ำ") % {"n": spec["name"]})
            names.add(spec["name"])
        if errors:
            raise ValidationError({"fields": errors})


class ServiceRequest(TenantModel):
    class Status(models.TextChoices):
        RECEIVED = "received", _("รับเรื่องแล้ว")
        IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
        DONE = "done", _("ดำเนินการแล้วเสร็จ")
        REJECTED = "rejected", _("ไม่อนุมัติ/ไม่รับดำเนินการ")

    code = models.CharField(_("รหัสติดตาม"), max_length=40)
    request_type = models.ForeignKey(RequestType, on_delete=models.PROTECT, related_name="requests",
                                     verbose_name=_("ประเภทคำร้อง"))
    data = models.JSONField(default=dict)
    email = models.EmailField(_("อีเมล"), blank=True)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("ส่วนราชการที่รับผิดชอบ"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("เจ้าหน้าที่ผู้รับผิดชอบ"))
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField(_("กำหนดแล้วเสร็จ"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="servicerequest_unique_code")]
        verbose_name = _("คำร้อง")

    def __str__(self) -> str:
        return f"{self.code} {self.request_type}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.IN_PROGRESS)

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_date and self.due_date < timezone.localdate())

    def labelled_data(self) -> list[tuple[str, str]]:
        labels = {f.get("name"): f.get("label", f.get("name")) for f in self.request_type.fields}
        return [(labels.get(k, k), v) for k, v in self.data.items()]


class RequestAttachment(TenantModel):
    """A document the citizen attached for a "file" field: metadata stripped, then encrypted at
    rest (it is typically a copy of an ID card); staff open it through the app, never /media/."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="attachments")
    field = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    file = models.FileField(upload_to="eservice/attachments/", max_length=300)
    name = models.CharField(max_length=100, help_text="a safe name made by scrub(), not the citizen's file name")
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]


class RequestUpdate(TenantModel):
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("สถานะ"), max_length=20, choices=ServiceRequest.Status.choices)
    message = models.TextField(_("ข้อความถึงผู้ยื่นคำร้อง"), max_length=3000, blank=True)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
