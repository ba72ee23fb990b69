"""OIT links found by title in each year's framework; keys outside the database; scrubbing."""

import io
import os
import stat
import zipfile

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError

from prongsai.complaints import crypto, scrub, services
from prongsai.complaints.models import Topic
from prongsai.complaints.oit import oit_links
from prongsai.ita.models import Framework


@pytest.mark.django_db
def test_oit_links_follow_each_years_numbering(cast):
    import datetime as dt

    guideline = services.guideline_default(cast.org_a)
    data = {f: getattr(guideline, f) for f in ["title", "intro", "channels", "steps", "responsible_unit", "contact",
                                               "acknowledge_days", "conclude_days", "protection"]}
    services.guideline_save(organization=cast.org_a, acting_user=cast.admin_a, data={**data, "is_published": True})
    services.topic_save(topic=Topic(organization=cast.org_a), acting_user=cast.alice, data={
        "title": "t", "kind": "plan", "description": "d", "department": None, "opens_on": dt.date(2024, 1, 1),
        "closes_on": dt.date(2024, 1, 2), "is_published": True})
    by_year = {}
    for year in (2565, 2566):
        links = oit_links(organization=cast.org_a, framework=Framework.objects.get(fiscal_year=year))
        by_year[year] = {link["item_code"]: link["url"] for link in links}
        assert all(link["url"].startswith("/alpha/") for link in links)
    assert by_year[2566]["O27"] == "/alpha/corruption/guideline/" and by_year[2565]["O29"] == "/alpha/corruption/guideline/"
    assert by_year[2566]["O28"] == "/alpha/corruption/report/" and by_year[2566]["O29"].endswith("/2566/")
    assert by_year[2566]["O30"] == "/alpha/participation/"
    assert oit_links(organization=cast.org_b, framework=Framework.objects.get(fiscal_year=2566))[0]["item_code"] == "O28"


def test_without_configured_keys_a_key_file_is_made_once_with_owner_only_access(settings, tmp_path):
    settings.ENCRYPTION_KEYS = []
    settings.VAR_DIR = tmp_path
    token = crypto.encrypt_json({"a": "ลับ"})
    key_file = tmp_path / "keys" / crypto.KEY_FILE_NAME
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert crypto.decrypt_json(token) == {"a": "ลับ"}
    assert crypto.configured_keys() == [key_file.read_text().strip()]


def test_production_refuses_to_run_without_keys(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.ENCRYPTION_KEYS = []
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured):
        crypto.fernet()


