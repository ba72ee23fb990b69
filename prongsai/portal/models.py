"""The public site of an organization: its look and domain, structured content (executives,
information pages, social links, Q&A) and publications with attachments, the สขร.๑ procurement
table and their history (drafts, publication, withdrawal — a withdrawn publication is kept)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.tenancy.models import Department, TenantModel

from . import categories

HEX_COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("ใช้รหัสสีแบบ #RRGGBB เช่น #0b5394"))
DOMAIN = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("ชื่อโดเมนไม่ถูกต้อง เช่น www.kampang.go.th (ตัวพิมพ์เล็ก ไม่ต้องมี http://)"),
)


def stored_name(instance, filename: str) -> str:
    """A random name under the organization's folder; the uploader's file name is not used."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"org/{instance.organization_id}/portal/{uuid.uuid4().hex}.{ext}"


class SiteProfile(TenantModel):
    """One per organization: its look and its own domain."""

    domain = models.CharField(
        _("โดเมนของเว็บไซต์"), max_length=253, blank=True, null=True, unique=True, validators=[DOMAIN],
        help_text=_("ถ้ามีโดเมนของหน่วยงานเอง เช่น www.kampang.go.th ให้ชี้ DNS มายังระบบนี้แล้วกรอกที่นี่"),
    )
    primary_colour = models.CharField(_("สีหลัก"), max_length=7, default="#0b5394", validators=[HEX_COLOUR])
    logo = models.ImageField(_("ตราสัญลักษณ์"), upload_to=stored_name, blank=True)
    cover = models.ImageField(_("ภาพปก"), upload_to=stored_name, blank=True)
    cover_alt = models.CharField(_("คำบรรยายภาพปก"), max_length=200, blank=True)
    tagline = models.CharField(_("คำขวัญ/ข้อความต้อนรับ"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization"], name="siteprofile_one_per_org")]
        verbose_name = _("รูปแบบเว็บไซต์")

    def __str__(self) -> str:
        return str(self.organization)


class Executive(TenantModel):
    class Side(models.TextChoices):
        POLITICAL = "political", _("ฝ่ายการเมือง")
        OFFICIAL = "official", _("ฝ่ายประจำ")

    full_name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200)
    position = models.CharField(_("ตำแหน่ง"), max_length=200)
    side = models.CharField(_("ฝ่าย"), max_length=10, choices=Side.choices)
    department = models.ForeignKey(
        Department, verbose_name=_("สังกัด"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    order = models.PositiveIntegerField(_("ลำดับการแสดง"), default=0)
    photo = models.ImageField(_("รูปถ่าย"), upload_to=stored_name, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["side", "order", "id"]
        verbose_name = _("ผู้บริหาร")

    def __str__(self) -> str:
        return f"{self.full_name} ({self.position})"


class InfoPage(TenantModel):
    """A page of fixed kind: structure, duties and powers, laws, history/vision."""

    class Kind(models.TextChoices):
        STRUCTURE = "structure", _("โครงสร้างองค์กร")
        DUTIES = "duties", _("อำนาจหน้าที่")
        LAWS = "laws", _("กฎหมายที่เกี่ยวข้อง")
        HISTORY = "history", _("ประวัติและวิสัยทัศน์")

    kind = models.CharField(_("หน้า"), max_length=20, choices=Kind.choices)
    body = models.TextField(_("เนื้อหา"), blank=True)
    image = models.ImageField(_("แผนผัง/ภาพประกอบ"), upload_to=stored_name, blank=True)
    image_alt = models.CharField(_("คำบรรยายภาพ"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "kind"], name="infopage_unique_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class SocialLink(TenantModel):
    class Network(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        LINE = "line", "LINE"
        TIKTOK = "tiktok", "TikTok"
        YOUTUBE = "youtube", "YouTube"
        INSTAGRAM = "instagram", "Instagram"
        X = "x", "X (Twitter)"
        OTHER = "other", _("อื่น ๆ")

    network = models.CharField(_("เครือข่าย"), max_length=20, choices=Network.choices)
    label = models.CharField(_("ชื่อบัญชี/ข้อความ"), max_length=150)
    url = models.URLField(_("ที่อยู่ลิงก์"), max_length=500)  # https:// required by the service
    order = models.PositiveIntegerField(_("ลำดับ"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.get_network_display()}: {self.label}"


class FaqEntry(TenantModel):
    """Q&A: a question the organization answers publicly. Citizens may ask on the Q&A page (the
    question waits, unpublished, until staff answer it); staff may also add common questions."""

    question = models.CharField(_("คำถาม"), max_length=500)
    answer = models.TextField(_("คำตอบ"), max_length=5000, blank=True)
    asked_at = models.DateTimeField(_("ถามทางเว็บไซต์เมื่อ"), null=True, blank=True, editable=False)
    order = models.PositiveIntegerField(_("ลำดับ"), default=0)
    is_published = models.BooleanField(_("เผยแพร่"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.question


class CategoryDepartment(TenantModel):
    """Which department publishes in a category (overrides the default of categories.yaml)."""

    category = models.CharField(_("หมวด"), max_length=50)
    department = models.ForeignKey(Department, verbose_name=_("ส่วนราชการ"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "category", "department"], name="categorydept_unique")
        ]


class Publication(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("ฉบับร่าง")
        PUBLISHED = "published", _("เผยแพร่")
        WITHDRAWN = "withdrawn", _("ถอนการเผยแพร่")

    title = models.CharField(_("ชื่อเรื่อง"), max_length=300)
    body = models.TextField(_("เนื้อหา"), blank=True)
    category = models.CharField(_("หมวด"), max_length=50)
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    period = models.DateField(_("เดือนที่รายงาน"), null=True, blank=True,
                              help_text=_("สำหรับรายงานรายเดือน: วันที่ ๑ ของเดือนที่รายงาน"))
    publication_date = models.DateField(_("วันที่เผยแพร่"))
    department = models.ForeignKey(
        Department, verbose_name=_("ส่วนราชการที่รับผิดชอบ"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("สถานะ"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.CharField(_("เหตุผลที่ถอน"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-publication_date", "-id"]
        indexes = [
            models.Index(fields=["organization", "status", "category", "fiscal_year"], name="pub_list_idx"),
            models.Index(fields=["organization", "status", "-publication_date"], name="pub_recent_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def category_obj(self):
        return categories.get(self.category)

    @property
    def category_label(self) -> str:
        c = self.category_obj
        return c.label if c else self.category

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Attachment(TenantModel):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=stored_name)
    name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class PublicationEvent(TenantModel):
    """History of a publication: nothing is forgotten, a withdrawal included."""

    class Action(models.TextChoices):
        CREATED = "created", _("สร้าง")
        EDITED = "edited", _("แก้ไข")
        PUBLISHED = "published", _("เผยแพร่")
        WITHDRAWN = "withdrawn", _("ถอนการเผยแพร่")

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]


class ProcurementRow(TenantModel):
    """One line of the monthly procurement summary (แบบ สขร.๑)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="procurement_rows")
    position = models.PositiveIntegerField(default=0)
    item = models.CharField(_("งานที่จัดซื้อหรือจัดจ้าง"), max_length=500)
    amount = models.DecimalField(_("วงเงินที่จัดซื้อหรือจัดจ้าง (บาท)"), max_digits=14, decimal_places=2)
    reference_price = models.DecimalField(_("ราคากลาง (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True)
    method = models.CharField(_("วิธีซื้อหรือจ้าง"), max_length=100)
    bidders = models.TextField(_("รายชื่อผู้เสนอราคาและราคาที่เสนอ"), max_length=2000,
                               help_text=_("บรรทัดละหนึ่งราย เช่น ร้านสมใจพาณิชย์ 12,500.00"))
    winner = models.CharField(_("ผู้ได้รับการคัดเลือก"), max_length=300)
    winner_price = models.DecimalField(_("ราคาที่ตกลงซื้อหรือจ้าง (บาท)"), max_digits=14, decimal_places=2)
    reason = models.CharField(_("เหตุผลที่คัดเลือกโดยสังเขป"), max_length=300)
    contract_no = models.CharField(_("เลขที่สัญญาหรือข้อตกลง"), max_length=100)
    contract_date = models.DateField(_("วันที่สัญญาหรือข้อตกลง"))

    class Meta:
        ordering = ["position", "id"]
