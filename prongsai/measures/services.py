"""Writes to plans, issues and rounds. Each runs in a transaction, validates with
full_clean(), takes the acting user explicitly and leaves an audit entry."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record, diff
from prongsai.core.text import split_items
from prongsai.core.uploads import validate_upload
from prongsai.ita.models import Framework, Indicator, OITItem
from prongsai.tenancy.models import Department

from . import templates_library
from .models import Evidence, FollowUp, Issue, IssueDepartment, Method, Plan, Round, RoundResult

DEFAULT_ROUNDS = ((1, 6, 3, 31), (2, 12, 9, 30))  # number, months, period end month/day
EVIDENCE_KINDS = {"pdf", "image", "docx", "xlsx"}


def _issue_state(issue: Issue) -> dict:
    return {
        "title": issue.title,
        "instrument": issue.instrument,
        "indicator": str(issue.indicator) if issue.indicator_id else None,
        "oit_item": str(issue.oit_item) if issue.oit_item_id else None,
        "due_date": issue.due_date.isoformat() if issue.due_date else None,
        "departments": sorted(d.name for d in issue.departments.all()) if issue.pk else [],
        "methods": [m.text for m in issue.methods.all()] if issue.pk else [],
        "follow_up": [f.text for f in issue.follow_ups.all()] if issue.pk else [],
    }


@transaction.atomic
def plan_create(
    *, organization, fiscal_year: int, acting_user, answers_year: int | None = None, source: str = "empty",
    template_keys: list[str] | None = None,
) -> Plan:
    """source: "empty", "copy" (last year's plan) or "templates" (keys from the library)."""
    answers_year = answers_year or fiscal_year - 1
    framework = Framework.objects.filter(fiscal_year=answers_year).first()
    if framework is None:
        raise ValidationError({"answers_year": _("ยังไม่มีกรอบการประเมิน ITA ของปี %(y)s") % {"y": answers_year}})
    if Plan.objects.filter(organization=organization, fiscal_year=fiscal_year).exists():
        raise ValidationError({"fiscal_year": _("มีแผนของปีงบประมาณ %(y)s อยู่แล้ว") % {"y": fiscal_year}})
    plan = Plan(organization=organization, fiscal_year=fiscal_year, answers_framework=framework)
    plan.full_clean()
    plan.save()
    for number, months, month, day in DEFAULT_ROUNDS:
        Round.objects.create(
            organization=organization, plan=plan, number=number, months=months,
            period_end=dt.date(fiscal_year - 543, month, day),
        )
    if source == "copy":
        previous = Plan.objects.filter(organization=organization, fiscal_year=fiscal_year - 1).first()
        if previous is None:
            raise ValidationError({"source": _("ไม่มีแผนของปีงบประมาณ %(y)s ให้คัดลอก") % {"y": fiscal_year - 1}})
        _copy_issues(previous, plan)
    elif source == "templates":
        for key in template_keys or []:
            template = templates_library.get_template(key)
            if template is None:
                raise ValidationError({"templates": _("ไม่พบแม่แบบ %(k)s") % {"k": key}})
            issue_from_template(plan=plan, template=template, acting_user=acting_user, audit=False)
    audit_record(organization=organization, actor=acting_user, action="plan.create", target=plan,
                 changes={"source": source, "answers_year": answers_year})
    return plan


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 Feb
        return day.replace(year=day.year + years, day=28)


def _match_in_framework(framework: Framework, *, indicator: Indicator | None = None, oit_item: OITItem | None = None):
    if indicator is not None:
        return Indicator.objects.filter(framework=framework, number=indicator.number).first()
    if oit_item is not None:
        return (
            OITItem.objects.filter(framework=framework, title_th=oit_item.title_th).first()
            or OITItem.objects.filter(framework=framework, code=oit_item.code).first()
        )
    return None


def _copy_issues(source: Plan, target: Plan) -> None:
    years = target.fiscal_year - source.fiscal_year
    for issue in source.issues.all().prefetch_related("departments", "methods", "follow_ups"):
        new = Issue(
            organization=target.organization, plan=target, instrument=issue.instrument, title=issue.title,
            position=issue.position, due_date=_shift_year(issue.due_date, years),
            indicator=_match_in_framework(target.answers_framework, indicator=issue.indicator) if issue.indicator_id else None,
            oit_item=_match_in_framework(target.answers_framework, oit_item=issue.oit_item) if issue.oit_item_id else None,
        )
        new.full_clean()
        new.save()
        _set_children(new, departments=list(issue.departments.all()), methods=[m.text for m in issue.methods.all()],
                      follow_up=[f.text for f in issue.follow_ups.all()])


def _set_children(issue: Issue, *, departments, methods, follow_up) -> None:
    org = issue.organization
    IssueDepartment.objects.filter(issue=issue).delete()
    for dept in departments:
        IssueDepartment.objects.create(organization=org, issue=issue, department=dept)
    issue.methods.all().delete()
    for pos, text in enumerate(methods):
        m = Method(organization=org, issue=issue, position=pos, text=text)
        m.full_clean()
        m.save()
    issue.follow_ups.all().delete()
    for pos, text in enumerate(follow_up):
        f = FollowUp(organization=org, issue=issue, position=pos, text=text)
        f.full_clean()
        f.save()


def _next_position(plan: Plan, instrument: str) -> int:
    last = plan.issues.filter(instrument=instrument).order_by("-position").first()
    return last.position + 1 if last else 0


def _ensure_round_results(issue: Issue) -> None:
    for rnd in issue.plan.rounds.all():
        RoundResult.objects.get_or_create(organization=issue.organization, round=rnd, issue=issue)


def issue_from_template(*, plan: Plan, template: dict, acting_user, audit: bool = True) -> Issue:
    org = plan.organization
    fill = lambda s: templates_library.fill(s, organization=org, fiscal_year=plan.fiscal_year)  # noqa: E731
    fw = plan.answers_framework
    indicator = oit_item = None
    if template.get("indicator"):
        indicator = Indicator.objects.filter(framework=fw, number=template["indicator"]).first()
    if template.get("oit"):
        oit_item = (
            OITItem.objects.filter(framework=fw, title_th=template["oit"]).first()
            or OITItem.objects.filter(framework=fw, code=template.get("oit_code")).first()
        )
    names = template.get("departments") or []
    departments = list(Department.objects.filter(organization=org, name__in=names))
    if not departments:
        departments = list(Department.objects.filter(organization=org)[:1])
    return issue_save(
        issue=Issue(organization=org, plan=plan),
        acting_user=acting_user,
        instrument=template["instrument"],
        title=fill(template["title"]),
        indicator=indicator,
        oit_item=oit_item,
        due_date=templates_library.due_in_year(template.get("due", "09-30"), plan.fiscal_year),
        departments=departments,
        methods=[fill(m) for m in template.get("methods", [])],
        follow_up=[fill(f) for f in template.get("follow_up", [])],
        audit=audit,
    )


@transaction.atomic
def issue_save(
    *, issue: Issue, acting_user, instrument: str, title: str, due_date, departments, methods: list[str],
    follow_up: list[str], indicator=None, oit_item=None, audit: bool = True,
) -> Issue:
    """Create (issue.pk is None) or update an issue with its departments, methods and follow-up."""
    org = issue.organization
    if not departments:
        raise ValidationError({"departments": _("เลือกผู้รับผิดชอบอย่างน้อยหนึ่งส่วนราชการ")})
    if any(d.organization_id != org.id for d in departments):
        raise ValidationError({"departments": _("ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้")})
    creating = issue.pk is None
    before = {} if creating else _issue_state(issue)
    if creating or issue.instrument != instrument:
        issue.position = _next_position(issue.plan, instrument)
    issue.instrument = instrument
    issue.title = title
    issue.due_date = due_date
    issue.oit_item = oit_item
    # An OIT item belongs to one indicator: keep the two consistent.
    issue.indicator = oit_item.indicator if oit_item is not None else indicator
    issue.full_clean()
    issue.save()
    _set_children(issue, departments=departments, methods=methods, follow_up=follow_up)
    _ensure_round_results(issue)
    if audit:
        after = _issue_state(issue)
        audit_record(organization=org, actor=acting_user, action="issue.create" if creating else "issue.update",
                     target=issue, changes=diff(before, after))
    return issue


@transaction.atomic
def issue_delete(*, issue: Issue, acting_user) -> None:
    audit_record(organization=issue.organization, actor=acting_user, action="issue.delete", target=issue,
                 changes={"title": [issue.title, None]})
    plan, instrument = issue.plan, issue.instrument
    issue.delete()
    _renumber(plan, instrument)


def _renumber(plan: Plan, instrument: str) -> None:
    for pos, issue in enumerate(plan.issues.filter(instrument=instrument).order_by("position", "id")):
        if issue.position != pos:
            Issue.objects.filter(pk=issue.pk).update(position=pos)


@transaction.atomic
def issue_move(*, issue: Issue, acting_user, direction: int) -> None:
    """Swap with the neighbour above (direction=-1) or below (+1) within its instrument."""
    _renumber(issue.plan, issue.instrument)
    siblings = list(issue.plan.issues.filter(instrument=issue.instrument).order_by("position", "id"))
    index = next(i for i, s in enumerate(siblings) if s.pk == issue.pk)
    other_index = index + direction
    if not 0 <= other_index < len(siblings):
        return
    other = siblings[other_index]
    Issue.objects.filter(pk=issue.pk).update(position=other_index)
    Issue.objects.filter(pk=other.pk).update(position=index)
    audit_record(organization=issue.organization, actor=acting_user, action="issue.move", target=issue,
                 changes={"position": [index + 1, other_index + 1]})


@transaction.atomic
def round_save(*, round: Round, acting_user, months: int, period_end, name: str | None = None) -> Round:
    def state(r):
        return {"name": r.name, "months": r.months,
                "period_end": r.period_end.isoformat() if r.period_end else None}

    before = state(round) if round.pk else {}
    creating = round.pk is None
    if creating:
        last = round.plan.rounds.order_by("-number").first()
        round.number = last.number + 1 if last else 1
    round.months = months
    round.period_end = period_end
    if name is not None:
        round.name = name
    round.full_clean()
    round.save()
    for issue in round.plan.issues.all():
        RoundResult.objects.get_or_create(organization=round.organization, round=round, issue=issue)
    audit_record(organization=round.organization, actor=acting_user, action="round.create" if creating else "round.update",
                 target=round, changes=diff(before, state(round)))
    return round


@transaction.atomic
def rounds_create_defaults(*, plan: Plan, acting_user) -> list[Round]:
    """The default rounds a plan lacks: 6 months to 31 Mar, 12 months to 30 Sep."""
    created = []
    existing = {r.months for r in plan.rounds.all()}
    for _number, months, month, day in DEFAULT_ROUNDS:
        if months in existing:
            continue
        created.append(round_save(round=Round(organization=plan.organization, plan=plan), acting_user=acting_user,
                                  months=months, period_end=dt.date(plan.fiscal_year - 543, month, day), name=""))
    return created


@transaction.atomic
def round_delete(*, round: Round, acting_user) -> None:
    audit_record(organization=round.organization, actor=acting_user, action="round.delete", target=round,
                 changes={"name": [str(round), None], "period_end": [round.period_end.isoformat(), None]})
    round.delete()


@transaction.atomic
def method_move(*, issue: Issue, acting_user, position: int, direction: int) -> None:
    """Swap the method at `position` (0-based, in display order) with its neighbour."""
    methods = list(issue.methods.order_by("position", "id"))
    other = position + direction
    if not (0 <= position < len(methods) and 0 <= other < len(methods)):
        return
    before = [m.text for m in methods]
    methods[position], methods[other] = methods[other], methods[position]
    for pos, method in enumerate(methods):
        Method.objects.filter(pk=method.pk).update(position=pos)
    audit_record(organization=issue.organization, actor=acting_user, action="issue.update", target=issue,
                 changes={"methods": [before, [m.text for m in methods]]})


@transaction.atomic
def round_result_update(*, result: RoundResult, acting_user, status: str, text: str) -> RoundResult:
    before = {"status": result.status, "result": result.result}
    result.status = status
    result.result = "\n".join(split_items(text))
    result.reported_by = acting_user
    result.reported_at = timezone.now()
    result.full_clean()
    result.save()
    audit_record(organization=result.organization, actor=acting_user, action="result.update", target=result,
                 changes=diff(before, {"status": result.status, "result": result.result}))
    return result


@transaction.atomic
def evidence_add(*, result: RoundResult, acting_user, title: str, upload=None, url: str = "") -> Evidence:
    evidence = Evidence(organization=result.organization, round_result=result, title=title, url=url,
                        uploaded_by=acting_user)
    if upload is not None:
        evidence.kind = validate_upload(upload, kinds=EVIDENCE_KINDS)
        evidence.original_name = upload.name[:255]
        evidence.size = upload.size
        evidence.file = upload
    evidence.full_clean()
    evidence.save()
    audit_record(organization=result.organization, actor=acting_user, action="evidence.add", target=evidence,
                 changes={"round_result": str(result), "title": [None, title]})
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, acting_user) -> None:
    audit_record(organization=evidence.organization, actor=acting_user, action="evidence.remove", target=evidence,
                 changes={"title": [evidence.title, None]})
    evidence.file.delete(save=False) if evidence.file else None
    evidence.delete()


