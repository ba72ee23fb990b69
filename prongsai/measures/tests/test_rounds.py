"""Follow-up rounds: default and edited rounds, per-issue updates limited to the responsible
department, evidence checked by content, the coordinator's dashboard and the audit trail."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.audit.models import AuditEntry
from prongsai.measures.models import Evidence, Round, RoundResult

from .conftest import issue

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    """A real (decodable) PNG: uploads refuse broken images."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buf, "PNG")
    return buf.getvalue()


PNG = _png()


def docx_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def url(target, number=1, suffix=""):
    return f"/alpha/staff/plans/2566/rounds/{number}/issues/{target.pk}/{suffix}"


# --- rounds -----------------------------------------------------------------------------------


def test_default_rounds_are_recreated_and_rounds_are_editable(client_for, cast, plan_a):
    client = client_for(cast.alice)
    Round.objects.filter(plan=plan_a).delete()
    assert client.post("/alpha/staff/plans/2566/rounds/defaults/").status_code == 302
    assert [(r.number, r.months, r.period_end) for r in plan_a.rounds.all()] == [
        (1, 6, dt.date(2023, 3, 31)), (2, 12, dt.date(2023, 9, 30))]
    # every issue has a result row in every round
    assert RoundResult.objects.filter(round__plan=plan_a).count() == 4
    response = client.post("/alpha/staff/plans/2566/rounds/1/edit/", {"name": "รอบครึ่งปี", "months": "๖",
                                                                      "period_end": "2023-04-30"})
    assert response.status_code == 302
    first = plan_a.rounds.get(number=1)
    assert (first.name, first.period_end) == ("รอบครึ่งปี", dt.date(2023, 4, 30))
    entry = AuditEntry.objects.filter(action="round.update", target_id=str(first.pk)).latest("id")
    assert entry.changes["period_end"] == ["2023-03-31", "2023-04-30"]
    assert "รอบครึ่งปี" in client.get("/alpha/staff/plans/2566/rounds/").content.decode()


def test_round_end_outside_the_fiscal_year_is_refused(client_for, cast, plan_a):
    response = client_for(cast.alice).post("/alpha/staff/plans/2566/rounds/new/", {"name": "", "months": "3",
                                                                                   "period_end": "2024-01-31"})
    assert response.status_code == 400 and "ต้องอยู่ในปีงบประมาณ พ.ศ. 2566" in response.content.decode()
    assert plan_a.rounds.count() == 2


def test_round_page_groups_issues_by_instrument_with_status(client_for, cast, plan_a):
    body = client_for(cast.victor).get("/alpha/staff/plans/2566/rounds/1/").content.decode()
    assert body.index('id="h-IIT"') < body.index("การใช้จ่ายงบประมาณ") < body.index('id="h-EIT"')
    assert "ยังไม่เริ่ม" in body
    assert "รายงานผล</a>" not in body  # a viewer gets no update buttons


# --- who may update ---------------------------------------------------------------------------


def test_department_staff_update_their_own_issue_and_get_403_on_others(client_for, cast, plan_a):
    budget, office = issue(plan_a, "การใช้จ่ายงบประมาณ"), issue(plan_a, "การใช้อำนาจ")
    client = client_for(cast.bob)  # กองคลัง
    assert client.get(url(budget)).status_code == 200
    response = client.post(url(budget), {"status": "done", "result": "๑. สรุปผลแล้ว\n๒. เผยแพร่แล้ว"})
    assert response.status_code == 302
    result = budget.round_results.get(round__number=1)
    assert (result.status, result.result, result.reported_by) == ("done", "สรุปผลแล้ว\nเผยแพร่แล้ว", cast.bob)
    assert result.reported_at is not None
    assert client.get(url(office)).status_code == 403
    assert client.post(url(office), {"status": "done", "result": "x"}).status_code == 403
    assert client.post(url(office, suffix="evidence/"), {"title": "x", "url": "https://example.com"}).status_code == 403
    assert office.round_results.get(round__number=1).status == "not_started"
    # the round page offers bob only his own issue
    body = client.get("/alpha/staff/plans/2566/rounds/1/").content.decode()
    assert url(budget) in body and url(office) not in body


def test_coordinator_updates_every_issue_and_readers_cannot(client_for, cast, plan_a):
    office = issue(plan_a, "การใช้อำนาจ")
    assert client_for(cast.alice).post(url(office), {"status": "in_progress", "result": ""}).status_code == 302
    assert client_for(cast.admin_a).get(url(office)).status_code == 200
    for reader in (cast.carol, cast.victor):
        assert client_for(reader).get(url(office)).status_code == 403
        assert client_for(reader).post(url(office), {"status": "done"}).status_code == 403
    assert office.round_results.get(round__number=1).status == "in_progress"


