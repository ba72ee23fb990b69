"""Read-only JSON API of organizations' measures plans with their issues and follow-up rounds.

A published plan is public. An unpublished one is answered only to a signed-in, active member
of its organization (session cookie); everyone else gets the same 404 as for a missing year,
so the API does not reveal that a draft exists."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django_scopes import scope
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from prongsai.tenancy.api import ErrorOut, active_organization
from prongsai.tenancy.models import Membership

from . import selectors
from .models import Plan, RoundResult

router = Router(tags=["plans"])


class RoundOut(Schema):
    number: int
    name: str = Field(description="เช่น รอบ 6 เดือน")
    months: int
    period_end: dt.date = Field(description="ผลการดำเนินงานถึงวันที่ (ISO)")


class IssueRoundOut(RoundOut):
    status: str = Field(description="สถานะ: " + ", ".join(RoundResult.Status.values))
    status_label: str
    result: str = Field(description="ผลการดำเนินงาน หนึ่งบรรทัดต่อหนึ่งข้อ (ไม่มีเลขข้อ)")
    result_items: list[str] = Field(description="ผลการดำเนินงานแยกเป็นข้อ")
    reported_at: dt.datetime | None = None


class IssueOut(Schema):
    number: int = Field(description="ลำดับของประเด็นภายในแบบวัด (สร้างจากลำดับ ไม่ได้พิมพ์)")
    instrument: str = Field(description="IIT, EIT หรือ OIT")
    indicator: int | None = Field(None, description="เลขตัวชี้วัดของกรอบการประเมินที่แผนตอบ")
    oit_item: str | None = Field(None, description="รหัสข้อ OIT เช่น O5")
    title: str
    methods: list[str] = Field(description="วิธีการดำเนินการ ตามลำดับ")
    responsible_departments: list[str]
    due_date: dt.date = Field(description="การดำเนินการแล้วเสร็จ (ISO)")
    follow_up: list[str] = Field(description="รายงานผล/การติดตามผล ตามแผน")
    rounds: list[IssueRoundOut]


class PlanSummaryOut(Schema):
    fiscal_year: int = Field(description="ปีงบประมาณ พ.ศ.")
    answers_year: int = Field(description="ปีของผลการประเมิน ITA ที่แผนนี้ตอบ")
    published: bool
    issue_count: int
    url: str


class PlanOut(Schema):
    organization: str = Field(description="slug ของหน่วยงาน")
    organization_name: str
    fiscal_year: int
    answers_year: int
    published: bool
    meeting_date: dt.date | None = None
    title: str
    rounds: list[RoundOut]
    issues: list[IssueOut] = Field(description="เรียงตามแบบวัด IIT, EIT, OIT แล้วตามลำดับในแผน")


def _is_member(request, org) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(organization=org, user=user, is_active=True).exists()


def _round_name(rnd) -> str:
    return _("รอบ %(m)s เดือน") % {"m": rnd.months}


@router.get("/organizations/{slug}/plans/", response={200: list[PlanSummaryOut], 404: ErrorOut},
            summary="แผนมาตรการของหน่วยงาน (ที่เผยแพร่แล้ว; สมาชิกที่เข้าสู่ระบบเห็นร่างด้วย)")
def plan_list(request, slug: str):
    org = active_organization(slug)
    with scope(organization=org):
        plans = selectors.plans_for(organization=org).order_by("fiscal_year")
        if not _is_member(request, org):
            plans = plans.filter(status=Plan.Status.PUBLISHED)
        return [{
            "fiscal_year": p.fiscal_year, "answers_year": p.answers_framework.fiscal_year, "published": p.is_public,
            "issue_count": p.issue_count, "url": f"/api/v1/organizations/{org.slug}/plans/{p.fiscal_year}/",
        } for p in plans]


@router.get("/organizations/{slug}/plans/{fiscal_year}/", response={200: PlanOut, 404: ErrorOut},
            summary="แผนมาตรการของปี พร้อมประเด็น วิธีการ ผู้รับผิดชอบ และผลการติดตามแต่ละรอบ")
def plan_detail(request, slug: str, fiscal_year: int):
    org = active_organization(slug)
    with scope(organization=org):
        plan = selectors.plan_for_year(organization=org, fiscal_year=fiscal_year)
        if plan is None or (not plan.is_public and not _is_member(request, org)):
            raise HttpError(404, _("ไม่พบแผนมาตรการปีงบประมาณ %(y)s ของหน่วยงานนี้") % {"y": fiscal_year})
        rounds = list(plan.rounds.order_by("number"))
        results = {(r.issue_id, r.round_id): r for r in RoundResult.objects.filter(organization=org, round__plan=plan)}
        issues = selectors.plan_issues(plan=plan)
        counters: dict[str, int] = {}
        out = []
        for issue in issues:
            counters[issue.instrument] = counters.get(issue.instrument, 0) + 1
            issue_rounds = []
            for rnd in rounds:
                res = results.get((issue.id, rnd.id))
                issue_rounds.append({
                    "number": rnd.number, "name": _round_name(rnd), "months": rnd.months, "period_end": rnd.period_end,
                    "status": res.status if res else RoundResult.Status.NOT_STARTED,
                    "status_label": str(RoundResult.Status(res.status if res else "not_started").label),
                    "result": "\n".join(res.result_items) if res else "",
                    "result_items": res.result_items if res else [],
                    "reported_at": res.reported_at if res else None,
                })
            out.append({
                "number": counters[issue.instrument], "instrument": issue.instrument,
                "indicator": issue.indicator.number if issue.indicator_id else None,
                "oit_item": issue.oit_item.code if issue.oit_item_id else None,
                "title": issue.title, "methods": [m.text for m in issue.methods.all()],
                "responsible_departments": [d.name for d in issue.departments.all()],
                "due_date": issue.due_date, "follow_up": [f.text for f in issue.follow_ups.all()],
                "rounds": issue_rounds,
            })
        return {
            "organization": org.slug, "organization_name": org.name, "fiscal_year": plan.fiscal_year,
            "answers_year": plan.answers_framework.fiscal_year, "published": plan.is_public,
            "meeting_date": plan.meeting_date, "title": str(plan),
            "rounds": [{"number": r.number, "name": _round_name(r), "months": r.months, "period_end": r.period_end}
                       for r in rounds],
            "issues": out,
        }