def test_keys_rotate_old_tokens_still_decrypt_and_rotate_to_the_new_key(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [old]
    token = crypto.encrypt_json({"x": 1})
    settings.ENCRYPTION_KEYS = [new, old]
    assert crypto.decrypt_json(token) == {"x": 1}
    rotated = crypto.rotate_token(token)
    settings.ENCRYPTION_KEYS = [new]
    assert crypto.decrypt_json(rotated) == {"x": 1}
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_json(token)


def test_a_secret_is_checked_against_its_hash_only():
    stored = crypto.hash_secret("ABCD2345")
    assert stored.startswith("hmac-sha256$") and "ABCD2345" not in stored
    assert crypto.check_secret("ABCD2345", stored) and not crypto.check_secret("ABCD2346", stored)
    assert not crypto.check_secret("ABCD2345", None)
    assert not crypto.check_secret("ABCD2345", "hmac-sha256$garbage") and not crypto.check_secret("x", "nonsense")
    assert crypto.normalise_code(" abcd-๒๓๔๕ ") == "ABCD2345"


def test_receipt_secrets_are_server_random_with_enough_entropy_for_a_fast_keyed_hash():
    import math

    secret = crypto.derived_secret(organization_id=1, scope="complaint", key="k", code="C123")
    assert len(secret) == 16 and set(secret) <= set(crypto.ALPHABET)
    assert 16 * math.log2(len(crypto.ALPHABET)) > 78  # bits: no guessing, so no need for a slow KDF


def test_old_scrypt_hashes_and_new_hmac_hashes_both_verify():
    secret = crypto.derived_secret(organization_id=1, scope="complaint", key="k", code="C123")
    old, new = crypto.scrypt_hash_secret(secret), crypto.hash_secret(secret)
    assert old.startswith("scrypt$") and new.startswith("hmac-sha256$")
    for stored in (old, new):
        assert crypto.check_secret(secret, stored)
        assert not crypto.check_secret(secret[:-1] + ("2" if secret[-1] != "2" else "3"), stored)
        assert not crypto.check_secret("", stored)
    assert crypto.needs_rehash(old) and not crypto.needs_rehash(new)


def test_an_hmac_hash_needs_the_key_outside_the_database(settings):
    first, second = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = [first]
    stored = crypto.hash_secret("ABCD2345EFGH6789")
    settings.ENCRYPTION_KEYS = [second, first]  # rotated: still verifies, but wants rehashing
    assert crypto.check_secret("ABCD2345EFGH6789", stored) and crypto.needs_rehash(stored)
    settings.ENCRYPTION_KEYS = [second]  # the key is gone: the hash alone proves nothing
    assert not crypto.check_secret("ABCD2345EFGH6789", stored)


@pytest.mark.django_db
def test_a_receipt_with_an_old_scrypt_hash_still_tracks_and_is_upgraded(cast):
    from prongsai.complaints.models import Complaint

    data = {"category": "service", "subject": "เรื่องทดสอบ", "details": "รายละเอียด", "location": "", "name": "ผู้ร้อง",
            "phone": "0811111111", "email": "", "attachment": None}
    receipt = services.complaint_submit(organization=cast.org_a, data=data)
    complaint = Complaint.objects.get(code=receipt["code"])
    assert complaint.secret_hash.startswith("hmac-sha256$")
    # A receipt stored before the change: its scrypt hash.
    Complaint.objects.filter(pk=complaint.pk).update(secret_hash=crypto.scrypt_hash_secret(receipt["secret"]))
    assert services.complaint_track(organization=cast.org_a, code=receipt["code"], secret="WRONG") is None
    assert Complaint.objects.get(pk=complaint.pk).secret_hash.startswith("scrypt$")
    assert services.complaint_track(organization=cast.org_a, code=receipt["code"], secret=receipt["secret"]) == complaint
    upgraded = Complaint.objects.get(pk=complaint.pk).secret_hash
    assert upgraded.startswith("hmac-sha256$")
    assert services.complaint_track(organization=cast.org_a, code=receipt["code"], secret=receipt["secret"]) == complaint
    assert services.complaint_track(organization=cast.org_a, code="C" + "2" * 11, secret=receipt["secret"]) is None


def test_pdf_metadata_is_removed():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.add_metadata({"/Author": "ผู้แจ้งตัวจริง", "/Creator": "Secret Laptop"})
    buf = io.BytesIO()
    writer.write(buf)
    clean = scrub.scrub_pdf(buf.getvalue())
    reader = PdfReader(io.BytesIO(clean))
    meta = reader.metadata or {}
    assert "/Author" not in meta and "/Creator" not in meta and len(reader.pages) == 1
    assert b"Secret Laptop" not in clean


def test_docx_author_and_properties_are_removed():
    import docx

    document = docx.Document()
    document.add_paragraph("ข้อความหลักฐาน")
    document.core_properties.author = "Secret Author"
    document.core_properties.last_modified_by = "Secret Editor"
    buf = io.BytesIO()
    document.save(buf)
    clean = scrub.scrub_docx(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(clean)) as z:
        everything = b"".join(z.read(n) for n in z.namelist())
    assert b"Secret Author" not in everything and b"Secret Editor" not in everything
    assert "ข้อความหลักฐาน" in docx.Document(io.BytesIO(clean)).paragraphs[0].text


def test_a_broken_file_is_refused_in_thai_not_a_crash():
    with pytest.raises(ValidationError) as exc:
        scrub.scrub(b"%PDF-1.4 garbage", "pdf", "x.pdf")
    assert "ไม่ได้" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        scrub.scrub(b"\x89PNG\r\n\x1a\n broken", "image", "x.png")


@pytest.mark.django_db
def test_rotate_report_keys_re_encrypts_everything_with_the_new_key(cast, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from prongsai.complaints.forms import clean_evidence_upload
    from prongsai.complaints.models import CorruptionReport, ReportEvidence

    from .conftest import make_report

    old, new = settings.ENCRYPTION_KEYS[0], Fernet.generate_key().decode()
    png = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (5, 5)).save(png, format="PNG")
    make_report(cast.org_a, evidence=clean_evidence_upload(SimpleUploadedFile("a.png", png.getvalue())))
    settings.ENCRYPTION_KEYS = [new, old]
    out = io.StringIO()
    call_command("rotate_report_keys", stdout=out)
    assert "1 follow-up secret(s) are still hashed under an older key" in out.getvalue()
    settings.ENCRYPTION_KEYS = [new]
    report = CorruptionReport.objects.get()
    assert crypto.decrypt_json(report.content_enc)["subject"]
    assert crypto.decrypt_bytes(ReportEvidence.objects.get().file.read())[:4] == b"\x89PNG"
