"""The public JSON API: submit, track, add evidence, Idempotency-Key, Thai errors, OpenAPI."""

import pytest

from prongsai.complaints.models import Complaint, CorruptionReport, ReportEvidence

pytestmark = pytest.mark.django_db

REPORT = {"category": "procurement", "subject": "ฮั้วประมูล", "details": "ผู้เสนอราคาสามรายเป็นญาติกัน"}


def post(client, path, data, key=None, **extra):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(f"/api/v1/orgs/alpha/{path}", data, content_type="application/json", **headers, **extra)


def test_the_same_idempotency_key_returns_the_same_receipt_and_one_record(cast, client):
    first = post(client, "corruption-reports", REPORT, key="3f1c-uuid-1")
    second = post(client, "corruption-reports", REPORT, key="3f1c-uuid-1")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["code"] == second.json()["code"] and first.json()["secret"] == second.json()["secret"]
    assert CorruptionReport.objects.count() == 1


def test_the_same_key_with_other_content_is_a_conflict(cast, client):
    post(client, "corruption-reports", REPORT, key="k-1")
    response = post(client, "corruption-reports", {**REPORT, "details": "อื่น"}, key="k-1")
    assert response.status_code == 409 and CorruptionReport.objects.count() == 1


def test_without_a_key_each_call_is_a_new_report(cast, client):
    post(client, "corruption-reports", REPORT)
    post(client, "corruption-reports", REPORT)
    assert CorruptionReport.objects.count() == 2


def test_errors_are_in_thai_and_name_the_field(cast, client):
    response = post(client, "complaints", {"category": "service", "subject": "", "details": "x\u0000y", "name": "ก",
                                           "phone": "12"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) >= {"subject", "details", "phone"} and "กรุณากรอก" in errors["subject"][0]
    assert not Complaint.objects.exists()


def test_a_bad_idempotency_key_is_refused(cast, client):
    assert post(client, "corruption-reports", REPORT, key="ไทย").status_code == 400
    assert post(client, "corruption-reports", REPORT, key="x" * 101).status_code == 400
    assert not CorruptionReport.objects.exists()


def test_track_answers_the_same_for_unknown_and_wrong(cast, client):
    receipt = post(client, "corruption-reports", REPORT).json()
    good = post(client, "corruption-reports/track", {"code": receipt["code"], "secret": receipt["secret"]})
    wrong = post(client, "corruption-reports/track", {"code": receipt["code"], "secret": "X"})
    unknown = post(client, "corruption-reports/track", {"code": "RNOPE", "secret": "X"})
    assert good.status_code == 200 and good.json()["status"] == "received"
    assert wrong.status_code == unknown.status_code == 404 and wrong.json() == unknown.json()


def test_evidence_through_the_api_is_idempotent(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    receipt = post(client, "corruption-reports", REPORT).json()
    png = _png()
    for expected in (201, 200):
        response = client.post("/api/v1/orgs/alpha/corruption-reports/evidence",
                               {"code": receipt["code"], "secret": receipt["secret"],
                                "file": SimpleUploadedFile("a.png", png, content_type="image/png")},
                               HTTP_IDEMPOTENCY_KEY="ev-1")
        assert response.status_code == expected
    assert ReportEvidence.objects.count() == 1
    bad = client.post("/api/v1/orgs/alpha/corruption-reports/evidence",
                      {"code": receipt["code"], "secret": "WRONG", "file": SimpleUploadedFile("a.png", png)})
    assert bad.status_code == 404


def test_complaints_through_the_api_are_tracked_by_their_own_channel(cast, client):
    receipt = post(client, "complaints", {"category": "service", "subject": "ถนนชำรุด", "details": "หลุมใหญ่",
                                          "name": "สมชาย", "phone": "081 111 1111"}).json()
    assert post(client, "complaints/track", {"code": receipt["code"], "secret": receipt["secret"]}).status_code == 200
    # A complaint code is unknown to the corruption channel and vice versa.
    assert post(client, "corruption-reports/track", {"code": receipt["code"], "secret": receipt["secret"]}).status_code == 404


def test_an_unknown_organization_is_404(cast, client):
    response = client.post("/api/v1/orgs/nowhere/corruption-reports", REPORT, content_type="application/json")
    assert response.status_code == 404


def test_the_endpoints_are_documented_in_openapi(cast, client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert "/api/v1/orgs/{org_slug}/corruption-reports" in paths
    params = paths["/api/v1/orgs/{org_slug}/corruption-reports"]["post"]["parameters"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in params)


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (10, 10), "blue").save(buf, format="PNG")
    return buf.getvalue()