def test_result_update_is_audited_with_old_and_new(client_for, cast, plan_a):
    budget = issue(plan_a, "การใช้จ่ายงบประมาณ")
    client_for(cast.bob).post(url(budget), {"status": "done", "result": "เผยแพร่แล้ว"})
    result = budget.round_results.get(round__number=1)
    entry = AuditEntry.objects.get(action="result.update", target_id=str(result.pk))
    assert entry.actor == cast.bob
    assert entry.changes == {"status": ["not_started", "done"], "result": ["", "เผยแพร่แล้ว"]}
    page = client_for(cast.alice).get("/alpha/staff/audit/?kind=result").content.decode()
    assert "เผยแพร่แล้ว" in page and "<del>ยังไม่เริ่ม</del> → <ins>ดำเนินการแล้ว</ins>" in page


def test_bad_status_html_and_nul_in_results(client_for, cast, plan_a):
    budget = issue(plan_a, "การใช้จ่ายงบประมาณ")
    client = client_for(cast.bob)
    response = client.post(url(budget), {"status": "finished", "result": "x"})
    assert response.status_code == 400 and "ที่เลือกไม่มีในรายการ" in response.content.decode()
    response = client.post(url(budget), {"status": "done", "result": "ผล\x00"})
    assert response.status_code == 400 and "NUL" in response.content.decode()
    assert budget.round_results.get(round__number=1).status == "not_started"
    client.post(url(budget), {"status": "done", "result": "<img src=x onerror=alert(1)>"})
    body = client.get("/alpha/staff/plans/2566/rounds/1/").content.decode()
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body


