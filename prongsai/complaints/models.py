"""Two separate channels (the ITA requires the corruption channel apart from general
complaints), the O27 guideline, and opinions/participation topics (O30).

- `Complaint`: a general complaint (ร้องเรียน/ร้องทุกข์), handled by the staff of a department.
- `CorruptionReport`: a report of corruption or misconduct (แจ้งเบาะแสการทุจริต). It may be
  anonymous. Its text and the reporter's identity are stored encrypted (see crypto.py) and are
  read only by the organization's `ComplaintOfficer`s; every read is a `ReportAccess` row.
  Nothing about the sender's connection is stored: no IP address, no user agent, no user, and
  only the day it arrived (not the time), so it cannot be matched against the traffic log
  that the Computer-Related Crime Act makes the server keep.
- `Topic` and `TopicComment`: a plan or project opened for comment; comments are moderated
  before publication; the topic's summary says who took part, the outcome and how it was used."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.tenancy.models import Department, Membership, TenantModel


class ComplaintOfficer(TenantModel):
    """A member designated to receive and read corruption reports (managed by org admins)."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+", verbose_name=_("สมาชิก"))
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "membership"], name="complaintofficer_unique")]
        verbose_name = _("เจ้าหน้าที่รับเรื่องร้องเรียนการทุจริต")
        verbose_name_plural = _("เจ้าหน้าที่รับเรื่องร้องเรียนการทุจริต")

    def __str__(self) -> str:
        return str(self.membership.user)


class Guideline(TenantModel):
    """แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ (O27): how to complain, the steps,
    the responsible unit and the time taken. One per organization, edited by its admins."""

    title = models.CharField(_("ชื่อเรื่อง"), max_length=300)
    intro = models.TextField(_("หลักการและเหตุผล"), max_length=3000, blank=True)
    channels = models.TextField(_("ช่องทางการร้องเรียน"), max_length=3000, help_text=_("บรรทัดละหนึ่งช่องทาง"))
    steps = models.TextField(_("ขั้นตอนการจัดการเรื่องร้องเรียน"), max_length=5000, help_text=_("บรรทัดละหนึ่งขั้นตอน ไม่ต้องพิมพ์เลขลำดับ"))
    responsible_unit = models.CharField(_("หน่วยงานผู้รับผิดชอบ"), max_length=300)
    contact = models.CharField(_("การติดต่อหน่วยงานผู้รับผิดชอบ"), max_length=300, blank=True)
    acknowledge_days = models.PositiveSmallIntegerField(_("แจ้งรับเรื่องภายใน (วันทำการ)"), default=3)
    conclude_days = models.PositiveSmallIntegerField(_("ดำเนินการแล้วเสร็จภายใน (วัน)"), default=30)
    protection = models.TextField(_("การคุ้มครองผู้ร้องเรียน"), max_length=3000, blank=True)
    is_published = models.BooleanField(_("เผยแพร่"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization"], name="guideline_one_per_org")]
        verbose_name = _("แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต")

    def __str__(self) -> str:
        return self.title


# --- general complaints ------------------------------------------------------------------


class Complaint(TenantModel):
    class Category(models.TextChoices):
        SERVICE = "service", _("การให้บริการของหน่วยงาน")
        INFRASTRUCTURE = "infrastructure", _("ถนน ไฟฟ้า ประปา สาธารณูปโภค")
        ENVIRONMENT = "environment", _("สิ่งแวดล้อม ขยะ เหตุเดือดร้อนรำคาญ")
        STAFF = "staff", _("พฤติกรรมการให้บริการของเจ้าหน้าที่")
        OTHER = "other", _("เรื่องอื่น ๆ")

    class Status(models.TextChoices):
        RECEIVED = "received", _("รับเรื่องแล้ว")
        IN_PROGRESS = "in_progress", _("กำลังดำเนินการ")
        DONE = "done", _("ดำเนินการแล้วเสร็จ")
        REJECTED = "rejected", _("ไม่รับพิจารณา")

    code = models.CharField(_("เลขรับเรื่อง"), max_length=20)
    secret_hash = models.CharField(max_length=200)
    category = models.CharField(_("ประเภทเรื่อง"), max_length=20, choices=Category.choices)
    subject = models.CharField(_("เรื่อง"), max_length=200)
    details = models.TextField(_("รายละเอียด"), max_length=5000)
    location = models.CharField(_("สถานที่เกิดเหตุ"), max_length=300, blank=True)
    name = models.CharField(_("ชื่อ-นามสกุลผู้ร้องเรียน"), max_length=150)
    phone = models.CharField(_("โทรศัพท์"), max_length=20, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True,
                                   verbose_name=_("ส่วนราชการที่รับผิดชอบ"), related_name="+")
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="complaint_unique_code")]
        verbose_name = _("เรื่องร้องเรียน")

    def __str__(self) -> str:
        return f"{self.code} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.IN_PROGRESS)


