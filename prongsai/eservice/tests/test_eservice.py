"""E-service: catalog, filing from a data-defined type, tracking, idempotency, inbox and status flow."""

import pytest
from django.core import mail
from django.urls import reverse

from prongsai.eservice import services
from prongsai.eservice.forms import national_id_valid
from prongsai.eservice.models import ServiceRequest

from .conftest import form_token

pytestmark = pytest.mark.django_db
VALID_ID = "1101700230708"


def url(name, org="alpha", **kw):
    return reverse(f"eservice:{name}", kwargs={"org_slug": org, **kw})


def data(**extra):
    d = {"name": "สมศรี ใจดี", "national_id": "๑๑๐๑๗๐๐๒๓๐๗๐๘", "phone": "๐๘๑-๒๓๔-๕๖๗๘", "email": "somsri@example.com",
         "details": "ขอสำเนาเอกสาร", "website": "", "form_token": form_token()}
    d.update(extra)
    return d


def test_national_id_checksum():
    assert national_id_valid(VALID_ID)
    assert not national_id_valid("1101700230709")
    assert not national_id_valid("123")


def test_catalog_lists_and_draws_a_flowchart_and_defaults(world, client):
    r = client.get(url("service_list"))
    assert "ขออนุญาตก่อสร้างอาคาร" in r.content.decode() and "บริการของเบตา" not in r.content.decode()
    page = client.get(url("service_detail", pk=world.svc_a.pk)).content.decode()
    assert "<svg" in page and "ตรวจสอบพื้นที่" in page and "นายช่าง" in page
    assert "ไม่มีค่าธรรมเนียม" in page and "ไม่ต้องใช้เอกสาร" in page
    assert "3 วัน 15 นาที" in page


def test_other_organizations_objects_are_404(world, client):
    assert client.get(url("service_detail", pk=world.svc_b.pk)).status_code == 404
    assert client.get(url("request_new", pk=world.type_b.pk)).status_code == 404
    req_b = ServiceRequest.objects.get(code=services.request_submit(
        organization=world.org_b, request_type=world.type_b, data={"name": "x"}, key="k1")["code"])
    assert client.get(url("request_status", code=req_b.code)).status_code == 404
    assert client.get(url("request_status", org="beta", code=req_b.code)).status_code == 200


def test_a_citizen_files_gets_a_code_and_sees_the_history(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url("request_new", pk=world.type_a.pk), data())
    assert r.status_code == 200
    req = ServiceRequest.objects.get(organization=world.org_a)
    assert req.data["phone"] == "0812345678" and req.data["national_id"] == VALID_ID
    assert req.department == world.finance_a and len(req.code) >= 16
    assert req.code in r.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["somsri@example.com"]
    status = client.get(url("request_status", code=req.code)).content.decode()
    assert "รับเรื่องแล้ว" in status
    tracked = client.post(url("track"), {"code": req.code.lower()})
    assert tracked.status_code == 302


def test_the_same_form_token_twice_gives_one_record_and_the_same_receipt(world, client):
    d = data()
    first = client.post(url("request_new", pk=world.type_a.pk), d)
    second = client.post(url("request_new", pk=world.type_a.pk), d)
    assert ServiceRequest.objects.count() == 1
    code = ServiceRequest.objects.get().code
    assert code in first.content.decode() and code in second.content.decode()


@pytest.mark.parametrize("field,value,message", [
    ("national_id", "1101700230709", "“เลขประจำตัวประชาชน” ไม่ถูกต้อง"),
    ("phone", "12345", "หมายเลขโทรศัพท์ไม่ถูกต้อง"),
    ("name", "", "กรุณากรอก “ชื่อ-นามสกุล”"),
    ("email", "not-mail", "“อีเมล” ไม่ใช่อีเมลที่ถูกต้อง"),
])
def test_bad_input_is_refused_in_thai_and_nothing_stored(world, client, field, value, message):
    r = client.post(url("request_new", pk=world.type_a.pk), data(**{field: value}))
    assert r.status_code == 400 and message in r.content.decode()
    assert not ServiceRequest.objects.exists()


def test_bots_get_a_generic_answer_and_nothing_is_stored(world, client):
    r = client.post(url("request_new", pk=world.type_a.pk), data(website="http://spam"))
    assert r.status_code == 200 and "ได้รับข้อมูลแล้ว" in r.content.decode()
    r = client.post(url("request_new", pk=world.type_a.pk), data(form_token=form_token(age=0)))
    assert r.status_code == 200 and not ServiceRequest.objects.exists()


def test_submissions_are_rate_limited(world, client):
    for _ in range(10):
        client.post(url("request_new", pk=world.type_a.pk), data(website="x"))
    assert client.post(url("request_new", pk=world.type_a.pk), data()).status_code == 429


def _file(world):
    return ServiceRequest.objects.get(code=services.request_submit(
        organization=world.org_a, request_type=world.type_a,
        data={"name": "ก", "details": "ข", "email": "c@example.com"}, key="key-1")["code"])


def test_inbox_by_department_and_roles(world, client_for):
    req = _file(world)
    assert req.code in client_for(world.bob).get(url("inbox")).content.decode()
    client_for(world.alice)
    assert req.code in client_for(world.alice).get(url("inbox")).content.decode()
    assert client_for(world.victor).get(url("inbox")).status_code == 403
    assert client_for(world.olivia).get(url("inbox")).status_code == 404
    assert client_for(world.olivia).get(url("request_detail", org="beta", pk=req.pk)).status_code == 404
    world.type_a.department = world.office_a
    world.type_a.save()
    req.department = world.office_a
    req.save()
    assert client_for(world.bob).get(url("request_detail", pk=req.pk)).status_code == 404


