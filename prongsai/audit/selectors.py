"""Reads of the audit trail for the coordinator's page."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

KINDS = {
    "plan": ("measures.plan", _("แผน")),
    "issue": ("measures.issue", _("ประเด็น")),
    "round": ("measures.round", _("รอบการติดตามผล")),
    "result": ("measures.roundresult", _("ผลการดำเนินงาน")),
    "evidence": ("measures.evidence", _("หลักฐาน")),
    "ita": ("ita.itaresult", _("ผลการประเมิน ITA")),
}
FIELD_LABELS = {
    "title": _("ชื่อ"), "instrument": _("เครื่องมือ"), "indicator": _("ตัวชี้วัด"), "oit_item": _("ข้อ OIT"),
    "due_date": _("แล้วเสร็จ"), "departments": _("ผู้รับผิดชอบ"), "methods": _("วิธีการดำเนินการ"),
    "follow_up": _("รายงานผล/การติดตามผล"), "position": _("ลำดับ"), "status": _("สถานะ"), "result": _("ผลการดำเนินงาน"),
    "name": _("ชื่อรอบ"), "months": _("จำนวนเดือน"), "period_end": _("ถึงวันที่"), "meeting_date": _("วันที่ประชุม"),
    "source": _("สร้างจาก"), "answers_year": _("ตอบผลการประเมินปี"), "round_result": _("ประเด็น/รอบ"),
}
TYPE_LABELS = {label_lower: label for label_lower, label in KINDS.values()}


def type_label(target_type: str) -> str:
    if target_type in TYPE_LABELS:
        return TYPE_LABELS[target_type]
    from django.apps import apps

    try:
        return str(apps.get_model(target_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return target_type


def _ids(qs) -> list[str]:
    return [str(pk) for pk in qs.values_list("pk", flat=True)]


def trail(*, organization, kind: str = "", plan=None, issue=None, actor_id: int | None = None):
    """Entries newest first. `plan` narrows to the plan and everything under it; `issue` to the
    issue, its round results and their evidence."""
    from prongsai.measures.models import Evidence, Issue, Round, RoundResult

    qs = AuditEntry.objects.filter(organization=organization).select_related("actor")
    if kind in KINDS:
        qs = qs.filter(target_type=KINDS[kind][0])
    if issue is not None:
        results = RoundResult.objects.filter(organization=organization, issue=issue)
        qs = qs.filter(
            Q(target_type="measures.issue", target_id=str(issue.pk))
            | Q(target_type="measures.roundresult", target_id__in=_ids(results))
            | Q(target_type="measures.evidence",
                target_id__in=_ids(Evidence.objects.filter(organization=organization, round_result__in=results)))
        )
    elif plan is not None:
        issues = Issue.objects.filter(organization=organization, plan=plan)
        results = RoundResult.objects.filter(organization=organization, round__plan=plan)
        qs = qs.filter(
            Q(target_type="measures.plan", target_id=str(plan.pk))
            | Q(target_type="measures.issue", target_id__in=_ids(issues))
            | Q(target_type="measures.round", target_id__in=_ids(Round.objects.filter(organization=organization, plan=plan)))
            | Q(target_type="measures.roundresult", target_id__in=_ids(results))
            | Q(target_type="measures.evidence",
                target_id__in=_ids(Evidence.objects.filter(organization=organization, round_result__in=results)))
        )
    if actor_id:
        qs = qs.filter(actor_id=actor_id)
    return qs


def _status_labels() -> dict:
    from prongsai.measures.models import Plan, RoundResult

    return {**dict(RoundResult.Status.choices), **dict(Plan.Status.choices)}


def change_lines(changes) -> list[dict]:
    """{field: [old, new]} → [{field, old, new}]; other shapes shown as a plain value."""
    lines = []
    statuses = _status_labels()
    if isinstance(changes, dict) and isinstance(changes.get("status"), list):
        changes = {**changes, "status": [statuses.get(v, v) for v in changes["status"]]}
    if not isinstance(changes, dict):
        return [{"field": "", "old": None, "new": _plain(changes), "plain": True}]
    for field, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            lines.append({"field": FIELD_LABELS.get(field, field), "old": _plain(value[0]), "new": _plain(value[1]),
                          "plain": False})
        else:
            lines.append({"field": FIELD_LABELS.get(field, field), "old": None, "new": _plain(value), "plain": True})
    return lines


def _plain(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return " · ".join(f"{i}. {v}" for i, v in enumerate(value, start=1)) if len(value) > 1 else str(value[0])
    return str(value)
