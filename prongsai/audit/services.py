"""The audit trail. Services call `audit_record` inside their transaction, so an entry
exists exactly when the change it describes was committed."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEntry


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """Plain, JSON-able values of the named fields (lists stay lists, dates become ISO strings)."""
    out = {}
    for name in fields:
        value = getattr(instance, name)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, models.Model):
            value = str(value)
        out[name] = value
    return out


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list]:
    """{field: [old, new]} for the fields that changed."""
    return {k: [old.get(k), new.get(k)] for k in new if old.get(k) != new.get(k)}


def audit_record(*, organization, actor, action: str, target: models.Model, changes: dict | None = None) -> AuditEntry:
    return AuditEntry.objects.create(
        organization=organization,
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk or ""),
        target_repr=str(target)[:300],
        changes=changes or {},
    )
