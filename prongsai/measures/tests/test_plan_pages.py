"""Plan editing pages: creation (empty, copy, templates), issue form validation, reordering,
roles, tenancy and the audit trail."""

import datetime as dt

import pytest

from prongsai.audit.models import AuditEntry
from prongsai.ita.models import Indicator
from prongsai.measures.models import Issue, Method, Plan

from .conftest import add_issue, issue

pytestmark = pytest.mark.django_db


def issue_post(cast, **overrides):
    data = {
        "instrument": "IIT", "title": "การเปิดเผยข้อมูล", "methods": "๑. ทำแผนผัง\n2) ประชุมชี้แจง\n\n",
        "departments": [cast.office_a.pk, cast.finance_a.pk], "due_date": "2023-03-31", "follow_up": "รายงานผู้บริหาร",
        "indicator": "", "oit_item": "",
    }
    data.update(overrides)
    return data


# --- plan creation ----------------------------------------------------------------------------


def test_coordinator_creates_an_empty_plan_with_default_rounds(client_for, cast):
    response = client_for(cast.alice).post("/alpha/staff/plans/new/", {"fiscal_year": "๒๕๖๗", "source": "empty"})
    assert response.status_code == 302
    plan = Plan.objects.get(organization=cast.org_a, fiscal_year=2567)
    assert plan.answers_framework.fiscal_year == 2566
    assert [(r.months, r.period_end) for r in plan.rounds.all()] == [(6, dt.date(2024, 3, 31)), (12, dt.date(2024, 9, 30))]
    assert AuditEntry.objects.filter(organization=cast.org_a, action="plan.create", target_id=str(plan.pk)).exists()


def test_plan_copied_from_last_year_shifts_due_dates_and_keeps_order(client_for, cast, plan_a):
    response = client_for(cast.alice).post("/alpha/staff/plans/new/", {"fiscal_year": "2567", "source": "copy"})
    assert response.status_code == 302
    new = Plan.objects.get(organization=cast.org_a, fiscal_year=2567)
    titles = [(i.title, i.due_date, [m.text for m in i.methods.all()]) for i in new.issues.order_by("position")]
    assert titles[0] == ("การใช้จ่ายงบประมาณ", dt.date(2024, 3, 31), ["สรุปผลการใช้จ่าย", "เผยแพร่แผนจัดซื้อ", "รายงานสภา"])
    assert [i.department_names for i in new.issues.order_by("position")] == [["กองคลัง"], ["สำนักปลัด"]]


def test_copy_without_last_years_plan_is_refused_in_thai(client_for, cast):
    response = client_for(cast.alice).post("/alpha/staff/plans/new/", {"fiscal_year": "2567", "source": "copy"})
    assert response.status_code == 400
    assert "ไม่มีแผนของปีงบประมาณ 2566 ให้คัดลอก" in response.content.decode()
    assert not Plan.objects.filter(organization=cast.org_a).exists()


def test_plan_from_templates_fills_the_placeholders(client_for, cast):
    from prongsai.measures.templates_library import all_templates

    budget = next(t for t in all_templates() if t["title"] == "การใช้จ่ายงบประมาณ")
    response = client_for(cast.alice).post("/alpha/staff/plans/new/", {
        "fiscal_year": "2566", "source": "templates", "templates": [budget["key"]]})
    assert response.status_code == 302
    plan = Plan.objects.get(organization=cast.org_a, fiscal_year=2566)
    created = plan.issues.get()
    assert created.department_names == ["กองคลัง"]
    assert created.indicator.number == 2 and created.indicator.framework.fiscal_year == 2565
    assert "เว็บไซต์ของ อบต.อัลฟา" in created.methods.first().text
    assert "{หน่วยงาน}" not in " ".join(m.text for m in created.methods.all())


def test_templates_source_needs_a_template(client_for, cast):
    response = client_for(cast.alice).post("/alpha/staff/plans/new/", {"fiscal_year": "2566", "source": "templates"})
    assert response.status_code == 400 and "เลือกแม่แบบอย่างน้อยหนึ่งประเด็น" in response.content.decode()