# --- evidence ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name,data", [("หนังสือ.pdf", PDF), ("photo.png", PNG), ("รายงาน.docx", None)])
def test_evidence_files_of_allowed_kinds_are_stored_and_downloadable(client_for, cast, plan_a, name, data):
    budget = issue(plan_a, "การใช้จ่ายงบประมาณ")
    client = client_for(cast.bob)
    upload = SimpleUploadedFile(name, data or docx_bytes())
    response = client.post(url(budget, suffix="evidence/"), {"title": "หลักฐาน", "file": upload})
    assert response.status_code == 302
    ev = Evidence.objects.get()
    assert ev.original_name == name and ev.uploaded_by == cast.bob
    assert ev.file.name.startswith(f"org/{cast.org_a.pk}/evidence/")
    download = client_for(cast.victor).get(f"/alpha/staff/evidence/{ev.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == (data or docx_bytes())
    assert AuditEntry.objects.filter(action="evidence.add", target_id=str(ev.pk)).exists()


def test_evidence_whose_content_is_not_what_its_name_says_is_refused(client_for, cast, plan_a):
    budget = issue(plan_a, "การใช้จ่ายงบประมาณ")
    client = client_for(cast.bob)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all")
    response = client.post(url(budget, suffix="evidence/"), {"title": "หลักฐาน", "file": fake})
    assert response.status_code == 400 and "ไม่ใช่ PDF" in response.content.decode()
    exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00")
    response = client.post(url(budget, suffix="evidence/"), {"title": "หลักฐาน", "file": exe})
    assert response.status_code == 400 and "ไม่รับไฟล์ชนิด" in response.content.decode()
    assert not Evidence.objects.exists()


def test_oversized_evidence_is_refused(client_for, cast, plan_a, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    budget = issue(plan_a, "การใช้จ่ายงบประมาณ")
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 2000)
    response = client_for(cast.bob).post(url(budget, suffix="evidence/"), {"title": "ใหญ่", "file": big})
    assert response.status_code == 400 and "เกินขนาดสูงสุด" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_links_need_http_and_a_title(client_for, cast, plan_a):
    budget = issue(plan_a, "การใช้จ่ายงบประมาณ")
    client = client_for(cast.bob)
    response = client.post(url(budget, suffix="evidence/"), {"title": "ลิงก์", "url": "javascript:alert(1)"})
    assert response.status_code == 400 and "ที่อยู่เว็บที่ถูกต้อง" in response.content.decode()
    response = client.post(url(budget, suffix="evidence/"), {"title": "ลิงก์"})
    assert response.status_code == 400 and "แนบไฟล์หรือใส่ลิงก์อย่างน้อยหนึ่งอย่าง" in response.content.decode()
    assert client.post(url(budget, suffix="evidence/"), {"title": "ลิงก์", "url": "https://example.com/x"}).status_code == 302
    ev = Evidence.objects.get()
    assert client_for(cast.victor).post(f"/alpha/staff/evidence/{ev.pk}/delete/").status_code == 403
    assert client_for(cast.bob).post(f"/alpha/staff/evidence/{ev.pk}/delete/").status_code == 302
    assert not Evidence.objects.exists()
    assert AuditEntry.objects.filter(action="evidence.remove").exists()


# --- dashboard --------------------------------------------------------------------------------


def test_dashboard_progress_overdue_and_missing_evidence(client_for, cast, plan_a, monkeypatch):
    from django.utils import timezone

    budget, office = issue(plan_a, "การใช้จ่ายงบประมาณ"), issue(plan_a, "การใช้อำนาจ")
    client_for(cast.bob).post(url(budget), {"status": "done", "result": "เสร็จ"})
    client_for(cast.bob).post(url(budget, suffix="evidence/"), {"title": "ลิงก์", "url": "https://example.com/x"})
    monkeypatch.setattr(timezone, "localdate", lambda *a: dt.date(2023, 4, 15))
    response = client_for(cast.alice).get("/alpha/staff/")
    ctx = response.context
    assert ctx["round"].number == 2  # the round running on 15 Apr
    response = client_for(cast.alice).get("/alpha/staff/?round=1")
    ctx = response.context
    assert ctx["by_instrument"]["IIT"] == {"total": 2, "done": 1, "percent": 50}
    assert ctx["by_department"]["กองคลัง"]["percent"] == 100 and ctx["by_department"]["สำนักปลัด"]["percent"] == 0
    assert [r.issue for r in ctx["overdue"]] == [office]
    assert [r.issue for r in ctx["no_evidence"]] == [office]
    # in round 2 the budget issue, done in round 1, is still not overdue
    ctx = client_for(cast.alice).get("/alpha/staff/?round=2").context
    assert [r.issue for r in ctx["overdue"]] == [office]
    body = response.content.decode()
    assert url(office) in body


@pytest.mark.parametrize("path,data", [
    ("/alpha/staff/plans/new/", {"fiscal_year": "25\x0067", "source": "empty"}),
    ("/alpha/staff/plans/new/", {"fiscal_year": "2567", "source": "\x00"}),
    ("/alpha/staff/plans/2566/rounds/new/", {"name": "รอบ\x00", "months": "6", "period_end": "2023-03-31"}),
    ("/alpha/staff/plans/2566/rounds/new/", {"name": "", "months": "6\x00", "period_end": "2023-03-31"}),
    ("/alpha/staff/plans/2566/rounds/new/", {"name": "", "months": "6", "period_end": "2023-03-31\x00"}),
    ("/alpha/staff/plans/2566/issues/new/", {"instrument": "IIT", "title": "ก", "methods": "ก", "due_date": "2023-03-31",
                                            "departments": ["\x00"]}),
    ("/alpha/staff/plans/2566/issues/new/", {"instrument": "IIT", "title": "ก", "methods": "ก", "due_date": "2023-03-31",
                                            "departments": ["1"], "indicator": "\x00"}),
])
def test_nul_anywhere_in_plan_and_round_forms_is_refused_without_a_server_error(client_for, cast, plan_a, path, data):
    rounds_before = plan_a.rounds.count()
    response = client_for(cast.alice).post(path, data)
    assert response.status_code == 400
    assert plan_a.rounds.count() == rounds_before and not plan_a.issues.filter(title="ก").exists()


def test_nul_in_evidence_fields_and_audit_filters(client_for, cast, plan_a):
    budget = issue(plan_a, "การใช้จ่ายงบประมาณ")
    client = client_for(cast.bob)
    response = client.post(url(budget, suffix="evidence/"), {"title": "ก\x00", "url": "https://example.com/\x00"})
    assert response.status_code == 400 and "NUL" in response.content.decode()
    assert not Evidence.objects.exists()
    page = client_for(cast.alice).get("/alpha/staff/audit/", {"kind": "\x00", "plan": "\x00", "issue": "\x00",
                                                              "actor": "\x00", "page": "\x00"})
    assert page.status_code == 200


def test_department_staff_see_their_own_issues_on_the_dashboard(client_for, cast, plan_a):
    budget, office = issue(plan_a, "การใช้จ่ายงบประมาณ"), issue(plan_a, "การใช้อำนาจ")
    response = client_for(cast.bob).get("/alpha/staff/?round=1")
    assert [r.issue for r in response.context["mine"]] == [budget]
    body = response.content.decode()
    mine = body[body.index('id="mine-h"'):body.index("ความก้าวหน้าตามเครื่องมือการประเมิน")]
    assert url(budget) in mine and url(office) not in mine
    assert "mine" not in client_for(cast.alice).get("/alpha/staff/?round=1").context
