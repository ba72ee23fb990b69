from django.db import models

from prongsai.tenancy.models import TenantModel


class IdempotencyRecord(TenantModel):
    """The receipt a submission produced, kept under the client's Idempotency-Key (or a form's
    one-time token), so a retry, a double click or a replay returns the same receipt and never
    a second record. See core.antiabuse.idempotent."""

    scope = models.CharField(max_length=50)
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64, blank=True)
    receipt = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "scope", "key"], name="idempotency_unique_key")
        ]
