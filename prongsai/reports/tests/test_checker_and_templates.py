"""The consistency checker (on the source document's text, on uploads, on plans) and the
editable wording (whitelisted fields, errors named, values never evaluated)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.reports import build, checker, services, templating
from prongsai.reports.models import Kind
from prongsai.testing.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
SEED = (Path(__file__).parent / "fixtures" / "seed_report_2566.txt").read_text(encoding="utf-8")


@pytest.fixture
def kampang(db):
    return OrganizationFactory(slug="kampang-t", base_name="กำปัง", subdistrict="กำปัง", district="โนนไทย",
                               province="นครราชสีมา", doc_prefix="นม ๗๓๕๐๑")


def test_seed_document_reports_foreign_names_and_wrong_year(kampang):
    findings = checker.check_text(SEED, organization=kampang, fiscal_year=2566, answers_year=2565)
    messages = "\n".join(f.message for f in findings)
    codes = {f.code for f in findings}
    assert "อบต.บ้านเหลื่อม" in messages
    assert "องค์การบริหารส่วนตำบลกำแพง" in messages
    assert "๒๕๖๕" in messages and "wrong_year" in codes
    assert "misspelt_org" in codes and "กำปิง" in messages
    assert "number_missing" in codes
    # Its own name is never reported as foreign.
    assert not any("“อบต.กำปัง”" in f.message for f in findings if f.code == "foreign_org")


def test_hosted_organization_names_are_foreign_too(kampang):
    OrganizationFactory(slug="other", base_name="ทุ่งสว่างใหม่")
    findings = checker.check_text("ปรับปรุงเว็บไซต์ อบต.ทุ่งสว่างใหม่ ให้เป็นปัจจุบัน", organization=kampang,
                                  fiscal_year=2566)
    assert [f.code for f in findings] == ["foreign_org"]


def test_clean_text_has_no_findings(kampang):
    text = ("องค์การบริหารส่วนตำบลกำปัง อำเภอโนนไทย จังหวัดนครราชสีมา ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ "
            "มาตรการประจำปีงบประมาณ พ.ศ. ๒๕๖๖ เว็บไซต์ อบต.กำปัง ที่ นม ๗๓๕๐๑/๑๒ วันที่ ๑๐ เมษายน ๒๕๖๖")
    assert checker.check_text(text, organization=kampang, fiscal_year=2566, answers_year=2565) == []


def _docx_of(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_upload_checker_on_the_seed_as_docx_and_pdf(cast, client_for):
    cast.org_a.base_name = "กำปัง"
    cast.org_a.district, cast.org_a.province = "โนนไทย", "นครราชสีมา"
    cast.org_a.save()
    c = client_for(cast.alice)
    address = reverse("reports:check", kwargs={"org_slug": "alpha"})
    upload = SimpleUploadedFile("report.docx", _docx_of(SEED))
    page = c.post(address, {"file": upload, "fiscal_year": "2566"}).content.decode()
    assert "อบต.บ้านเหลื่อม" in page and "๒๕๖๕" in page
    from prongsai.reports.render_pdf import pdf_bytes

    model = {"kind": "round", "title": "x", "thai_digits": True, "sections": [{"layout": "annex", "blocks": [
        {"t": "para", "text": line, "indent": False} for line in SEED.splitlines()[40:120] if line.strip()]}]}
    page = c.post(address, {"file": SimpleUploadedFile("report.pdf", pdf_bytes(model)), "fiscal_year": "2566"})
    assert "อบต.บ้านเหลื่อม" in page.content.decode()
    bad = c.post(address, {"file": SimpleUploadedFile("report.docx", b"not a docx"), "fiscal_year": "2566"})
    assert bad.status_code == 400 and "Word (DOCX)" in bad.content.decode()


def test_plan_checks(cast, plan):
    issue = plan.issues.first()
    issue.departments.clear()
    from prongsai.reports.checker import check_plan

    rnd = plan.rounds.get(number=1)
    result = rnd.results.get(issue=plan.issues.last())
    result.result = ""
    result.save()
    codes = [f.code for f in check_plan(plan=plan, rnd=rnd)]
    assert "no_department" in codes and "empty_result" in codes


def test_document_date_outside_fiscal_year_is_flagged(cast, plan, chain, round_doc):
    import datetime as dt

    services.document_update(document=round_doc, acting_user=cast.alice, doc_date=dt.date(2024, 1, 5))
    assert any(f.code == "doc_date_outside" for f in services.findings_for(round_doc))


# --- templates --------------------------------------------------------------------------


def test_unknown_field_is_rejected_naming_it(cast):
    with pytest.raises(ValidationError) as exc:
        services.template_save(organization=cast.org_a, kind=Kind.ROUND, acting_user=cast.alice,
                               subject="เรื่อง {{ organisation }}", body="ข้อความ", closing="", annex_intro="")
    assert "organisation" in str(exc.value) and "เรื่อง" in str(exc.value)


@pytest.mark.parametrize("body", ["{{ organization", "{% if organization %}x{% endif %}", "{{ organization|upper }}",
                                  "{% load static %}", "{{ organization.pk }}", "{% debug %}"])
def test_broken_syntax_tags_filters_and_lookups_are_rejected(cast, body):
    with pytest.raises(ValidationError) as exc:
        services.template_save(organization=cast.org_a, kind=Kind.ROUND, acting_user=cast.alice, subject="ก",
                               body=body, closing="", annex_intro="")
    assert "เนื้อความ" in str(exc.value)


def test_values_are_data_never_template_code(cast, plan, chain):
    cast.org_a.base_name = "{{ fiscal_year }}{% debug %}"
    cast.org_a.save()
    plan.refresh_from_db()
    services.template_save(organization=cast.org_a, kind=Kind.PLAN, acting_user=cast.alice,
                           subject="ประกาศของ {{ organization }}", body="{{ organization }} ปี {{ fiscal_year }}",
                           closing="", annex_intro="")
    doc = services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.PLAN, plan=plan)
    data = build.live_content(doc)
    assert data["subject"] == "ประกาศของ องค์การบริหารส่วนตำบล{{ fiscal_year }}{% debug %}"
    assert data["body"] == ["องค์การบริหารส่วนตำบล{{ fiscal_year }}{% debug %} ปี ๒๕๖๖"]


def test_template_page_shows_the_error(cast, client_for):
    c = client_for(cast.alice)
    address = reverse("reports:template_edit", kwargs={"org_slug": "alpha", "kind": "round"})
    assert c.get(address).status_code == 200
    response = c.post(address, {"subject": "ก", "body": "{{ mayor_name }}", "closing": "", "annex_intro": ""})
    assert response.status_code == 400 and "mayor_name" in response.content.decode()
    ok = c.post(address, {"subject": "รายงาน {{ round }}", "body": "ข้อความของ{{ organization }}", "closing": "จบ",
                          "annex_intro": ""})
    assert ok.status_code == 302
    assert client_for(cast.bob).get(address).status_code == 403


def test_every_default_template_is_valid():
    from prongsai.reports.defaults import DEFAULTS

    for wording in DEFAULTS.values():
        for text in wording.values():
            templating.validate(text, field_label="x")
