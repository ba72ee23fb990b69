"""The read-only JSON API of plans (and the publish switch that decides who may read them)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from prongsai.audit.models import AuditEntry
from prongsai.measures import services
from prongsai.measures.models import Plan

pytestmark = pytest.mark.django_db

ISSUE_FIELDS = {"number", "instrument", "indicator", "oit_item", "title", "methods", "responsible_departments",
                "due_date", "follow_up", "rounds"}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_plan_2566_has_17_issues_with_every_field(demo, client):
    response = client.get("/api/v1/organizations/kampang/plans/2566/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    plan = response.json()
    assert plan["organization"] == "kampang" and plan["fiscal_year"] == 2566 and plan["answers_year"] == 2565
    issues = plan["issues"]
    assert len(issues) == 17
    assert [i["instrument"] for i in issues] == ["IIT"] * 5 + ["EIT"] * 3 + ["OIT"] * 9
    assert [i["number"] for i in issues] == [1, 2, 3, 4, 5, 1, 2, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    for issue in issues:
        assert set(issue) == ISSUE_FIELDS
        assert issue["title"] and issue["methods"] and all(isinstance(m, str) and m for m in issue["methods"])
        assert issue["responsible_departments"] and all(isinstance(d, str) for d in issue["responsible_departments"])
        assert dt.date.fromisoformat(issue["due_date"])
        assert dt.date(2022, 10, 1) <= dt.date.fromisoformat(issue["due_date"]) <= dt.date(2023, 9, 30)
        assert all(isinstance(f, str) for f in issue["follow_up"])
        assert [r["name"] for r in issue["rounds"]] == ["รอบ 6 เดือน", "รอบ 12 เดือน"]
        first = issue["rounds"][0]
        assert first["status"] == "done" and first["result"] and first["result_items"]
        assert issue["rounds"][1]["status"] == "not_started" and issue["rounds"][1]["result"] == ""
    assert {i["oit_item"] for i in issues if i["instrument"] == "OIT"} >= {"O5"}
    budget = next(i for i in issues if i["responsible_departments"] == ["กองคลัง"])
    assert budget["instrument"] == "IIT"


def test_listing_and_the_organization_endpoints(demo, client):
    orgs = client.get("/api/v1/organizations/").json()
    assert [o["slug"] for o in orgs] == ["kampang", "thungsawang"]
    kampang = orgs[0]
    assert kampang == {"slug": "kampang", "name": "องค์การบริหารส่วนตำบลกำปัง", "short_name": "อบต.กำปัง",
                       "kind": "sao", "kind_label": "องค์การบริหารส่วนตำบล (อบต.)", "province": "นครราชสีมา",
                       "district": "โนนไทย"}
    detail = client.get("/api/v1/organizations/kampang/").json()
    assert detail["plans_url"] == "/api/v1/organizations/kampang/plans/" and detail["postcode"] == "30220"
    plans = client.get("/api/v1/organizations/kampang/plans/").json()
    assert plans == [{"fiscal_year": 2566, "answers_year": 2565, "published": True, "issue_count": 17,
                      "url": "/api/v1/organizations/kampang/plans/2566/"}]


@pytest.mark.parametrize("path", [
    "/api/v1/organizations/nope/", "/api/v1/organizations/nope/plans/", "/api/v1/organizations/nope/plans/2566/",
    "/api/v1/organizations/alpha/plans/2599/", "/api/v1/frameworks/2400/",
])
def test_unknown_slug_or_year_is_a_json_404(cast, client, path):
    response = client.get(path)
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith("ไม่พบ")


def test_a_deactivated_organization_is_404(cast, client):
    cast.org_b.is_active = False
    cast.org_b.save()
    assert client.get("/api/v1/organizations/beta/").status_code == 404
    assert [o["slug"] for o in client.get("/api/v1/organizations/").json()] == ["alpha"]


@pytest.fixture
def draft(cast):
    plan = services.plan_create(organization=cast.org_a, fiscal_year=2566, acting_user=cast.alice)
    services.issue_save(issue=plan.issues.model(organization=cast.org_a, plan=plan), acting_user=cast.alice,
                        instrument="EIT", title="การเผยแพร่ข้อมูล", due_date=dt.date(2023, 3, 31),
                        departments=[cast.office_a], methods=["ประชาสัมพันธ์", "จัดทำป้าย"],
                        follow_up=["รายงานผล"])
    return plan


def test_a_draft_is_404_to_the_public_and_to_other_organizations(draft, cast, client, client_for):
    url = "/api/v1/organizations/alpha/plans/2566/"
    missing = client.get("/api/v1/organizations/alpha/plans/2599/").json()["detail"]
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/organizations/alpha/plans/").json() == []
    outsider = client_for(cast.olivia)
    assert outsider.get(url).status_code == 404
    assert outsider.get(url).json()["detail"] == missing.replace("2599", "2566")  # same answer as a missing year
    assert outsider.get("/api/v1/organizations/alpha/plans/").json() == []


def test_a_draft_is_readable_by_every_member_of_its_organization(draft, cast, client_for):
    for user in (cast.alice, cast.bob, cast.victor):
        response = client_for(user).get("/api/v1/organizations/alpha/plans/2566/")
        assert response.status_code == 200
        body = response.json()
        assert body["published"] is False
        assert body["issues"][0]["methods"] == ["ประชาสัมพันธ์", "จัดทำป้าย"]
    assert client_for(cast.alice).get("/api/v1/organizations/alpha/plans/").json()[0]["published"] is False


def test_the_coordinator_publishes_and_withdraws_the_plan(draft, cast, client, client_for):
    url = "/api/v1/organizations/alpha/plans/2566/"
    coordinator = client_for(cast.alice)
    page = coordinator.get("/alpha/staff/plans/2566/").content.decode()
    assert "/alpha/staff/plans/2566/publish/" in page and "เผยแพร่แผน" in page
    assert coordinator.post("/alpha/staff/plans/2566/publish/", {"publish": "1"}).status_code == 302
    assert Plan.objects.get(pk=draft.pk).status == Plan.Status.PUBLISHED
    coordinator.post("/accounts/logout/")
    assert client.get(url).status_code == 200 and client.get(url).json()["published"] is True
    entry = AuditEntry.objects.filter(action="plan.update").latest("id")
    assert entry.changes["status"] == ["draft", "published"] and entry.actor == cast.alice
    client_for(cast.alice).post("/alpha/staff/plans/2566/publish/", {"publish": "0"})
    client.post("/accounts/logout/")
    assert client.get(url).status_code == 404


def test_only_plan_managers_may_publish(draft, cast, client_for):
    for user in (cast.bob, cast.carol, cast.victor):
        assert client_for(user).post("/alpha/staff/plans/2566/publish/", {"publish": "1"}).status_code == 403
    assert client_for(cast.olivia).post("/alpha/staff/plans/2566/publish/", {"publish": "1"}).status_code == 404
    assert client_for(cast.admin_a).get("/alpha/staff/plans/2566/publish/").status_code == 405
    assert Plan.objects.get(pk=draft.pk).status == Plan.Status.DRAFT
    assert "/publish/" not in client_for(cast.bob).get("/alpha/staff/plans/2566/").content.decode()


def test_frameworks(cast, client):
    years = [f["fiscal_year"] for f in client.get("/api/v1/frameworks/").json()]
    assert years == [2565, 2566, 2567]
    fw = client.get("/api/v1/frameworks/2566/").json()
    assert [(i["code"], i["weight"]) for i in fw["instruments"]] == [("IIT", 30.0), ("EIT", 30.0), ("OIT", 40.0)]
    assert sum(len(i["indicators"]) for i in fw["instruments"]) == 10
    assert fw["pass_mark"] == 85.0
    codes = [o["code"] for o in fw["oit_items"]]
    assert codes[0] == "O1" and len(codes) == len(set(codes)) >= 40
    o1 = fw["oit_items"][0]
    assert o1["title_th"] and o1["indicator"] == 9 and o1["components"] and o1["components_known"] is True
    assert fw["bands"][0]["label"] == "ผ่านดีเยี่ยม" and fw["bands"][-1]["min_total"] == 0


def test_the_openapi_schema_documents_the_read_endpoints(cast, client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/v1/organizations/", "/api/v1/organizations/{slug}/", "/api/v1/frameworks/",
                 "/api/v1/frameworks/{year}/", "/api/v1/organizations/{slug}/plans/",
                 "/api/v1/organizations/{slug}/plans/{fiscal_year}/"):
        assert "get" in paths[path], path
        assert "200" in paths[path]["get"]["responses"]
    plan_schema = paths["/api/v1/organizations/{slug}/plans/{fiscal_year}/"]["get"]["responses"]["200"]
    assert plan_schema["content"]["application/json"]["schema"]["$ref"].endswith("/PlanOut")
    issue = schema["components"]["schemas"]["IssueOut"]["properties"]
    assert {"instrument", "title", "methods", "responsible_departments", "due_date", "follow_up", "rounds"} <= set(issue)
    assert issue["due_date"]["format"] == "date"
    assert "404" in paths["/api/v1/organizations/{slug}/plans/{fiscal_year}/"]["get"]["responses"]
