from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.tenancy.models import TenantModel


class AuditEntry(TenantModel):
    """Who did what, when, to which record, with the old and new values. Append-only."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(_("การกระทำ"), max_length=50)
    target_type = models.CharField(max_length=50)
    target_id = models.CharField(max_length=40, blank=True)
    target_repr = models.CharField(_("รายการ"), max_length=300, blank=True)
    changes = models.JSONField(_("การเปลี่ยนแปลง"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "target_type", "target_id"])]
        verbose_name = _("บันทึกการเปลี่ยนแปลง")
        verbose_name_plural = _("บันทึกการเปลี่ยนแปลง")