def test_bad_year_is_refused_in_thai(client_for, cast):
    response = client_for(cast.alice).post("/alpha/staff/plans/new/", {"fiscal_year": "abc", "source": "empty"})
    assert response.status_code == 400 and "ปี พ.ศ. ๔ หลัก" in response.content.decode()


# --- issue form -------------------------------------------------------------------------------


def test_issue_is_created_with_generated_numbering_and_audited(client_for, cast, plan_a):
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/issues/new/", issue_post(cast))
    assert response.status_code == 302
    created = issue(plan_a, "การเปิดเผยข้อมูล")
    assert [m.text for m in created.methods.all()] == ["ทำแผนผัง", "ประชุมชี้แจง"]
    assert created.position == 2
    assert sorted(created.department_names) == ["กองคลัง", "สำนักปลัด"]
    entry = AuditEntry.objects.get(action="issue.create", target_id=str(created.pk))
    assert entry.actor == cast.alice and entry.changes["title"] == [None, "การเปิดเผยข้อมูล"]


def test_due_date_outside_the_fiscal_year_is_refused(client_for, cast, plan_a):
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/issues/new/", issue_post(cast, due_date="2023-10-01"))
    assert response.status_code == 400
    assert "ต้องอยู่ในปีงบประมาณ พ.ศ. 2566" in response.content.decode()
    assert not Issue.objects.filter(title="การเปิดเผยข้อมูล").exists()
    # a Buddhist-era date typed with Thai digits inside the year is fine
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/issues/new/", issue_post(cast, due_date="๓๐/๙/๒๕๖๖"))
    assert response.status_code == 302
    assert issue(plan_a, "การเปิดเผยข้อมูล").due_date == dt.date(2023, 9, 30)


def test_issue_without_a_department_is_refused(client_for, cast, plan_a):
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/issues/new/", issue_post(cast, departments=[]))
    assert response.status_code == 400
    assert "เลือกผู้รับผิดชอบอย่างน้อยหนึ่งส่วนราชการ" in response.content.decode()
    assert not Issue.objects.filter(title="การเปิดเผยข้อมูล").exists()


def test_a_department_of_another_organization_is_refused(client_for, cast, plan_a):
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/issues/new/",
                                           issue_post(cast, departments=[cast.office_b.pk]))
    assert response.status_code == 400
    assert "ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้" in response.content.decode()
    # mixed with an own department: still refused, nothing stored
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/issues/new/",
                                           issue_post(cast, departments=[cast.office_a.pk, cast.office_b.pk]))
    assert response.status_code == 400
    assert not Issue.objects.filter(title="การเปิดเผยข้อมูล").exists()


def test_indicator_of_another_framework_or_instrument_is_refused(client_for, cast, plan_a):
    other_year = Indicator.objects.get(framework__fiscal_year=2566, number=1)
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/issues/new/", issue_post(cast, indicator=other_year.pk))
    assert response.status_code == 400 and "ไม่มีในกรอบการประเมินที่แผนนี้ตอบ" in response.content.decode()
    eit = Indicator.objects.get(framework__fiscal_year=2565, number=6)
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/issues/new/", issue_post(cast, indicator=eit.pk))
    assert response.status_code == 400 and "ไม่อยู่ในเครื่องมือ IIT" in response.content.decode()


def test_html_in_text_is_shown_escaped(client_for, cast, plan_a):
    client = client_for(cast.alice)
    client.post("/alpha/staff/plans/2566/issues/new/", issue_post(cast, title="<script>alert(1)</script>",
                                                                    methods="<b>ตัวหนา</b>"))
    body = client.get("/alpha/staff/plans/2566/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<b>ตัวหนา</b>" not in body and "&lt;b&gt;ตัวหนา&lt;/b&gt;" in body


@pytest.mark.parametrize("field", ["title", "methods", "follow_up"])
def test_nul_characters_are_refused_without_a_server_error(client_for, cast, plan_a, field):
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/issues/new/",
                                           issue_post(cast, **{field: "ข้อความ\x00มี NUL"}))
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert not Issue.objects.filter(title="การเปิดเผยข้อมูล").exists()