@transaction.atomic
def plan_update(*, plan: Plan, acting_user, status: str | None = None, meeting_date=None) -> Plan:
    before = {"status": plan.status, "meeting_date": plan.meeting_date.isoformat() if plan.meeting_date else None}
    if status is not None:
        plan.status = status
    plan.meeting_date = meeting_date
    plan.full_clean()
    plan.save()
    after = {"status": plan.status, "meeting_date": plan.meeting_date.isoformat() if plan.meeting_date else None}
    audit_record(organization=plan.organization, actor=acting_user, action="plan.update", target=plan,
                 changes=diff(before, after))
    return plan


@transaction.atomic
def issue_add_for_gap(
    *, organization, fiscal_year: int, answers_year: int, acting_user, title: str, departments,
    indicator: Indicator | None = None, oit_item: OITItem | None = None, methods: list[str] | None = None,
) -> tuple[Issue, bool]:
    """One click from a finding (a weak indicator, a missing OIT item) to an issue of the plan of
    `fiscal_year`: the plan is created (answering `answers_year`) when it does not exist yet; the
    indicator or item is matched by title/number in the framework the plan answers. When the plan
    already has an issue for that indicator (or OIT item) it is returned unchanged: (issue, False)."""
    plan = Plan.objects.select_for_update().filter(organization=organization, fiscal_year=fiscal_year).first()
    if plan is None:
        plan = plan_create(organization=organization, fiscal_year=fiscal_year, acting_user=acting_user,
                           answers_year=answers_year)
    framework = plan.answers_framework
    if oit_item is not None:
        matched = _match_in_framework(framework, oit_item=oit_item)
        if matched is None:
            raise ValidationError({"oit_item": _("ข้อ OIT “%(t)s” ไม่มีในกรอบการประเมินที่แผนปี %(y)s ตอบ") % {
                "t": oit_item.title_th, "y": fiscal_year}})
        existing = plan.issues.filter(oit_item=matched).first()
        instrument, indicator = "OIT", None
        oit_item = matched
    else:
        matched = _match_in_framework(framework, indicator=indicator) if indicator is not None else None
        if matched is None:
            raise ValidationError({"indicator": _("ตัวชี้วัดนี้ไม่มีในกรอบการประเมินที่แผนปี %(y)s ตอบ") % {"y": fiscal_year}})
        existing = plan.issues.filter(indicator=matched, oit_item__isnull=True).first()
        instrument, indicator = matched.instrument.code, matched
    if existing is not None:
        return existing, False
    issue = issue_save(
        issue=Issue(organization=organization, plan=plan), acting_user=acting_user, instrument=instrument,
        title=title, due_date=plan.bounds[1], departments=departments, methods=methods or [], follow_up=[],
        indicator=indicator, oit_item=oit_item,
    )
    return issue, True
