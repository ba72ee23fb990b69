"""General complaints: filing, tracking, the staff inbox by department, roles and tenancy."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from prongsai.complaints import services
from prongsai.complaints.models import Complaint

from .conftest import form_token

pytestmark = pytest.mark.django_db


def url(name, org="alpha", **kw):
    return reverse(f"complaints:{name}", kwargs={"org_slug": org, **kw})


def post_complaint(client, **extra):
    data = {"category": "infrastructure", "subject": "ไฟถนนดับ", "details": "ไฟดับสามต้นหน้าโรงเรียน",
            "location": "หมู่ ๓", "name": "สมพร ใจงาม", "phone": "๐๘๑-๒๓๔-๕๖๗๘", "email": "somporn@example.com",
            "website": "", "form_token": form_token()}
    data.update(extra)
    return client.post(url("complaint_new"), data)


def make(org, **extra):
    data = {"category": "service", "subject": "เรื่องทดสอบ", "details": "รายละเอียด", "location": "", "name": "ผู้ร้อง",
            "phone": "0811111111", "email": "", "attachment": None}
    data.update(extra)
    receipt = services.complaint_submit(organization=org, data=data)
    return Complaint.objects.get(organization=org, code=receipt["code"]), receipt


def test_a_citizen_files_a_complaint_with_thai_digits_in_the_phone(cast, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_complaint(client)
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.phone == "0812345678" and complaint.status == "received"
    assert len(mail.outbox) == 1 and complaint.code in mail.outbox[0].subject.replace("-", "")
    codes = re.findall(r'class="code">([A-Z0-9-]+)<', response.content.decode())
    assert codes[1].replace("-", "") not in mail.outbox[0].body  # the secret never goes by e-mail


def test_a_complaint_needs_a_way_to_reply(cast, client):
    response = post_complaint(client, phone="", email="")
    assert response.status_code == 400 and "อย่างน้อยหนึ่งช่องทาง" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_bad_phone_number_is_explained_in_thai(cast, client):
    response = post_complaint(client, phone="12ab")
    assert response.status_code == 400 and "หมายเลขโทรศัพท์ไม่ถูกต้อง" in response.content.decode()


def test_the_complainant_sees_replies_with_code_and_secret(cast, client):
    complaint, receipt = make(cast.org_a)
    services.complaint_update(complaint=complaint, acting_user=cast.alice, status="done", department=cast.finance_a,
                              message="ซ่อมแล้ว")
    response = client.post(url("complaint_track"), {"code": receipt["code"], "secret": receipt["secret"]})
    assert response.status_code == 200 and "ซ่อมแล้ว" in response.content.decode()


def test_department_staff_see_only_their_departments_complaints(cast, client):
    mine, _ = make(cast.org_a, subject="ของกองคลัง")
    other, _ = make(cast.org_a, subject="ของสำนักปลัด")
    services.complaint_update(complaint=mine, acting_user=cast.alice, status="in_progress", department=cast.finance_a)
    services.complaint_update(complaint=other, acting_user=cast.alice, status="in_progress", department=cast.office_a)
    client.force_login(cast.bob)
    body = client.get(url("complaint_inbox")).content.decode()
    assert "ของกองคลัง" in body and "ของสำนักปลัด" not in body
    assert client.get(url("complaint_detail", pk=mine.pk)).status_code == 200
    assert client.get(url("complaint_detail", pk=other.pk)).status_code == 404


def test_the_complaint_inbox_checks_role_and_organization(cast, client):
    complaint, _ = make(cast.org_a)
    client.force_login(cast.victor)
    assert client.get(url("complaint_inbox")).status_code == 403
    assert client.get(url("complaint_detail", pk=complaint.pk)).status_code == 403
    client.force_login(cast.olivia)
    assert client.get(url("complaint_inbox")).status_code == 404
    assert client.get(url("complaint_detail", pk=complaint.pk)).status_code == 404
    assert client.get(url("complaint_detail", org="beta", pk=complaint.pk)).status_code == 404


def test_rejecting_a_complaint_needs_a_reason(cast, client):
    complaint, _ = make(cast.org_a)
    client.force_login(cast.alice)
    response = client.post(url("complaint_detail", pk=complaint.pk), {"status": "rejected", "department": "", "message": ""})
    assert response.status_code == 400 and "เหตุผล" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == "received"


def test_a_department_of_another_organization_cannot_be_assigned(cast, client):
    complaint, _ = make(cast.org_a)
    client.force_login(cast.alice)
    response = client.post(url("complaint_detail", pk=complaint.pk), {"status": "in_progress", "department": cast.office_b.pk,
                                                                        "message": ""})
    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.department is None


def test_statistics_count_by_month_category_and_status_without_personal_data(cast, client):
    from django.utils import timezone

    from prongsai.core.thai import fiscal_year_of

    make(cast.org_a, subject="เรื่องลับเฉพาะ", name="ชื่อผู้ร้องลับ")
    services.report_submit(organization=cast.org_a, data={
        "category": "bribery", "subject": "หัวข้อทุจริตลับ", "details": "x", "accused": "", "place": "", "when": "",
        "anonymous": True, "evidence": None})
    year = fiscal_year_of(timezone.localdate())
    response = client.get(url("statistics_year", year=year))
    body = response.content.decode()
    assert response.status_code == 200
    assert "เรียกรับเงินหรือผลประโยชน์" in body
    for secret in ("เรื่องลับเฉพาะ", "ชื่อผู้ร้องลับ", "หัวข้อทุจริตลับ"):
        assert secret not in body
    assert client.get(url("statistics_year", year=2400)).status_code == 404
    # Organization B's statistics do not count A's matters.
    body_b = client.get(url("statistics_year", org="beta", year=year)).content.decode()
    assert "<td><strong>๑</strong></td>" not in body_b


def test_the_guideline_is_edited_by_admins_and_published(cast, client):
    client.force_login(cast.admin_a)
    form = client.get(url("guideline_edit"))
    assert form.status_code == 200
    data = {"title": "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "intro": "", "channels": "1. เว็บไซต์\n2) โทรศัพท์",
            "steps": "รับเรื่อง\nตรวจสอบ", "responsible_unit": "สำนักปลัด", "contact": "", "acknowledge_days": "3",
            "conclude_days": "30", "protection": "", "is_published": "on"}
    assert client.post(url("guideline_edit"), data).status_code == 302
    page = client.get(url("guideline")).content.decode()
    assert "เว็บไซต์" in page and "1. เว็บไซต์" not in page and "สำนักปลัด" in page
    client.force_login(cast.alice)
    assert client.get(url("guideline_edit")).status_code == 403
    client.force_login(cast.olivia)
    assert client.get(url("guideline_edit")).status_code == 404
    assert client.get(url("guideline", org="beta")).status_code == 404  # B has published none


def test_public_pages_open_without_an_account(cast, client):
    for name in ("home", "complaint_new", "complaint_track", "report_new", "report_track", "statistics", "topic_list"):
        assert client.get(url(name)).status_code == 200, name