def test_status_flow_reject_needs_a_reason_reassign_and_reopen(world, client_for, django_capture_on_commit_callbacks):
    req = _file(world)
    c = client_for(world.alice)
    detail = url("request_detail", pk=req.pk)
    r = c.post(detail, {"status": "rejected", "department": world.finance_a.pk, "message": ""})
    assert r.status_code == 400 and "กรุณาแจ้งเหตุผลที่ไม่รับดำเนินการ" in r.content.decode()
    assert c.post(detail, {"status": "in_progress", "department": world.office_a.pk}).status_code == 302
    req.refresh_from_db()
    assert req.status == "in_progress" and req.department == world.office_a
    assert c.post(detail, {"status": "received", "department": world.office_a.pk}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post(detail, {"status": "done", "department": world.office_a.pk, "message": "เสร็จแล้ว"}).status_code == 302
    assert mail.outbox[-1].to == ["c@example.com"]
    req.refresh_from_db()
    assert req.status == "done" and req.closed_at is not None
    assert c.post(detail, {"status": "in_progress", "department": world.office_a.pk, "message": "เปิดใหม่"}).status_code == 302
    req.refresh_from_db()
    assert req.status == "in_progress" and req.closed_at is None
    assert list(req.updates.values_list("status", flat=True)) == ["received", "in_progress", "done", "in_progress"]


def test_overdue_flag(world, client_for):
    import datetime as dt

    req = _file(world)
    ServiceRequest.objects.filter(pk=req.pk).update(due_date=dt.date(2020, 1, 1))
    assert "เกินกำหนด" in client_for(world.alice).get(url("inbox")).content.decode()


def test_statistics_page(world, client):
    _file(world)
    r = client.get(url("statistics"))
    assert r.status_code == 200 and "คำร้องทั่วไป" in r.content.decode()
    assert client.get(url("statistics_year", year=99)).status_code == 404


def test_oit_links_find_items_by_title(world):
    from prongsai.eservice.oit import oit_links
    from prongsai.ita.models import Framework

    links = oit_links(organization=world.org_a, framework=Framework.objects.get(fiscal_year=2566))
    titles = {x["title"]: x for x in links}
    assert any(t.startswith("คู่มือสำหรับประชาชน: ขออนุญาตก่อสร้างอาคาร") for t in titles)
    assert "ยื่นคำร้องออนไลน์ (E-Service)" in titles
    assert any(x["url"] == "/alpha/eservice/statistics/2566/" for x in links)
    assert all(x["item_code"].startswith("O") for x in links)
    assert not any("เบตา" in x["title"] for x in links)


def test_staff_edit_a_service_with_steps_and_roles(world, client_for):
    from prongsai.eservice.models import Service

    c = client_for(world.alice)
    data = {"title": "รับชำระค่าขยะ", "channels": "ติดต่อด้วยตนเอง", "department": world.office_a.pk, "position": "1",
            "is_published": "on", "steps_text": "รับเงิน | ๕ | นาที | การเงิน\nออกใบเสร็จ | 1 | วัน |"}
    assert c.post(url("service_new"), data).status_code == 302
    svc = Service.objects.get(title="รับชำระค่าขยะ")
    assert [(s.text, s.duration, s.unit) for s in svc.steps.all()] == [("รับเงิน", 5, "minutes"), ("ออกใบเสร็จ", 1, "days")]
    r = c.post(url("service_edit", pk=svc.pk), {**data, "steps_text": "ไม่มีเวลา | สองวัน"})
    assert r.status_code == 400 and "ขั้นตอนบรรทัดที่ 1 ไม่ถูกต้อง" in r.content.decode()
    r = c.post(url("service_edit", pk=svc.pk), {**data, "title": ""})
    assert r.status_code == 400 and "กรุณากรอก “ชื่องานบริการ”" in r.content.decode()
    r = c.post(url("service_edit", pk=svc.pk), {**data, "department": world.office_b.pk})
    assert r.status_code == 400
    assert svc.steps.count() == 2
    assert client_for(world.bob).get(url("staff_services")).status_code == 403
    assert client_for(world.olivia).get(url("service_edit", org="beta", pk=svc.pk)).status_code == 404


def test_qr_sheet_links_to_the_survey(world, client):
    from prongsai.satisfaction.models import SatisfactionSurvey

    assert client.get(url("qr_sheet", pk=world.svc_a.pk)).status_code == 404
    survey = SatisfactionSurvey.objects.create(organization=world.org_a, service=world.svc_a, title="s")
    page = client.get(url("qr_sheet", pk=world.svc_a.pk)).content.decode()
    assert "<svg" in page and f"/alpha/satisfaction/surveys/{survey.pk}/" in page


def test_the_handling_department_is_told_of_a_new_request_without_the_citizens_details(
        world, client, django_capture_on_commit_callbacks):
    world.bob.email = "bob@finance.example"
    world.bob.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("request_new", pk=world.type_a.pk), data())
    req = ServiceRequest.objects.get(organization=world.org_a)
    staff = [m for m in mail.outbox if m.to == ["bob@finance.example"]]
    assert len(staff) == 1 and req.code in staff[0].subject
    assert "สมศรี" not in staff[0].body and VALID_ID not in staff[0].body
    assert [m.to for m in mail.outbox if m is not staff[0]] == [["somsri@example.com"]]
