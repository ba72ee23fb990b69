"""Staff pages: who may read and act, notes, and a missing item turned into one plan issue."""

import pytest

from prongsai.audit.models import AuditEntry
from prongsai.ita.models import OITItem
from prongsai.measures import services as measures_services
from prongsai.measures.models import Issue, Plan
from prongsai.oit.models import OITNote

from .conftest import fake_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def alpha_site(providers):
    providers(fake_provider({"alpha": [
        {"item_code": "O1", "title": "โครงสร้าง", "url": "/alpha/oit/2566/", "published_at": None},
        {"item_code": "O2", "title": "หน้าที่หายไป", "url": "/alpha/gone/", "published_at": None},
    ]}))


def test_every_member_reads_the_self_check_outsiders_get_404_anonymous_goes_to_login(cast, client_for, client, alpha_site):
    assert client.get("/alpha/staff/oit/2566/").status_code == 302
    for user in (cast.alice, cast.bob, cast.carol, cast.victor, cast.admin_a):
        response = client_for(user).get("/alpha/staff/oit/2566/")
        assert response.status_code == 200, user
    html = response.content.decode()
    assert "คะแนน OIT ที่คาดการณ์" in html and "ลิงก์เสีย" in html and "ไม่มีหน้านี้ในเว็บไซต์" in html
    assert client_for(cast.olivia).get("/alpha/staff/oit/2566/").status_code == 404
    assert client_for(cast.alice).get("/alpha/staff/oit/2499/").status_code == 404
    assert client_for(cast.alice).get("/alpha/staff/oit/").status_code == 302


def test_only_coordinators_and_admins_see_the_buttons_and_may_post(cast, client_for, alpha_site):
    viewer = client_for(cast.victor)
    html = viewer.get("/alpha/staff/oit/2566/").content.decode()
    assert "สร้างเป็นประเด็นในแผน" not in html and 'name="text"' not in html
    for user in (cast.victor, cast.bob, cast.carol):
        c = client_for(user)
        assert c.post("/alpha/staff/oit/2566/items/O5/issue/").status_code == 403
        assert c.post("/alpha/staff/oit/2566/items/O5/note/", {"text": "x"}).status_code == 403
    assert not Issue.objects.exists() and not OITNote.objects.exists()
    html = client_for(cast.alice).get("/alpha/staff/oit/2566/").content.decode()
    assert "สร้างเป็นประเด็นในแผน" in html


def test_a_note_is_saved_for_the_organization_audited_and_shown_publicly(cast, client_for, client, alpha_site):
    response = client_for(cast.alice).post("/alpha/staff/oit/2566/items/O1/note/", {"text": "  ดูแผนผังทั้งสองฝ่าย\x00 "})
    assert response.status_code == 302 and response["Location"].endswith("/alpha/staff/oit/2566/#O1")
    note = OITNote.objects.get()
    assert note.organization == cast.org_a and note.text == "ดูแผนผังทั้งสองฝ่าย" and note.updated_by == cast.alice
    assert AuditEntry.objects.filter(action="oit.note", organization=cast.org_a).count() == 1
    assert "ดูแผนผังทั้งสองฝ่าย" in client.get("/alpha/oit/2566/").content.decode()
    assert "ดูแผนผังทั้งสองฝ่าย" not in client.get("/beta/oit/2566/").content.decode()
    # the outsider cannot write alpha's note
    assert client_for(cast.olivia).post("/alpha/staff/oit/2566/items/O1/note/", {"text": "x"}).status_code == 404


def test_a_too_long_note_is_refused_in_thai_and_nothing_changes(cast, client_for, alpha_site):
    c = client_for(cast.alice)
    response = c.post("/alpha/staff/oit/2566/items/O1/note/", {"text": "ก" * 1001}, follow=True)
    assert "ไม่เกิน 1000 ตัวอักษร" in response.content.decode() and not OITNote.objects.exists()
    assert c.post("/alpha/staff/oit/2566/items/O99/note/", {"text": "x"}).status_code == 404
    assert c.post("/alpha/staff/oit/2499/items/O1/note/", {"text": "x"}).status_code == 404


def test_one_click_makes_the_next_plan_and_exactly_one_issue(cast, client_for, alpha_site):
    c = client_for(cast.alice)
    assert not Plan.objects.filter(organization=cast.org_a, fiscal_year=2567).exists()
    first = c.post("/alpha/staff/oit/2566/items/O21/issue/", follow=True)
    second = c.post("/alpha/staff/oit/2566/items/O21/issue/", follow=True)
    plan = Plan.objects.get(organization=cast.org_a, fiscal_year=2567)
    assert plan.answers_framework.fiscal_year == 2566
    issue = Issue.objects.get(plan=plan)
    assert issue.instrument == "OIT" and issue.oit_item == OITItem.objects.get(framework__fiscal_year=2566, code="O21")
    assert issue.title == "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน"
    assert list(issue.departments.all()) == [cast.finance_a]  # procurement → กองคลัง
    assert issue.methods.count() == 1 and issue.due_date == plan.bounds[1]
    assert "เพิ่มประเด็น" in first.content.decode() and "มีประเด็น" in second.content.decode()
    assert "มีประเด็นในแผนปี" in second.content.decode()  # the button is replaced
    assert AuditEntry.objects.filter(action="issue.create").count() == 1
    assert not Plan.objects.filter(organization=cast.org_b).exists()


def test_the_issue_goes_into_an_existing_plan_matched_by_title(cast, client_for, alpha_site):
    plan = measures_services.plan_create(organization=cast.org_a, fiscal_year=2567, acting_user=cast.alice,
                                         answers_year=2566)
    client_for(cast.admin_a).post("/alpha/staff/oit/2566/items/O5/issue/")
    client_for(cast.admin_a).post("/alpha/staff/oit/2566/items/O5/issue/")
    assert list(Issue.objects.values_list("plan_id", "oit_item__code")) == [(plan.id, "O5")]
