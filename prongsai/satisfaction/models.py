"""Satisfaction surveys (O17): one survey per service, a 5-point scale plus a comment.
Comments are shown publicly only after a staff member approves them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.eservice.models import Service, ServiceRequest
from prongsai.tenancy.models import TenantModel

SCALE = [(5, _("พอใจมากที่สุด")), (4, _("พอใจมาก")), (3, _("พอใจปานกลาง")), (2, _("พอใจน้อย")), (1, _("พอใจน้อยที่สุด"))]


class SatisfactionSurvey(TenantModel):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("งานบริการ"))
    title = models.CharField(_("ชื่อแบบสำรวจ"), max_length=200)
    is_open = models.BooleanField(_("เปิดรับคำตอบ"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["organization", "service"], name="survey_one_per_service")]
        verbose_name = _("แบบสำรวจความพึงพอใจ")

    def __str__(self) -> str:
        return self.title


class SurveyResponse(TenantModel):
    class CommentStatus(models.TextChoices):
        NONE = "none", _("ไม่มีความคิดเห็น")
        PENDING = "pending", _("รอตรวจ")
        APPROVED = "approved", _("เผยแพร่")
        HIDDEN = "hidden", _("ซ่อน")

    survey = models.ForeignKey(SatisfactionSurvey, on_delete=models.CASCADE, related_name="responses")
    score = models.PositiveSmallIntegerField(_("ระดับความพึงพอใจ"), choices=SCALE,
                                             validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("ความคิดเห็นเพิ่มเติม"), max_length=2000, blank=True)
    comment_status = models.CharField(max_length=10, choices=CommentStatus.choices, default=CommentStatus.NONE)
    request = models.ForeignKey(ServiceRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["request"], condition=models.Q(request__isnull=False),
                                               name="response_one_per_request")]