def test_over_long_title_is_refused(client_for, cast, plan_a):
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/issues/new/", issue_post(cast, title="ก" * 301))
    assert response.status_code == 400 and "ยาวเกิน 300 ตัวอักษร" in response.content.decode()


def test_editing_an_issue_records_old_and_new(client_for, cast, plan_a):
    target = issue(plan_a, "การใช้อำนาจ")
    client = client_for(cast.alice)
    assert client.get(f"/alpha/staff/plans/2566/issues/{target.pk}/edit/").status_code == 200
    response = client.post(f"/alpha/staff/plans/2566/issues/{target.pk}/edit/",
                           issue_post(cast, title="การใช้อำนาจอย่างเป็นธรรม", departments=[cast.office_a.pk],
                                      due_date="2023-06-30"))
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="issue.update", target_id=str(target.pk)).latest("id")
    assert entry.changes["title"] == ["การใช้อำนาจ", "การใช้อำนาจอย่างเป็นธรรม"]
    assert entry.changes["due_date"] == ["2023-03-31", "2023-06-30"]
    page = client.get(f"/alpha/staff/audit/?issue={target.pk}").content.decode()
    assert "การใช้อำนาจอย่างเป็นธรรม" in page and "2023-03-31" in page


def test_deleting_an_issue_renumbers_and_audits(client_for, cast, plan_a):
    first = issue(plan_a, "การใช้จ่ายงบประมาณ")
    client = client_for(cast.alice)
    assert client.get(f"/alpha/staff/plans/2566/issues/{first.pk}/delete/").status_code == 200
    assert client.post(f"/alpha/staff/plans/2566/issues/{first.pk}/delete/").status_code == 302
    assert list(plan_a.issues.values_list("title", "position")) == [("การใช้อำนาจ", 0)]
    assert AuditEntry.objects.filter(action="issue.delete", target_id=str(first.pk)).exists()


# --- reordering -------------------------------------------------------------------------------


def test_issues_move_up_and_down_without_javascript(client_for, cast, plan_a):
    second = issue(plan_a, "การใช้อำนาจ")
    client = client_for(cast.alice)
    response = client.post(f"/alpha/staff/plans/2566/issues/{second.pk}/move/", {"direction": "up"})
    assert response.status_code == 302 and response["Location"].endswith(f"#issue-{second.pk}")
    assert [i.title for i in plan_a.issues.order_by("position")] == ["การใช้อำนาจ", "การใช้จ่ายงบประมาณ"]
    # moving the first one up again changes nothing
    client.post(f"/alpha/staff/plans/2566/issues/{second.pk}/move/", {"direction": "up"})
    assert [i.title for i in plan_a.issues.order_by("position")] == ["การใช้อำนาจ", "การใช้จ่ายงบประมาณ"]
    body = client.get("/alpha/staff/plans/2566/").content.decode()
    assert body.index("การใช้อำนาจ") < body.index("การใช้จ่ายงบประมาณ")
    assert AuditEntry.objects.filter(action="issue.move", target_id=str(second.pk)).exists()


def test_methods_move_and_keep_generated_numbers(client_for, cast, plan_a):
    budget = issue(plan_a, "การใช้จ่ายงบประมาณ")
    client = client_for(cast.alice)
    assert client.post(f"/alpha/staff/plans/2566/issues/{budget.pk}/methods/3/move/", {"direction": "up"}).status_code == 302
    assert [m.text for m in budget.methods.all()] == ["สรุปผลการใช้จ่าย", "รายงานสภา", "เผยแพร่แผนจัดซื้อ"]
    assert list(Method.objects.filter(issue=budget).values_list("position", flat=True)) == [0, 1, 2]
    client.post(f"/alpha/staff/plans/2566/issues/{budget.pk}/methods/1/move/", {"direction": "down"})
    assert [m.text for m in budget.methods.all()] == ["รายงานสภา", "สรุปผลการใช้จ่าย", "เผยแพร่แผนจัดซื้อ"]
    assert client.post(f"/alpha/staff/plans/2566/issues/{budget.pk}/methods/1/move/", {"direction": "sideways"}).status_code == 404


