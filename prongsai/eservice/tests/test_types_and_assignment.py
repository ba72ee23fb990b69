"""Request types managed by staff (starter set, line editor), named assignment with the inbox
views, citizens' attachments (encrypted, logged) and the acknowledgement's QR code."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from prongsai.audit.models import AuditEntry
from prongsai.eservice import services
from prongsai.eservice.models import RequestAttachment, RequestType, ServiceRequest

from .conftest import form_token

pytestmark = pytest.mark.django_db


def url(name, org="alpha", **kw):
    return reverse(f"eservice:{name}", kwargs={"org_slug": org, **kw})


def png_upload(name="photo.png"):
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def type_post(**extra):
    d = {"name": "ขอติดตั้งถังขยะ", "description": "", "department": "", "service": "", "target_days": "10",
         "required_documents": "", "is_active": "on", "position": "0",
         "fields_text": "ชื่อ-นามสกุล | ข้อความ | จำเป็น\nโทรศัพท์ | โทรศัพท์ | จำเป็น\n"
                        "อีเมลติดต่อ | อีเมล | ไม่จำเป็น\nภาพถ่ายจุดติดตั้ง | ไฟล์แนบ | ไม่จำเป็น"}
    d.update(extra)
    return d


def test_starter_types_are_installed_once_and_only_by_managers(world, client_for):
    assert client_for(world.bob).get(url("staff_types")).status_code == 403
    assert client_for(world.olivia).get(url("staff_types")).status_code == 404
    c = client_for(world.alice)
    page = c.get(url("staff_types")).content.decode()
    assert "เพิ่มประเภทคำร้องเริ่มต้น" in page and "ลงทะเบียนขอรับเบี้ยยังชีพ" in page
    assert c.post(url("staff_types"), {"action": "starter"}).status_code == 302
    names = set(RequestType.objects.filter(organization=world.org_a).values_list("name", flat=True))
    assert {"คำร้องทั่วไป", "ขอข้อมูลข่าวสารของราชการ", "แจ้งซ่อมไฟฟ้าส่องสว่าง/ประปา", "ลงทะเบียนขอรับเบี้ยยังชีพ",
            "ขอใช้สถานที่หรือยืมวัสดุอุปกรณ์"} <= names
    general = RequestType.objects.get(organization=world.org_a, name="ขอข้อมูลข่าวสารของราชการ")
    assert general.department == world.office_a  # matched by name in A, never B's สำนักปลัด
    c.post(url("staff_types"), {"action": "starter"})
    assert RequestType.objects.filter(organization=world.org_a).count() == len(names)
    assert RequestType.objects.filter(organization=world.org_b).count() == 1
    assert 'value="starter"' not in c.get(url("staff_types")).content.decode()


def test_a_new_process_is_added_from_the_screen_and_citizens_can_file_it(world, client_for, client):
    c = client_for(world.alice)
    assert c.post(url("type_new"), type_post(department=world.finance_a.pk)).status_code == 302
    rtype = RequestType.objects.get(organization=world.org_a, name="ขอติดตั้งถังขยะ")
    assert [f["type"] for f in rtype.fields] == ["text", "phone", "email", "file"]
    assert rtype.fields[2]["name"] == "email" and rtype.fields[0]["required"] and not rtype.fields[2]["required"]
    assert rtype.department == world.finance_a and rtype.target_days == 10
    client.logout()
    form = client.get(url("request_new", pk=rtype.pk)).content.decode()
    assert "ภาพถ่ายจุดติดตั้ง" in form and 'enctype="multipart/form-data"' in form
    r = client.post(url("request_new", pk=rtype.pk), {
        rtype.fields[0]["name"]: "สมชาย", rtype.fields[1]["name"]: "๐๘๑๒๓๔๕๖๗๘", "website": "",
        "form_token": form_token()})
    assert r.status_code == 200
    req = ServiceRequest.objects.get(request_type=rtype)
    assert req.department == world.finance_a and req.data[rtype.fields[1]["name"]] == "0812345678"


def test_editing_keeps_field_names_so_old_requests_keep_their_labels(world, client_for):
    c = client_for(world.alice)
    c.post(url("type_new"), type_post())
    rtype = RequestType.objects.get(organization=world.org_a, name="ขอติดตั้งถังขยะ")
    before = {f["label"]: f["name"] for f in rtype.fields}
    edited = type_post(fields_text="ชื่อ-นามสกุล | ข้อความ | จำเป็น\nที่ตั้ง | ข้อความยาว | จำเป็น\n"
                                   "โทรศัพท์ | โทรศัพท์ | ไม่จำเป็น")
    assert c.post(url("type_edit", pk=rtype.pk), edited).status_code == 302
    rtype.refresh_from_db()
    after = {f["label"]: f["name"] for f in rtype.fields}
    assert after["ชื่อ-นามสกุล"] == before["ชื่อ-นามสกุล"] and after["โทรศัพท์"] == before["โทรศัพท์"]
    assert after["ที่ตั้ง"] not in before.values()


@pytest.mark.parametrize("fields_text, message", [
    ("ชื่อ | ตัวเลข | จำเป็น", "ช่องข้อมูลบรรทัดที่ 1 ไม่ถูกต้อง"),
    ("ชื่อ | ข้อความ | อาจจะ", "ช่องข้อมูลบรรทัดที่ 1 ไม่ถูกต้อง"),
    ("ชื่อ | ข้อความ\nชื่อ | ข้อความ", "ชื่อช่อง “ชื่อ” ซ้ำ"),
    ("", "กรุณากรอก “ช่องข้อมูลในแบบคำร้อง”"),
])
def test_a_bad_field_list_is_refused_in_thai_and_nothing_saved(world, client_for, fields_text, message):
    r = client_for(world.alice).post(url("type_new"), type_post(fields_text=fields_text))
    assert r.status_code == 400 and message in r.content.decode()
    assert not RequestType.objects.filter(name="ขอติดตั้งถังขยะ").exists()


def test_another_organizations_department_cannot_be_chosen(world, client_for):
    r = client_for(world.alice).post(url("type_new"), type_post(department=world.office_b.pk))
    assert r.status_code == 400 and not RequestType.objects.filter(name="ขอติดตั้งถังขยะ").exists()
    assert client_for(world.olivia).get(url("type_edit", pk=world.type_a.pk)).status_code == 404


def _file(world, key="k-assign"):
    return ServiceRequest.objects.get(code=services.request_submit(
        organization=world.org_a, request_type=world.type_a, data={"name": "ก", "details": "ข"}, key=key)["code"])


def test_assign_to_a_named_person_who_sees_it_under_mine(world, client_for, django_capture_on_commit_callbacks):
    world.bob.email = "bob@example.com"
    world.bob.save()
    req = _file(world)
    other = _file(world, key="k-other")
    c = client_for(world.alice)
    detail = url("request_detail", pk=req.pk)
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post(detail, {"status": "in_progress", "department": world.office_a.pk, "assignee": world.bob.pk})
    assert r.status_code == 302
    req.refresh_from_db()
    assert req.assignee == world.bob and req.department == world.office_a
    assert mail.outbox[-1].to == ["bob@example.com"] and req.code in mail.outbox[-1].subject
    assert req.updates.last().assignee == world.bob
    # bob is in finance, the request is now with the office: he still sees it because it is his.
    bob = client_for(world.bob)
    mine = bob.get(url("inbox") + "?show=mine").content.decode()
    assert req.code in mine and other.code not in mine
    assert bob.get(detail).status_code == 200
    # Reassign to nobody: bob no longer sees it (not his department, not his).
    c = client_for(world.alice)
    assert c.post(detail, {"status": "in_progress", "department": world.office_a.pk, "assignee": ""}).status_code == 302
    assert client_for(world.bob).get(detail).status_code == 404


def test_only_active_staff_of_the_organization_can_be_assigned(world, client_for):
    req = _file(world)
    c = client_for(world.alice)
    detail = url("request_detail", pk=req.pk)
    for user in (world.olivia, world.victor):  # another organization's member; a read-only viewer
        r = c.post(detail, {"status": "in_progress", "department": world.finance_a.pk, "assignee": user.pk})
        assert r.status_code == 400 and "ไม่มีในรายการ" in r.content.decode()
    req.refresh_from_db()
    assert req.assignee is None and req.status == "received"


def test_inbox_views_open_overdue_and_paging(world, client_for):
    import datetime as dt

    for n in range(55):
        _file(world, key=f"k{n}")
    late = ServiceRequest.objects.filter(organization=world.org_a).first()
    ServiceRequest.objects.filter(pk=late.pk).update(due_date=dt.date(2020, 1, 1))
    c = client_for(world.alice)
    first = c.get(url("inbox")).content.decode()
    assert "หน้า 1 จาก 2" in first
    overdue = c.get(url("inbox") + "?show=overdue").content.decode()
    assert late.code in overdue and overdue.count("<code>") == 1
    assert "ไม่มีคำร้องที่มอบหมายให้ท่าน" in c.get(url("inbox") + "?show=mine").content.decode()


def test_a_citizens_attachment_is_encrypted_and_each_opening_logged(world, client_for, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world.type_a.fields = world.type_a.fields + [{"name": "id_card", "label": "สำเนาบัตร", "type": "file",
                                                  "required": True}]
    world.type_a.save()
    base = {"name": "สมศรี", "national_id": "1101700230708", "phone": "0812345678", "details": "ขอเอกสาร",
            "website": ""}
    r = client.post(url("request_new", pk=world.type_a.pk), {**base, "form_token": form_token()})
    assert r.status_code == 400 and "กรุณาแนบไฟล์ “สำเนาบัตร”" in r.content.decode()
    fake = SimpleUploadedFile("card.png", b"not an image at all", content_type="image/png")
    r = client.post(url("request_new", pk=world.type_a.pk), {**base, "form_token": form_token(), "id_card": fake})
    assert r.status_code == 400 and not ServiceRequest.objects.exists()
    upload = png_upload()
    original = upload.read()
    upload.seek(0)
    r = client.post(url("request_new", pk=world.type_a.pk), {**base, "form_token": form_token(), "id_card": upload})
    assert r.status_code == 200
    req = ServiceRequest.objects.get()
    att = RequestAttachment.objects.get(request=req)
    stored = (tmp_path / att.file.name).read_bytes()
    assert b"PNG" not in stored[:16] and original not in stored
    assert client_for(world.olivia).get(url("attachment", org="alpha", pk=req.pk, att=att.pk)).status_code == 404
    got = client_for(world.bob).get(url("attachment", pk=req.pk, att=att.pk))
    assert got.status_code == 200 and got.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert got["Content-Disposition"].startswith("attachment;")
    assert AuditEntry.objects.filter(organization=world.org_a, action="eservice.attachment.open",
                                     actor=world.bob).count() == 1


def test_the_acknowledgement_carries_a_qr_code_of_the_private_link(world, client):
    r = client.post(url("request_new", pk=world.type_a.pk), {
        "name": "สมศรี", "national_id": "1101700230708", "phone": "0812345678", "details": "ขอเอกสาร",
        "website": "", "form_token": form_token()})
    req = ServiceRequest.objects.get()
    page = r.content.decode()
    assert "<svg" in page and url("request_status", code=req.code) in page
