"""The foundation demo: two organizations, their departments and people (all fictional),
ITA 2565 results and the 2566 measures plan of the source document with its 6-month results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django_scopes import scope

from prongsai.accounts.models import User
from prongsai.ita.models import Framework, Indicator, IndicatorScore, ITAResult, OITItem, OITItemScore
from prongsai.measures import services as measures
from prongsai.measures.models import Plan, RoundResult
from prongsai.measures.templates_library import template_sets
from prongsai.tenancy.models import Department, Membership, Organization

from .context import DEMO_PASSWORD, DemoContext

MAIN_DEPARTMENTS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสวัสดิการสังคม", "กองส่งเสริมการเกษตร"]
Role = Membership.Role

# username, title, first, last, role, department, position — all fictional people.
MAIN_PEOPLE = [
    ("admin", "นาย", "อดิศร", "ดูแลดี", Role.ADMIN, "สำนักปลัด", "นักวิชาการคอมพิวเตอร์ชำนาญการ"),
    ("coordinator", "นางสาว", "พิมพ์ชนก", "ศรีสุขใจ", Role.COORDINATOR, "สำนักปลัด", "นักทรัพยากรบุคคลชำนาญการ"),
    ("head", "นาย", "วีระพงษ์", "ทองประเสริฐ", Role.EXECUTIVE, "สำนักปลัด", "หัวหน้าสำนักปลัด"),
    ("clerk", "นาย", "ประเสริฐ", "มั่นคงดี", Role.EXECUTIVE, "สำนักปลัด", "ปลัดองค์การบริหารส่วนตำบล"),
    ("mayor", "นาง", "สมใจ", "รักถิ่นไทย", Role.EXECUTIVE, None, "นายกองค์การบริหารส่วนตำบลกำปัง"),
    ("finance", "นาง", "กาญจนา", "เงินทองดี", Role.DEPARTMENT_STAFF, "กองคลัง", "นักวิชาการเงินและบัญชีชำนาญการ"),
    ("office", "นาย", "ธนากร", "ใฝ่รู้ยิ่ง", Role.DEPARTMENT_STAFF, "สำนักปลัด", "นักจัดการงานทั่วไปชำนาญการ"),
    ("viewer", "นางสาว", "มาลี", "ดูงานดี", Role.VIEWER, None, "ผู้ตรวจสอบภายใน"),
]
SECOND_PEOPLE = [
    ("ts.coordinator", "นาย", "ภาณุ", "สว่างใจ", Role.COORDINATOR, "สำนักปลัดเทศบาล", "นักทรัพยากรบุคคลปฏิบัติการ"),
]

# ITA 2565 indicator scores of the demo organization (fictional), and the OIT items it failed:
# the nine OIT issues of the source's plan answer exactly these.
MAIN_SCORES_2565 = {1: "84.10", 2: "80.50", 3: "82.70", 4: "78.90", 5: "83.20", 6: "83.50", 7: "80.10", 8: "79.40"}
MAIN_FAILED_OIT_2565 = {"O2", "O5", "O7", "O9", "O17", "O27", "O35", "O38", "O43"}


def _person(ctx, org, username, title, first, last, role, dept_name, position):
    user, created = User.objects.get_or_create(
        username=username, defaults={"title": title, "first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    dept = Department.objects.filter(organization=org, name=dept_name).first() if dept_name else None
    Membership.objects.get_or_create(
        organization=org, user=user, defaults={"role": role, "department": dept, "position_title": position}
    )
    ctx.users[username] = user
    ctx.accounts.append((username, org.short_name, Role(role).label))


def _results_2565(org) -> None:
    fw = Framework.objects.get(fiscal_year=2565)
    result, created = ITAResult.objects.get_or_create(organization=org, framework=fw)
    if not created:
        return
    items = list(OITItem.objects.filter(framework=fw).select_related("indicator"))
    for item in items:
        OITItemScore.objects.create(organization=org, result=result, item=item,
                                    score=0 if item.code in MAIN_FAILED_OIT_2565 else 100)
    scores = {n: Decimal(s) for n, s in MAIN_SCORES_2565.items()}
    for number in (9, 10):  # OIT indicators: the mean of their items
        own = [0 if i.code in MAIN_FAILED_OIT_2565 else 100 for i in items if i.indicator.number == number]
        scores[number] = (Decimal(sum(own)) / len(own)).quantize(Decimal("0.01"))
    for ind in Indicator.objects.filter(framework=fw):
        IndicatorScore.objects.create(organization=org, result=result, indicator=ind, score=scores[ind.number])


def _plan_2566(org, ctx) -> None:
    if Plan.objects.filter(organization=org, fiscal_year=2566).exists():
        return
    coordinator = ctx.users["coordinator"]
    keys = [t["key"] for t in template_sets()["seed-2566"]["issues"]]
    plan = measures.plan_create(organization=org, fiscal_year=2566, acting_user=coordinator, source="templates",
                                template_keys=keys)
    measures.plan_update(plan=plan, acting_user=coordinator, status=Plan.Status.PUBLISHED,
                         meeting_date=dt.date(2023, 1, 4))
    first_round = plan.rounds.get(number=1)
    reporters = {"กองคลัง": ctx.users["finance"]}
    for result in RoundResult.objects.filter(round=first_round).select_related("issue"):
        issue = result.issue
        names = issue.department_names
        reporter = reporters.get(names[0]) if len(names) == 1 else None
        measures.round_result_update(
            result=result, acting_user=reporter or coordinator, status=RoundResult.Status.DONE,
            text="\n".join(f.text for f in issue.follow_ups.all()),
        )


@transaction.atomic
def load_foundation() -> DemoContext:
    main, _ = Organization.objects.get_or_create(
        slug="kampang",
        defaults=dict(
            kind=Organization.Kind.SAO, base_name="กำปัง", name_en="Kampang Subdistrict Administrative Organization",
            subdistrict="กำปัง", district="โนนไทย", province="นครราชสีมา", postcode="30220",
            address="หมู่ที่ ๑ ตำบลกำปัง อำเภอโนนไทย จังหวัดนครราชสีมา ๓๐๒๒๐",
            phone="0 4400 0000", fax="0 4400 0001", email="saraban@kampang.example.go.th",
            latitude=Decimal("15.150000"), longitude=Decimal("102.050000"), doc_prefix="นม ๗๓๕๐๑",
        ),
    )
    second, _ = Organization.objects.get_or_create(
        slug="thungsawang",
        defaults=dict(
            kind=Organization.Kind.TAMBON_MUNICIPALITY, base_name="ทุ่งสว่าง", subdistrict="ทุ่งสว่าง",
            district="เมืองสมมุติ", province="ขอนแก่น", doc_prefix="ขก ๗๙๙๐๑", thai_digits=False,
        ),
    )
    ctx = DemoContext(main=main, second=second)
    with scope(organization=main):
        for pos, name in enumerate(MAIN_DEPARTMENTS):
            Department.objects.get_or_create(organization=main, name=name, defaults={"position": pos})
        for person in MAIN_PEOPLE:
            _person(ctx, main, *person)
        _results_2565(main)
        _plan_2566(main, ctx)
    with scope(organization=second):
        for pos, name in enumerate(["สำนักปลัดเทศบาล", "กองคลัง", "กองช่าง"]):
            Department.objects.get_or_create(organization=second, name=name, defaults={"position": pos})
        for person in SECOND_PEOPLE:
            _person(ctx, second, *person)
        if not Plan.objects.filter(organization=second, fiscal_year=2567).exists():
            plan = measures.plan_create(organization=second, fiscal_year=2567, acting_user=ctx.users["ts.coordinator"])
            measures.issue_save(
                issue=plan.issues.model(organization=second, plan=plan), acting_user=ctx.users["ts.coordinator"],
                instrument="OIT", title="ข้อมูลการติดต่อ", due_date=dt.date(2024, 3, 31),
                departments=list(Department.objects.filter(organization=second, name="สำนักปลัดเทศบาล")),
                methods=["ปรับปรุงข้อมูลการติดต่อบนเว็บไซต์ให้ครบทั้ง 5 ประเภท"], follow_up=["รายงานผลต่อนายกเทศมนตรี"],
                oit_item=OITItem.objects.get(framework__fiscal_year=2566, code="O5"),
            )
    return ctx
