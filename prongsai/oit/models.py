"""The OIT index itself is never stored: it is generated from the content each app publishes
(see registry.py). Only what no content can say is stored here: the short explanation per
item and year that ITAS asks for."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.ita.models import OITItem
from prongsai.tenancy.models import TenantModel

NOTE_MAX = 1000


class OITNote(TenantModel):
    """คำอธิบายเพิ่มเติมของข้อ OIT ปีหนึ่ง (an OITItem belongs to one framework year)."""

    item = models.ForeignKey(OITItem, on_delete=models.CASCADE, related_name="+", verbose_name=_("ข้อ OIT"))
    text = models.TextField(_("คำอธิบาย"), max_length=NOTE_MAX, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "item"], name="oitnote_unique_item")]
        verbose_name = _("คำอธิบายข้อ OIT")
        verbose_name_plural = _("คำอธิบายข้อ OIT")

    def __str__(self) -> str:
        return f"{self.item.code} {self.item.framework.fiscal_year}"
