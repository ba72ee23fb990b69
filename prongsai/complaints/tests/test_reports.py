"""Corruption reports: the separate channel, encryption at rest, anonymity, officers only,
every read logged, follow-up with code and secret."""

import io
import re

import pytest
from django.db import connection
from django.urls import reverse

from prongsai.audit.models import AuditEntry
from prongsai.complaints import services
from prongsai.complaints.models import CorruptionReport, ReportAccess, ReportEvidence
from prongsai.core.models import IdempotencyRecord

from .conftest import form_token, make_report

pytestmark = pytest.mark.django_db

SUBJECT = "นายกเรียกรับเงินใต้โต๊ะโครงการถนนหมู่เจ็ด"
DETAILS = "พบการโอนเงินเข้าบัญชีภรรยานายกจำนวนสามแสนบาทUNIQUEDETAIL"
NAME = "นางสาวผู้แจ้งลับสุดยอด"


def url(name, org="alpha", **kw):
    return reverse(f"complaints:{name}", kwargs={"org_slug": org, **kw})


def post_report(client, **extra):
    data = {"category": "procurement", "subject": SUBJECT, "details": DETAILS, "accused": "", "place": "",
            "when": "", "anonymous": "on", "name": "", "phone": "", "email": "", "address": "", "website": "",
            "form_token": form_token()}
    data.update(extra)
    return client.post(url("report_new"), data, REMOTE_ADDR="203.0.113.77")


def receipt_of(response):
    codes = re.findall(r'class="code">([A-Z0-9-]+)<', response.content.decode())
    return codes[0], codes[1]


