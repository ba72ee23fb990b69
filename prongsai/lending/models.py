"""Equipment and venue lending (ครุภัณฑ์/สถานที่): lendable items with a responsible member,
bookings that go through an approval chain (the responsible person, then an optional second
approver), hand-over and return with the condition recorded, and the published procedure.

No double booking: two bookings of one item that hold dates (pending, approved, handed over)
may not overlap. On PostgreSQL an exclusion constraint enforces it (migration 0002, created only
there); on SQLite writers are serialised (IMMEDIATE transactions) and the service checks the
overlap inside the transaction (services.booking_request)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from prongsai.tenancy.models import Department, Membership, TenantModel


class LendableItem(TenantModel):
    class Kind(models.TextChoices):
        EQUIPMENT = "equipment", _("ครุภัณฑ์")
        VENUE = "venue", _("สถานที่")

    name = models.CharField(_("ชื่อ"), max_length=200)
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices, default=Kind.EQUIPMENT)
    asset_number = models.CharField(_("เลขครุภัณฑ์"), max_length=100, blank=True)
    description = models.TextField(_("รายละเอียด"), max_length=3000, blank=True)
    location = models.CharField(_("ที่เก็บ/ที่ตั้ง"), max_length=300, blank=True)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True,
                                   verbose_name=_("ส่วนราชการที่ดูแล"), related_name="+")
    responsible = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("ผู้รับผิดชอบ (ผู้อนุมัติขั้นที่ ๑)"))
    second_approver = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                        verbose_name=_("ผู้อนุมัติขั้นที่ ๒ (ถ้ามี)"))
    conditions = models.TextField(_("เงื่อนไขการยืม"), max_length=3000, blank=True)
    max_days = models.PositiveSmallIntegerField(_("ยืมได้ครั้งละไม่เกิน (วัน)"), default=7)
    public = models.BooleanField(_("ประชาชนขอยืมได้"), default=True)
    is_active = models.BooleanField(_("เปิดให้ยืม"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name", "id"]
        verbose_name = _("ครุภัณฑ์/สถานที่ให้ยืม")

    def __str__(self) -> str:
        return self.name

    def approver_for(self, step: int):
        return self.responsible if step == 1 else self.second_approver

    @property
    def steps(self) -> int:
        return 2 if self.second_approver_id else 1


class ItemPhoto(TenantModel):
    item = models.ForeignKey(LendableItem, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="lending/photos/%Y/", max_length=300)
    alt = models.CharField(_("คำอธิบายภาพ"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]


HOLDING = ("pending", "approved", "handed_over")


class Booking(TenantModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("รออนุมัติ")
        APPROVED = "approved", _("อนุมัติแล้ว")
        HANDED_OVER = "handed_over", _("ส่งมอบแล้ว")
        RETURNED = "returned", _("คืนแล้ว")
        REJECTED = "rejected", _("ไม่อนุมัติ")
        CANCELLED = "cancelled", _("ยกเลิก")

    item = models.ForeignKey(LendableItem, on_delete=models.PROTECT, related_name="bookings")
    code = models.CharField(_("เลขที่คำขอ"), max_length=20)
    start_date = models.DateField(_("ตั้งแต่วันที่"))
    end_date = models.DateField(_("ถึงวันที่"))
    borrower_name = models.CharField(_("ชื่อผู้ขอยืม"), max_length=150)
    borrower_phone = models.CharField(_("โทรศัพท์"), max_length=20, blank=True)
    borrower_email = models.EmailField(_("อีเมล"), blank=True)
    purpose = models.CharField(_("วัตถุประสงค์"), max_length=500)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.PENDING)
    step = models.PositiveSmallIntegerField(_("ขั้นการอนุมัติ"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    handed_over_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+")
    condition_out = models.TextField(_("สภาพเมื่อส่งมอบ"), max_length=2000, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    condition_in = models.TextField(_("สภาพเมื่อรับคืน"), max_length=2000, blank=True)
    damaged = models.BooleanField(_("ชำรุด/เสียหาย"), default=False)
    last_reminder_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="booking_unique_code"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="booking_end_after_start"),
        ]
        indexes = [models.Index(fields=["organization", "item", "start_date", "end_date"])]
        verbose_name = _("คำขอยืม")

    def __str__(self) -> str:
        return f"{self.code} {self.item}"

    @property
    def holds_dates(self) -> bool:
        return self.status in HOLDING

    def is_overdue(self, today) -> bool:
        return self.status == self.Status.HANDED_OVER and self.end_date < today


class BookingDecision(TenantModel):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="decisions")
    step = models.PositiveSmallIntegerField()
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField()
    note = models.CharField(_("หมายเหตุ"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class Procedure(TenantModel):
    """The published borrowing/returning procedure; its steps draw the flowchart."""

    title = models.CharField(_("ชื่อเรื่อง"), max_length=300)
    intro = models.TextField(_("คำอธิบาย"), max_length=3000, blank=True)
    steps = models.JSONField(default=list)  # [{"title", "who", "time"}]
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization"], name="lending_procedure_one_per_org")]

    def __str__(self) -> str:
        return self.title
