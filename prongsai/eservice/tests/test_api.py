"""The e-service JSON API: submit with Idempotency-Key, status by code, survey answers, tenancy."""

import pytest

from prongsai.eservice.models import ServiceRequest
from prongsai.satisfaction.models import SatisfactionSurvey, SurveyResponse

pytestmark = pytest.mark.django_db


def post(client, path, data, key=None, org="alpha"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(f"/api/v1/orgs/{org}/{path}", data, content_type="application/json", **headers)


def body(world, **data):
    d = {"name": "สมชาย", "national_id": "1101700230708", "phone": "081 234 5678", "details": "ขอข้อมูล"}
    d.update(data)
    return {"request_type": world.type_a.pk, "data": d}


def test_same_key_same_receipt_one_record(world, client):
    first = post(client, "eservice/requests", body(world), key="uuid-1")
    second = post(client, "eservice/requests", body(world), key="uuid-1")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["code"] == second.json()["code"]
    assert ServiceRequest.objects.count() == 1
    assert post(client, "eservice/requests", body(world, details="อื่น"), key="uuid-1").status_code == 409
    assert post(client, "eservice/requests", body(world), key="ไทย").status_code == 400


def test_errors_in_thai_name_the_field(world, client):
    r = post(client, "eservice/requests", body(world, national_id="1234567890123", name=""))
    assert r.status_code == 400
    errors = r.json()["errors"]
    assert "เลขประจำตัวประชาชน" in errors["national_id"][0] and "กรุณากรอก" in errors["name"][0]
    assert not ServiceRequest.objects.exists()


def test_other_organizations_type_is_refused(world, client):
    r = post(client, "eservice/requests", {"request_type": world.type_b.pk, "data": {"name": "x"}})
    assert r.status_code == 400 and not ServiceRequest.objects.exists()


def test_status_by_code_and_not_across_organizations(world, client):
    code = post(client, "eservice/requests", body(world), key="k").json()["code"]
    r = client.get(f"/api/v1/orgs/alpha/eservice/requests/status?code={code.lower()}")
    assert r.status_code == 200 and r.json()["status"] == "received" and r.json()["updates"][0]["status"] == "received"
    assert client.get(f"/api/v1/orgs/beta/eservice/requests/status?code={code}").status_code == 404
    assert client.get("/api/v1/orgs/alpha/eservice/requests/status?code=NOPE").status_code == 404


def test_survey_answer_is_idempotent(world, client):
    survey = SatisfactionSurvey.objects.create(organization=world.org_a, service=world.svc_a, title="s")
    a = post(client, "satisfaction/answers", {"survey": survey.pk, "score": 5, "comment": "ดี"}, key="a1")
    b = post(client, "satisfaction/answers", {"survey": survey.pk, "score": 5, "comment": "ดี"}, key="a1")
    assert a.status_code == 201 and b.status_code == 200 and SurveyResponse.objects.count() == 1
    assert post(client, "satisfaction/answers", {"survey": survey.pk, "score": 5}, org="beta").status_code == 404
    assert post(client, "satisfaction/answers", {"survey": survey.pk, "score": 7}).status_code in (400, 422)