def all_text_in_database() -> str:
    """Every text value of every table, for "is this string stored anywhere?" checks."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                chunks.extend(str(v) for v in row if v is not None)
    return "\n".join(chunks)


def test_a_citizen_files_an_anonymous_report_and_gets_a_code_and_secret(cast, client):
    response = post_report(client)
    assert response.status_code == 200
    code, secret = receipt_of(response)
    report = CorruptionReport.objects.get(organization=cast.org_a)
    assert report.code == code.replace("-", "") and report.anonymous
    assert services.report_track(organization=cast.org_a, code=report.code, secret=secret.replace("-", "")) == report
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_report_body_and_reporter_are_encrypted_at_rest(cast, client):
    post_report(client, anonymous="", name=NAME, phone="081 234 5678")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM complaints_corruptionreport")
        row = " ".join(str(v) for v in cursor.fetchone())
    for plaintext in (SUBJECT, DETAILS, NAME, "0812345678", "UNIQUEDETAIL"):
        assert plaintext not in row
    assert SUBJECT not in all_text_in_database() and NAME not in all_text_in_database()
    report = CorruptionReport.objects.get()
    assert report.reporter_enc and report.content_enc


def test_an_anonymous_report_stores_no_address_or_identity_anywhere(cast, client):
    client.force_login(cast.victor)  # even a logged-in member reporting anonymously leaves no trace of who
    post_report(client, name="ชื่อที่ไม่ควรเก็บ", phone="0899999999")
    report = CorruptionReport.objects.get()
    columns = {f.attname: getattr(report, f.attname) for f in report._meta.concrete_fields}
    assert set(columns) == {"id", "organization_id", "code", "secret_hash", "category", "anonymous", "status",
                            "received_on", "concluded_on", "content_enc", "reporter_enc"}
    assert columns["reporter_enc"] == ""
    everything = all_text_in_database()
    assert "203.0.113.77" not in everything
    assert "ชื่อที่ไม่ควรเก็บ" not in everything and "0899999999" not in everything
    # No audit row ties the submission to a time or a user; the idempotency receipt holds no secret.
    assert not AuditEntry.objects.filter(target_type="complaints.corruptionreport").exists()
    record = IdempotencyRecord.objects.get(scope=services.SCOPE_REPORT)
    assert set(record.receipt) == {"code"}


def test_the_secret_is_stored_only_as_a_hash(cast, client):
    _code, secret = receipt_of(post_report(client))
    report = CorruptionReport.objects.get()
    assert report.secret_hash.startswith("hmac-sha256$")
    assert secret.replace("-", "") not in all_text_in_database()


def test_a_wrong_secret_and_an_unknown_code_get_the_same_answer(cast, client):
    code, _secret = receipt_of(post_report(client))
    wrong = client.post(url("report_track"), {"code": code, "secret": "AAAA-BBBB-CCCC-DDDD"})
    unknown = client.post(url("report_track"), {"code": "RZZZZZZZZZZZ", "secret": "AAAA-BBBB-CCCC-DDDD"})
    strip = lambda r: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode()).replace(code, "")
    assert wrong.status_code == unknown.status_code == 400
    assert strip(wrong) == strip(unknown).replace("RZZZZZZZZZZZ", "")


def test_the_reporter_follows_up_with_code_and_secret_typed_loosely(cast, client):
    code, secret = receipt_of(post_report(client))
    report = CorruptionReport.objects.get()
    services.report_update(report=report, acting_user=cast.carol, status="investigating", message="รับเรื่องแล้ว ขอหลักฐานเพิ่ม",
                           note="ภายในเท่านั้น")
    response = client.post(url("report_track"), {"code": code.lower().replace("-", " "), "secret": secret})
    body = response.content.decode()
    assert response.status_code == 200
    assert "รับเรื่องแล้ว ขอหลักฐานเพิ่ม" in body and "ภายในเท่านั้น" not in body and SUBJECT not in body


def test_wrong_codes_are_rate_limited_the_same_for_known_and_unknown_codes(cast, client):
    code, _secret = receipt_of(post_report(client))
    statuses = [client.post(url("report_track"), {"code": code, "secret": "WRONG"}).status_code for _ in range(11)]
    assert statuses[:10] == [400] * 10 and statuses[10] == 429
    assert client.post(url("report_track"), {"code": "RUNKNOWN2345", "secret": "X"}).status_code == 400


def test_the_reporter_adds_evidence_with_metadata_stripped_and_encrypted(cast, client):
    from PIL import Image

    code, secret = receipt_of(post_report(client))
    page = client.post(url("report_track"), {"code": code, "secret": secret})
    token = re.search(r'name="follow_token" value="([^"]+)"', page.content.decode()).group(1)
    img = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x013B] = "Artist Secret Name"  # Artist
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    buf.seek(0)
    buf.name = "photo.jpg"
    response = client.post(url("report_evidence"), {"follow_token": token, "evidence": buf, "website": "",
                                                    "form_token": form_token()})
    assert response.status_code == 200
    evidence = ReportEvidence.objects.get()
    stored = evidence.file.read()
    assert b"Artist Secret Name" not in stored and b"\xff\xd8\xff" not in stored[:3]
    from prongsai.complaints import crypto

    clear = crypto.decrypt_bytes(stored)
    assert clear[:3] == b"\xff\xd8\xff" and b"Artist Secret Name" not in clear


def test_an_expired_or_forged_follow_token_adds_nothing(cast, client):
    post_report(client)
    response = client.post(url("report_evidence"), {"follow_token": "forged", "website": "", "form_token": form_token()})
    assert response.status_code == 400 and not ReportEvidence.objects.exists()


def test_a_replayed_form_gives_one_report_and_the_same_receipt(cast, client):
    token = form_token()
    first = post_report(client, form_token=token)
    second = post_report(client, form_token=token)
    assert receipt_of(first) == receipt_of(second)
    assert CorruptionReport.objects.count() == 1


def test_a_bot_gets_a_generic_acknowledgement_and_nothing_is_stored(cast, client):
    honeypot = post_report(client, website="http://spam.example")
    instant = post_report(client, form_token=form_token(age=0))
    for response in (honeypot, instant):
        assert response.status_code == 200 and "รหัสลับ" not in response.content.decode()
    assert not CorruptionReport.objects.exists()


@pytest.mark.parametrize("field,value,message", [
    ("details", "ข้อความ\x00มีอักขระ NUL", "NUL"),
    ("subject", "ก" * 201, "ยาวเกิน 200"),
    ("category", "not-a-category", "ไม่มีในรายการ"),
    ("subject", "", "กรุณากรอก"),
])
def test_bad_input_is_refused_in_thai_and_nothing_is_stored(cast, client, field, value, message):
    response = post_report(client, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CorruptionReport.objects.exists()


def test_a_named_report_needs_a_name_and_a_contact(cast, client):
    response = post_report(client, anonymous="")
    body = response.content.decode()
    assert response.status_code == 400 and "ชื่อ-นามสกุล" in body and "ช่องทางติดต่อ" in body


def test_an_upload_whose_content_does_not_match_its_name_is_refused(cast, client):
    fake = io.BytesIO(b"this is not a pdf at all")
    fake.name = "evidence.pdf"
    response = post_report(client, evidence=fake)
    assert response.status_code == 400 and "ไม่ใช่ PDF" in response.content.decode()
    assert not CorruptionReport.objects.exists()


def test_script_in_a_report_is_shown_escaped_to_the_officer(officers, client):
    make_report(officers.org_a, subject="<script>alert(1)</script>")
    report = CorruptionReport.objects.get()
    client.force_login(officers.carol)
    body = client.get(url("report_detail", pk=report.pk)).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


# --- officers, roles, tenancy, access log -----------------------------------------------------


def test_an_officer_reads_a_report_and_every_read_is_logged(officers, client):
    make_report(officers.org_a, subject=SUBJECT)
    report = CorruptionReport.objects.get()
    client.force_login(officers.carol)
    for _ in range(2):
        response = client.get(url("report_detail", pk=report.pk))
        assert response.status_code == 200 and SUBJECT in response.content.decode()
    assert ReportAccess.objects.filter(report=report, user=officers.carol, action="view").count() == 2


def test_opening_evidence_is_logged(officers, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prongsai.complaints.forms import clean_evidence_upload

    upload = clean_evidence_upload(SimpleUploadedFile("a.pdf", _pdf_bytes(author="Secret Author")))
    make_report(officers.org_a, evidence=upload)
    evidence = ReportEvidence.objects.get()
    client.force_login(officers.carol)
    response = client.get(url("report_evidence_file", pk=evidence.report_id, evidence_pk=evidence.pk))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert b"Secret Author" not in response.content
    assert ReportAccess.objects.filter(action="evidence", user=officers.carol).count() == 1


def test_department_staff_without_the_officer_role_cannot_read_reports(officers, client):
    make_report(officers.org_a)
    report = CorruptionReport.objects.get()
    for user in (officers.bob, officers.admin_a, officers.alice):  # staff, admin, coordinator: not officers
        client.force_login(user)
        assert client.get(url("report_inbox")).status_code == 403
        assert client.get(url("report_detail", pk=report.pk)).status_code == 403
    assert not ReportAccess.objects.exists()


def test_an_officer_of_another_organization_gets_404(officers, client):
    make_report(officers.org_a)
    report = CorruptionReport.objects.get()
    client.force_login(officers.olivia)
    assert client.get(url("report_inbox")).status_code == 404
    assert client.get(url("report_detail", pk=report.pk)).status_code == 404
    # …and through her own organization's URL the report of A does not exist either.
    assert client.get(url("report_detail", org="beta", pk=report.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_login_from_the_inbox(officers, client):
    assert client.get(url("report_inbox")).status_code == 302


def test_the_status_moves_forward_only_with_a_message_to_the_reporter(officers, client):
    make_report(officers.org_a)
    report = CorruptionReport.objects.get()
    client.force_login(officers.carol)
    response = client.post(url("report_detail", pk=report.pk), {"status": "concluded", "message": "ตรวจสอบแล้วเสร็จ", "note": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "concluded" and report.concluded_on is not None
    back = client.post(url("report_detail", pk=report.pk), {"status": "received", "message": "", "note": ""})
    assert back.status_code == 400 and "ย้อนสถานะ" in back.content.decode()


def test_admins_manage_officers_and_see_the_access_log_others_get_403(officers, client):
    from prongsai.complaints.models import ComplaintOfficer
    from prongsai.tenancy.models import Membership

    client.force_login(officers.admin_a)
    bob_membership = Membership.objects.get(organization=officers.org_a, user=officers.bob)
    assert client.post(url("officers"), {"membership": bob_membership.pk}).status_code == 302
    assert ComplaintOfficer.objects.filter(membership=bob_membership).exists()
    assert client.get(url("access_log")).status_code == 200
    olivia_membership = Membership.objects.get(organization=officers.org_b, user=officers.olivia)
    assert client.post(url("officers"), {"membership": olivia_membership.pk}).status_code == 400
    client.force_login(officers.carol)
    assert client.get(url("officers")).status_code == 403
    assert client.get(url("access_log")).status_code == 403
    client.force_login(officers.olivia)
    assert client.get(url("officers")).status_code == 404
    b_officer = ComplaintOfficer.objects.get(organization=officers.org_b)
    client.force_login(officers.admin_a)
    assert client.post(url("officer_remove", pk=b_officer.pk)).status_code == 404


def test_the_inbox_menu_entry_is_shown_only_to_officers(officers, client):
    client.force_login(officers.carol)
    assert "/alpha/staff/corruption/" in client.get("/alpha/staff/").content.decode()
    client.force_login(officers.bob)
    assert "/alpha/staff/corruption/" not in client.get("/alpha/staff/").content.decode()


def _pdf_bytes(author: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": author, "/Producer": "Secret Producer"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_old_report_receipts_are_purged_but_not_other_channels(cast, client):
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    post_report(client)
    services.complaint_submit(organization=cast.org_a, data={
        "category": "service", "subject": "s", "details": "d", "name": "n", "phone": "0811111111", "attachment": None})
    IdempotencyRecord.objects.update(created_at=timezone.now() - dt.timedelta(days=2))
    call_command("purge_report_receipts", stdout=io.StringIO())
    assert list(IdempotencyRecord.objects.values_list("scope", flat=True)) == [services.SCOPE_COMPLAINT]
    assert CorruptionReport.objects.count() == 1