class ComplaintUpdate(TenantModel):
    """A status change or a reply; `message` is shown to the complainant."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("สถานะ"), max_length=20, choices=Complaint.Status.choices)
    message = models.TextField(_("ข้อความถึงผู้ร้องเรียน"), max_length=3000, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class ComplaintAttachment(TenantModel):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="complaints/attachments/%Y/%m/", max_length=300)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)


# --- corruption reports ------------------------------------------------------------------


class CorruptionReport(TenantModel):
    class Category(models.TextChoices):
        BRIBERY = "bribery", _("เรียกรับเงินหรือผลประโยชน์")
        PROCUREMENT = "procurement", _("การจัดซื้อจัดจ้าง")
        BUDGET = "budget", _("การใช้จ่ายงบประมาณ")
        ASSETS = "assets", _("การใช้ทรัพย์สินของราชการ")
        ABUSE = "abuse", _("การใช้อำนาจหน้าที่โดยมิชอบ")
        CONFLICT = "conflict", _("ผลประโยชน์ทับซ้อน")
        OTHER = "other", _("เรื่องอื่น ๆ")

    class Status(models.TextChoices):
        RECEIVED = "received", _("รับเรื่องแล้ว")
        INVESTIGATING = "investigating", _("อยู่ระหว่างตรวจสอบ")
        CONCLUDED = "concluded", _("ตรวจสอบแล้วเสร็จ")

    code = models.CharField(_("เลขรับแจ้ง"), max_length=20)
    secret_hash = models.CharField(max_length=200)
    category = models.CharField(_("ประเภทเรื่อง"), max_length=20, choices=Category.choices)
    anonymous = models.BooleanField(_("ไม่ประสงค์ออกนาม"), default=True)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    # Only the day, never the time: a time could be matched against the server's traffic log.
    received_on = models.DateField(_("วันที่รับแจ้ง"))
    concluded_on = models.DateField(_("วันที่ตรวจสอบแล้วเสร็จ"), null=True, blank=True)
    # Fernet tokens (crypto.encrypt_json): {"subject", "details", "accused", "place", "when"}
    content_enc = models.TextField()
    # {"name", "phone", "email", "address"}; empty for an anonymous report.
    reporter_enc = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="corruptionreport_unique_code")]
        verbose_name = _("เรื่องร้องเรียนการทุจริต")

    def __str__(self) -> str:
        # Never the decrypted subject: str() ends up in audit rows and logs.
        return f"{self.code}"


class ReportUpdate(TenantModel):
    """An officer's status change or message. `message_enc` is readable by the reporter with
    the code and secret; `note_enc` is internal. Both encrypted."""

    report = models.ForeignKey(CorruptionReport, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=20, choices=CorruptionReport.Status.choices)
    message_enc = models.TextField(blank=True)
    note_enc = models.TextField(blank=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_on = models.DateField()

    class Meta:
        ordering = ["created_on", "id"]


class ReportEvidence(TenantModel):
    """An evidence file, metadata stripped (scrub.py) and then encrypted; no original name kept."""

    report = models.ForeignKey(CorruptionReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="complaints/reports/", max_length=300)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField(default=0)
    from_reporter = models.BooleanField(default=True)
    added_on = models.DateField()

    class Meta:
        ordering = ["id"]


class ReportAccess(TenantModel):
    """Every read of a decrypted report: who, when, which report, what was read."""

    class Action(models.TextChoices):
        VIEW = "view", _("เปิดอ่านเรื่อง")
        EVIDENCE = "evidence", _("เปิดไฟล์หลักฐาน")

    report = models.ForeignKey(CorruptionReport, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.VIEW)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]


# --- opinions and participation (O30) ----------------------------------------------------


class Topic(TenantModel):
    class Kind(models.TextChoices):
        PLAN = "plan", _("แผนพัฒนา/แผนงาน")
        PROJECT = "project", _("โครงการ")
        POLICY = "policy", _("นโยบาย/ข้อบัญญัติ")
        OTHER = "other", _("เรื่องอื่น ๆ")

    title = models.CharField(_("หัวข้อ"), max_length=300)
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices, default=Kind.PROJECT)
    description = models.TextField(_("รายละเอียด"), max_length=5000)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True,
                                   verbose_name=_("ส่วนราชการที่รับผิดชอบ"), related_name="+")
    opens_on = models.DateField(_("เปิดรับความคิดเห็นตั้งแต่"))
    closes_on = models.DateField(_("ถึงวันที่"))
    is_published = models.BooleanField(_("เผยแพร่บนเว็บไซต์"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The summary (published once the topic closes).
    participants_count = models.PositiveIntegerField(_("จำนวนผู้เข้าร่วมนอกระบบ (ประชุม/ประชาคม)"), null=True, blank=True)
    participants_note = models.TextField(_("ผู้มีส่วนร่วม"), max_length=2000, blank=True)
    outcome = models.TextField(_("ผลการรับฟังความคิดเห็น"), max_length=5000, blank=True)
    usage = models.TextField(_("การนำผลไปใช้"), max_length=5000, blank=True)
    summary_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("หัวข้อรับฟังความคิดเห็น")

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class TopicComment(TenantModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("รอตรวจสอบ")
        PUBLISHED = "published", _("เผยแพร่แล้ว")
        REJECTED = "rejected", _("ไม่เผยแพร่")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="comments")
    display_name = models.CharField(_("ชื่อที่แสดง"), max_length=100, blank=True)
    body = models.TextField(_("ความคิดเห็น"), max_length=3000)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