def test_unanswered_flagged_indicators_panel(client_for, cast, plan_a):
    from prongsai.ita import services as ita

    fw = plan_a.answers_framework
    ind = {i.number: i for i in Indicator.objects.filter(framework=fw)}
    ita.result_save(organization=cast.org_a, framework=fw, acting_user=cast.alice,
                    scores={i.id: "90" for i in ind.values()} | {ind[2].id: "70", ind[5].id: "60"})
    plan_a.issues.filter(title="การใช้จ่ายงบประมาณ").update(indicator=ind[2])
    body = client_for(cast.alice).get("/alpha/staff/plans/2566/").content.decode()
    panel = body[body.index("unanswered-h"):body.index('id="h-IIT"')]
    assert ind[5].title_th in panel and ind[2].title_th not in panel
    assert f"?indicator={ind[5].pk}" in panel


# --- roles and tenancy ------------------------------------------------------------------------


def test_only_coordinators_and_admins_edit_plans(client_for, cast, plan_a):
    target = issue(plan_a, "การใช้อำนาจ")
    for user in (cast.bob, cast.carol, cast.victor):
        client = client_for(user)
        assert client.get("/alpha/staff/plans/2566/").status_code == 200
        assert client.get("/alpha/staff/plans/new/").status_code == 403
        assert client.post("/alpha/staff/plans/2566/issues/new/", issue_post(cast)).status_code == 403
        assert client.post(f"/alpha/staff/plans/2566/issues/{target.pk}/move/", {"direction": "up"}).status_code == 403
        assert client.post(f"/alpha/staff/plans/2566/issues/{target.pk}/delete/").status_code == 403
        assert client.get("/alpha/staff/audit/").status_code == 403
    assert client_for(cast.admin_a).get("/alpha/staff/plans/2566/issues/new/").status_code == 200


def test_an_outsider_gets_404_on_every_route(client_for, cast, plan_a, plan_b):
    target = issue(plan_a, "การใช้อำนาจ")
    result = target.round_results.get(round__number=1)
    from prongsai.measures.services import evidence_add

    ev = evidence_add(result=result, acting_user=cast.alice, title="ลิงก์", url="https://example.com/a")
    client = client_for(cast.olivia)
    gets = ["/alpha/staff/", "/alpha/staff/plans/", "/alpha/staff/plans/new/", "/alpha/staff/plans/2566/",
            "/alpha/staff/plans/2566/issues/new/", f"/alpha/staff/plans/2566/issues/{target.pk}/edit/",
            f"/alpha/staff/plans/2566/issues/{target.pk}/delete/", "/alpha/staff/plans/2566/rounds/",
            "/alpha/staff/plans/2566/rounds/new/", "/alpha/staff/plans/2566/rounds/1/",
            "/alpha/staff/plans/2566/rounds/1/edit/", "/alpha/staff/plans/2566/rounds/1/delete/",
            f"/alpha/staff/plans/2566/rounds/1/issues/{target.pk}/", f"/alpha/staff/evidence/{ev.pk}/",
            "/alpha/staff/audit/"]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [f"/alpha/staff/plans/2566/issues/{target.pk}/move/", f"/alpha/staff/plans/2566/issues/{target.pk}/methods/1/move/",
             "/alpha/staff/plans/2566/rounds/defaults/", f"/alpha/staff/plans/2566/rounds/1/issues/{target.pk}/evidence/",
             f"/alpha/staff/evidence/{ev.pk}/delete/"]
    for url in posts:
        assert client.post(url, {"direction": "up"}).status_code == 404, url
    # Through her own organization's URLs A's objects do not exist either.
    for url in [f"/beta/staff/plans/2566/issues/{target.pk}/edit/", f"/beta/staff/plans/2566/rounds/1/issues/{target.pk}/",
                f"/beta/staff/evidence/{ev.pk}/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/beta/staff/evidence/{ev.pk}/delete/").status_code == 404
    assert client.post(f"/beta/staff/plans/2566/issues/{target.pk}/move/", {"direction": "up"}).status_code == 404
    # and her audit page does not show A's entries
    assert "การใช้อำนาจ" not in client.get(f"/beta/staff/audit/?issue={target.pk}").content.decode()


