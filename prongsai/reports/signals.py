"""Editing a plan after a document was issued creates a new draft version (see
services.plan_changed). Connected in ReportsConfig.ready(); runs after the commit. No dedupe:
a rolled-back transaction never runs its callbacks, and plan_changed is idempotent and returns
after one query when the plan has no issued document."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _plan_id(instance) -> int | None:
    from prongsai.measures.models import Plan

    if isinstance(instance, Plan):
        return instance.pk
    if hasattr(instance, "plan_id"):
        return instance.plan_id
    for attr in ("issue", "round"):
        related = getattr(instance, f"{attr}_id", None)
        if related:
            try:
                return getattr(instance, attr).plan_id
            except Exception:  # noqa: BLE001 — the parent is being deleted with it
                return None
    return None


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    plan_id = _plan_id(instance)
    if plan_id is None:
        return

    def run():
        from .services import plan_changed

        plan_changed(plan_id=plan_id)

    transaction.on_commit(run)


def connect() -> None:
    from prongsai.measures.models import FollowUp, Issue, IssueDepartment, Method, Plan, RoundResult

    for model in (Plan, Issue, IssueDepartment, Method, FollowUp, RoundResult):
        post_save.connect(_changed, sender=model, dispatch_uid=f"reports-plan-changed-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"reports-plan-changed-delete-{model.__name__}")
