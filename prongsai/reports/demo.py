"""Demo: the 6-month report of 2566 of อบต.กำปัง, prepared by the coordinator and issued through
the default chain (หัวหน้าสำนักปลัด → ปลัด → นายก), dated ๑๐ เมษายน ๒๕๖๖ as in the source;
the plan announcement and the results analysis as drafts. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from prongsai.measures.models import Plan

from . import services
from .models import Document, DocumentStep, Kind


def _at(day: dt.date, hour: int, minute: int = 0):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@transaction.atomic
def load(ctx) -> None:
    org = ctx.main
    users = ctx.users
    with scope(organization=org):
        plan = Plan.objects.filter(organization=org, fiscal_year=2566).first()
        if plan is None or Document.objects.filter(organization=org, plan=plan, kind=Kind.ROUND).exists():
            return
        services.chain_default(organization=org)
        first = plan.rounds.get(number=1)
        day = dt.date(2023, 4, 10)
        doc = services.document_create(organization=org, acting_user=users["coordinator"], kind=Kind.ROUND,
                                       plan=plan, rnd=first, doc_date=day)
        services.document_submit(document=doc, acting_user=users["coordinator"])
        for username in ("head", "clerk", "mayor"):
            services.document_decide(document=doc, acting_user=users[username], approve=True)
        doc.refresh_from_db()
        # Back-date the chain to the source's day, then issue.
        times = {DocumentStep.Action.CREATE: _at(day, 8, 45), DocumentStep.Action.SUBMIT: _at(day, 9, 0)}
        for offset, step in enumerate(doc.steps.filter(action=DocumentStep.Action.APPROVE).order_by("id")):
            times[step.pk] = _at(day, 10 + offset, 15)
        for step in doc.steps.all():
            DocumentStep.objects.filter(pk=step.pk).update(at=times.get(step.pk) or times.get(step.action, step.at))
        services.document_issue(document=doc, acting_user=users["coordinator"], acknowledge=True, at=_at(day, 14, 30))
        for kind in (Kind.PLAN, Kind.ANALYSIS):
            services.document_create(organization=org, acting_user=users["coordinator"], kind=kind, plan=plan)
