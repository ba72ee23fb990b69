import datetime as dt

import pytest

from prongsai.measures import services
from prongsai.measures.models import Issue


def add_issue(plan, user, *, title, departments, instrument="IIT", due=dt.date(2023, 3, 31), methods=None,
              indicator=None):
    return services.issue_save(
        issue=Issue(organization=plan.organization, plan=plan), acting_user=user, instrument=instrument, title=title,
        due_date=due, departments=departments, methods=methods or ["วิธีที่หนึ่ง"], follow_up=["รายงานผล"],
        indicator=indicator)


@pytest.fixture
def plan_a(cast):
    """Plan 2566 of A: a budget issue of กองคลัง and an office issue of สำนักปลัด."""
    plan = services.plan_create(organization=cast.org_a, fiscal_year=2566, acting_user=cast.alice)
    add_issue(plan, cast.alice, title="การใช้จ่ายงบประมาณ", departments=[cast.finance_a],
              methods=["สรุปผลการใช้จ่าย", "เผยแพร่แผนจัดซื้อ", "รายงานสภา"])
    add_issue(plan, cast.alice, title="การใช้อำนาจ", departments=[cast.office_a])
    return plan


@pytest.fixture
def plan_b(cast):
    plan = services.plan_create(organization=cast.org_b, fiscal_year=2566, acting_user=cast.olivia)
    add_issue(plan, cast.olivia, title="ของเบตา", departments=[cast.office_b])
    return plan


def issue(plan, title):
    return Issue.objects.get(plan=plan, title=title)
