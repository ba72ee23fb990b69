"""The tenant (Organization), its departments and who works there in which role.

Every tenant-owned table in Prongsai inherits TenantModel: it carries `organization`
(indexed, first in its unique constraints) and its default manager is scoped by
django-scopes, so a query with no organization in scope raises ScopeError instead of
silently reading every tenant's rows."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

# Date styles an organization may choose (core.thai.thai_date styles), shown with an example.
DATE_STYLES = [
    ("medium", _("วันที่ เดือนย่อ ปีเต็ม เช่น ๓๑ มี.ค. ๒๕๖๖")),
    ("long", _("วันที่ เดือนเต็ม ปีเต็ม เช่น ๓๑ มีนาคม ๒๕๖๖")),
    ("short", _("วันที่ เดือนย่อ ปีย่อ เช่น ๓๑ มี.ค. ๖๖")),
]

RESERVED_SLUGS = {"admin", "api", "accounts", "static", "media", "staff", "health", "i18n", "o"}


class Organization(models.Model):
    class Kind(models.TextChoices):
        SAO = "sao", _("องค์การบริหารส่วนตำบล (อบต.)")
        TAMBON_MUNICIPALITY = "tambon_mun", _("เทศบาลตำบล")
        TOWN_MUNICIPALITY = "town_mun", _("เทศบาลเมือง")
        CITY_MUNICIPALITY = "city_mun", _("เทศบาลนคร")
        PAO = "pao", _("องค์การบริหารส่วนจังหวัด (อบจ.)")
        OTHER = "other", _("หน่วยงานอื่น")

    # kind → (prefix of the full name, prefix of the short name, chief executive, permanent secretary)
    KIND_TITLES = {
        Kind.SAO: ("องค์การบริหารส่วนตำบล", "อบต.", "นายกองค์การบริหารส่วนตำบล", "ปลัดองค์การบริหารส่วนตำบล"),
        Kind.TAMBON_MUNICIPALITY: ("เทศบาลตำบล", "ทต.", "นายกเทศมนตรีตำบล", "ปลัดเทศบาล"),
        Kind.TOWN_MUNICIPALITY: ("เทศบาลเมือง", "ทม.", "นายกเทศมนตรีเมือง", "ปลัดเทศบาล"),
        Kind.CITY_MUNICIPALITY: ("เทศบาลนคร", "ทน.", "นายกเทศมนตรีนคร", "ปลัดเทศบาล"),
        Kind.PAO: ("องค์การบริหารส่วนจังหวัด", "อบจ.", "นายกองค์การบริหารส่วนจังหวัด", "ปลัดองค์การบริหารส่วนจังหวัด"),
        Kind.OTHER: ("", "", "หัวหน้าหน่วยงาน", "รองหัวหน้าหน่วยงาน"),
    }

    slug = models.SlugField(
        _("ชื่อย่อในที่อยู่เว็บ"),
        max_length=50,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9][a-z0-9-]*$", _("ใช้ได้เฉพาะ a-z 0-9 และ -"))],
    )
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices, default=Kind.SAO)
    base_name = models.CharField(_("ชื่อ (ไม่รวมประเภท)"), max_length=150, help_text=_("เช่น กำปัง"))
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    subdistrict = models.CharField(_("ตำบล"), max_length=100, blank=True)
    district = models.CharField(_("อำเภอ"), max_length=100, blank=True)
    province = models.CharField(_("จังหวัด"), max_length=100, blank=True)
    address = models.TextField(_("ที่อยู่"), max_length=500, blank=True)
    postcode = models.CharField(_("รหัสไปรษณีย์"), max_length=5, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=50, blank=True)
    fax = models.CharField(_("โทรสาร"), max_length=50, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    latitude = models.DecimalField(_("ละติจูด"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("ลองจิจูด"), max_digits=9, decimal_places=6, null=True, blank=True)
    doc_prefix = models.CharField(
        _("รหัสหนังสือราชการ"), max_length=30, blank=True, help_text=_("เช่น นม ๗๓๕๐๑ (เลขที่หนังสือจะต่อท้ายโดยระบบ)")
    )
    thai_digits = models.BooleanField(_("ใช้เลขไทย"), default=True)
    date_style = models.CharField(
        _("รูปแบบวันที่"), max_length=10, choices=DATE_STYLES, default="medium",
        help_text=_("รูปแบบวันที่ที่ใช้แสดงบนหน้าเว็บเมื่อไม่ได้กำหนดเฉพาะ"),
    )
    is_active = models.BooleanField(_("เปิดใช้งาน"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """Full official name, e.g. องค์การบริหารส่วนตำบลกำปัง."""
        return f"{self.KIND_TITLES[self.kind][0]}{self.base_name}"

    @property
    def short_name(self) -> str:
        """e.g. อบต.กำปัง"""
        prefix = self.KIND_TITLES[self.kind][1]
        return f"{prefix}{self.base_name}" if prefix else self.base_name

    @property
    def chief_title(self) -> str:
        """Position of the chief executive, e.g. นายกองค์การบริหารส่วนตำบลกำปัง."""
        return f"{self.KIND_TITLES[self.kind][2]}{self.base_name}"

    @property
    def clerk_title(self) -> str:
        """Position of the permanent secretary, e.g. ปลัดองค์การบริหารส่วนตำบล."""
        return self.KIND_TITLES[self.kind][3]

    @property
    def location(self) -> str:
        parts = []
        if self.district:
            parts.append(("เขต" if self.province == "กรุงเทพมหานคร" else "อำเภอ") + self.district)
        if self.province:
            parts.append("จังหวัด" + self.province)
        return " ".join(parts)


class TenantModel(models.Model):
    """Base of every tenant-owned table."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, db_index=True, editable=False)

    objects = ScopedManager(organization="organization")

    class Meta:
        abstract = True


class Department(TenantModel):
    name = models.CharField(_("ชื่อส่วนราชการ"), max_length=150)
    position = models.PositiveIntegerField(_("ลำดับ"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="department_unique_name")]
        verbose_name = _("ส่วนราชการ")
        verbose_name_plural = _("ส่วนราชการ")

    def __str__(self) -> str:
        return self.name


class Membership(TenantModel):
    """A person's role in one organization. A person may belong to several organizations."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("ผู้ดูแลระบบของหน่วยงาน")
        COORDINATOR = "coordinator", _("ผู้ประสานงานด้านคุณธรรมและความโปร่งใส")
        DEPARTMENT_STAFF = "department_staff", _("เจ้าหน้าที่ส่วนราชการ")
        EXECUTIVE = "executive", _("ผู้บริหาร (ผู้อนุมัติ)")
        VIEWER = "viewer", _("ผู้ดูข้อมูล")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("บทบาท"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department, verbose_name=_("สังกัด"), on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    position_title = models.CharField(_("ตำแหน่ง"), max_length=150, blank=True, help_text=_("เช่น นักทรัพยากรบุคคลชำนาญการ"))
    is_active = models.BooleanField(_("ใช้งาน"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "user"], name="membership_unique_user")]
        verbose_name = _("สมาชิก")
        verbose_name_plural = _("สมาชิก")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def manages_plans(self) -> bool:
        return self.role in (self.Role.ADMIN, self.Role.COORDINATOR)

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN

    @property
    def approves(self) -> bool:
        return self.role in (self.Role.EXECUTIVE, self.Role.ADMIN)