def test_audit_page_filters_and_paginates(client_for, cast, plan_a):
    client = client_for(cast.alice)
    for n in range(55):
        add_issue(plan_a, cast.alice, title=f"ประเด็นที่ {n}", departments=[cast.office_a])
    page1 = client.get("/alpha/staff/audit/?kind=issue").content.decode()
    assert "หน้า ๑ / ๒" in page1
    page2 = client.get("/alpha/staff/audit/?kind=issue&page=2").content.decode()
    assert "การใช้จ่ายงบประมาณ" in page2
    only_plan = client.get("/alpha/staff/audit/?kind=plan").content.decode()
    assert "ประเด็นที่ 3" not in only_plan and "plan.create" in only_plan
    by_actor = client.get(f"/alpha/staff/audit/?actor={cast.olivia.pk}").content.decode()
    assert "ประเด็นที่ 3" in by_actor  # an actor of another organization is ignored, not matched


def test_plan_from_a_whole_template_set(client_for, cast):
    from prongsai.measures.templates_library import template_sets

    response = client_for(cast.alice).post("/alpha/staff/plans/new/", {
        "fiscal_year": "2566", "source": "templates", "template_set": "seed-2566"})
    assert response.status_code == 302
    plan = Plan.objects.get(organization=cast.org_a, fiscal_year=2566)
    counts = {code: plan.issues.filter(instrument=code).count() for code in ("IIT", "EIT", "OIT")}
    assert counts == {"IIT": 5, "EIT": 3, "OIT": 9} and len(template_sets()["seed-2566"]["issues"]) == 17
    # organization names in every text are the plan's own
    texts = " ".join(m.text for i in plan.issues.all() for m in i.methods.all())
    assert "อบต.อัลฟา" in texts and "{" not in texts


def test_coordinator_publishes_the_plan_and_the_change_is_audited(client_for, cast, plan_a):
    client = client_for(cast.alice)
    assert client.get("/alpha/staff/plans/2566/settings/").status_code == 200
    response = client.post("/alpha/staff/plans/2566/settings/", {"status": "published", "meeting_date": "4/1/2566"})
    assert response.status_code == 302
    plan_a.refresh_from_db()
    assert plan_a.status == "published" and plan_a.meeting_date == dt.date(2023, 1, 4)
    entry = AuditEntry.objects.filter(action="plan.update", target_id=str(plan_a.pk)).latest("id")
    assert entry.changes["status"] == ["draft", "published"]
    assert client.post("/alpha/staff/plans/2566/settings/", {"status": "gone"}).status_code == 400
    assert client_for(cast.victor).post("/alpha/staff/plans/2566/settings/", {"status": "draft"}).status_code == 403
    assert client_for(cast.olivia).get("/alpha/staff/plans/2566/settings/").status_code == 404
    plan_a.refresh_from_db()
    assert plan_a.status == "published"


def test_oit_items_scored_zero_without_an_issue_are_listed(client_for, cast, plan_a):
    from prongsai.ita import services as ita
    from prongsai.ita.models import OITItem

    fw = plan_a.answers_framework
    failed = list(OITItem.objects.filter(framework=fw).order_by("position")[:2])
    ita.result_save(organization=cast.org_a, framework=fw, acting_user=cast.alice, scores={},
                    oit_scores={failed[0].id: 0, failed[1].id: 0})
    client = client_for(cast.alice)
    client.post("/alpha/staff/plans/2566/issues/new/", issue_post(cast, instrument="OIT", oit_item=failed[0].pk))
    body = client.get("/alpha/staff/plans/2566/").content.decode()
    panel = body[body.index("unanswered-h"):body.index('id="h-IIT"')]
    assert f"?oit_item={failed[1].pk}" in panel and f"?oit_item={failed[0].pk}" not in panel
    form = client.get(f"/alpha/staff/plans/2566/issues/new/?oit_item={failed[1].pk}").context["form"]
    assert form.initial["instrument"] == "OIT" and form.initial["oit_item"] == failed[1].pk
