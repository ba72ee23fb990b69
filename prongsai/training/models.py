"""Evidence that the measures happen: training, fair selection, briefings and meetings, HR
announcements and the rules for using public property."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.thai import fiscal_year_of
from prongsai.measures.models import Issue
from prongsai.tenancy.models import Membership, TenantModel


def _stored_name(instance, filename: str, kind: str) -> str:
    # A random name under the organization's folder; the user's file name is not kept.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"org/{instance.organization_id}/{kind}/{uuid.uuid4().hex}.{ext}"


def certificate_path(instance, filename):
    return _stored_name(instance, filename, "certificates")


def minutes_path(instance, filename):
    return _stored_name(instance, filename, "minutes")


def hr_path(instance, filename):
    return _stored_name(instance, filename, "hr")


class Course(TenantModel):
    class Kind(models.TextChoices):
        INTERNAL = "internal", _("จัดภายในหน่วยงาน")
        EXTERNAL = "external", _("หน่วยงานภายนอกจัด")

    title = models.CharField(_("หลักสูตร/หัวข้อ"), max_length=300)
    kind = models.CharField(_("ประเภท"), max_length=10, choices=Kind.choices, default=Kind.INTERNAL)
    provider = models.CharField(_("ผู้จัด"), max_length=200, blank=True)
    start_date = models.DateField(_("วันที่เริ่ม"))
    hours = models.DecimalField(_("จำนวนชั่วโมง"), max_digits=5, decimal_places=1)
    topic = models.CharField(_("เนื้อหาโดยสรุป"), max_length=500, blank=True)
    ethics = models.BooleanField(_("มีเนื้อหาด้านจริยธรรม/คุณธรรม"), default=False)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("การฝึกอบรม")

    def __str__(self) -> str:
        return self.title

    @property
    def fiscal_year(self) -> int:
        return fiscal_year_of(self.start_date)

    def clean(self):
        if self.hours is not None and not (0 < self.hours <= 500):
            raise ValidationError({"hours": _("จำนวนชั่วโมงต้องมากกว่า ๐ และไม่เกิน ๕๐๐")})


class Attendance(TenantModel):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, verbose_name=_("ผู้เข้าอบรม"), on_delete=models.CASCADE, related_name="+")
    certificate = models.FileField(_("เกียรติบัตร/หลักฐาน"), upload_to=certificate_path, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "course", "membership"], name="attendance_unique_person")
        ]


class Selection(TenantModel):
    """A fair-selection record for training, study visits or scholarships (IIT i15)."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("การฝึกอบรม")
        STUDY_VISIT = "study_visit", _("การศึกษาดูงาน")
        SCHOLARSHIP = "scholarship", _("ทุนการศึกษา")

    kind = models.CharField(_("ประเภท"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("เรื่อง"), max_length=300)
    criteria = models.TextField(_("หลักเกณฑ์การคัดเลือก"), max_length=3000)
    candidates = models.TextField(_("ผู้สมัคร/ผู้มีสิทธิ์"), max_length=3000, help_text=_("หนึ่งบรรทัดต่อหนึ่งคน"))
    decision = models.TextField(_("ผลการคัดเลือกและเหตุผล"), max_length=3000, blank=True)
    announcement_url = models.URLField(_("ลิงก์ประกาศผล"), blank=True)
    decided_on = models.DateField(_("วันที่ประกาศผล"), null=True, blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Meeting(TenantModel):
    class Kind(models.TextChoices):
        BRIEFING = "briefing", _("ประชุมชี้แจงประจำเดือน")
        WORKING_GROUP = "working_group", _("ประชุมคณะทำงาน")
        COUNCIL = "council", _("ประชุมสภา")

    kind = models.CharField(_("ประเภท"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("เรื่อง"), max_length=300)
    date = models.DateField(_("วันที่ประชุม"))
    agenda = models.TextField(_("วาระการประชุม"), max_length=5000, blank=True)
    minutes = models.TextField(_("บันทึกการประชุม"), max_length=20000, blank=True)
    minutes_file = models.FileField(_("ไฟล์รายงานการประชุม (PDF/DOCX)"), upload_to=minutes_path, blank=True)
    attendees = models.ManyToManyField(Membership, through="MeetingAttendee", verbose_name=_("ผู้เข้าประชุม"),
                                       related_name="+")
    issues = models.ManyToManyField(Issue, through="MeetingIssue", verbose_name=_("ประเด็นมาตรการที่รายงาน"),
                                    related_name="+")

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title


class MeetingAttendee(TenantModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE)
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "meeting", "membership"], name="meetingattendee_unique")
        ]


class MeetingIssue(TenantModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE)
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "meeting", "issue"], name="meetingissue_unique")]


class HRAnnouncement(TenantModel):
    """Criteria published before the evaluation round they govern (IIT i14, OIT HR criteria)."""

    class Kind(models.TextChoices):
        PERFORMANCE = "performance", _("หลักเกณฑ์และวิธีการประเมินผลการปฏิบัติงาน")
        SALARY_STEP = "salary_step", _("หลักเกณฑ์การเลื่อนขั้นเงินเดือน")
        CONTRACT = "contract", _("หลักเกณฑ์การต่อสัญญาจ้างและการเลื่อนค่าตอบแทน")

    kind = models.CharField(_("ประเภท"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("ชื่อประกาศ"), max_length=300)
    body = models.TextField(_("สาระสำคัญ"), max_length=20000)
    file = models.FileField(_("ไฟล์ประกาศ (PDF)"), upload_to=hr_path, blank=True)
    round_start = models.DateField(_("วันเริ่มรอบการประเมิน"))
    round_end = models.DateField(_("วันสิ้นสุดรอบการประเมิน"))
    published_on = models.DateField(_("วันที่เผยแพร่"), null=True, blank=True)

    class Meta:
        ordering = ["-round_start", "kind"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.round_start and self.round_end and self.round_end < self.round_start:
            raise ValidationError({"round_end": _("วันสิ้นสุดรอบต้องไม่ก่อนวันเริ่มรอบ")})

    @property
    def published_in_time(self) -> bool:
        return self.published_on is not None and self.published_on <= self.round_start


class PropertyRule(TenantModel):
    """Rules for using and borrowing public property, with the person responsible (IIT i20–i24)."""

    title = models.CharField(_("ชื่อระเบียบ/แนวปฏิบัติ"), max_length=300)
    body = models.TextField(_("เนื้อหา"), max_length=20000)
    responsible = models.ForeignKey(Membership, verbose_name=_("ผู้รับผิดชอบ"), on_delete=models.PROTECT, related_name="+")
    published = models.BooleanField(_("เผยแพร่บนเว็บไซต์"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
