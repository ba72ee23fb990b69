"""ITA results: entry form validation, scoring and banding, flagged indicators with the plan
issues answering them, CSV/XLSX import (all or nothing, bad rows named by number), roles, tenancy."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from prongsai.audit.models import AuditEntry
from prongsai.ita import services
from prongsai.ita.models import Framework, Indicator, IndicatorScore, ITAResult, OITItem, OITItemScore
from prongsai.ita.selectors import result_summary
from prongsai.measures import services as measures
from prongsai.measures.models import Issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def fw():
    return Framework.objects.get(fiscal_year=2566)


def form_data(fw, **scores):
    """All ten indicators at 90 unless overridden: ind_<n>=value."""
    data = {f"ind_{i.number}": "90" for i in fw.indicators.all()}
    data.update(scores)
    return data


def csv_upload(rows, name="ita.csv"):
    text = "\n".join(",".join(str(c) for c in row) for row in rows)
    return SimpleUploadedFile(name, ("\ufeff" + text).encode("utf-8"), content_type="text/csv")


def header():
    return services.IMPORT_HEADER


# --- entry form -------------------------------------------------------------------------------


def test_scores_are_saved_scored_and_banded(client_for, cast, fw):
    client = client_for(cast.alice)
    data = form_data(fw, ind_1="๙๖.๕๐", ind_2="70")
    response = client.post("/alpha/staff/ita/2566/edit/", data)
    assert response.status_code == 302
    result = ITAResult.objects.get(organization=cast.org_a, framework=fw)
    assert IndicatorScore.objects.get(result=result, indicator__number=1).score == Decimal("96.50")
    summary = result_summary(organization=cast.org_a, framework=fw)
    assert summary.total is not None and summary.band
    assert [line.indicator.number for line in summary.flagged] == [2]
    entry = AuditEntry.objects.get(organization=cast.org_a, target_type="ita.itaresult")
    assert entry.changes["ตัวชี้วัด 1"] == [None, "96.50"] and entry.actor == cast.alice
    body = client.get("/alpha/staff/ita/2566/").content.decode()
    assert "ต่ำกว่าเกณฑ์" in body and "ยังไม่มีประเด็น" in body


@pytest.mark.parametrize("value,message", [
    ("101", "คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"),
    ("-1", "คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"),
    ("abc", "ไม่ใช่ตัวเลข"),
    ("NaN", "คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐"),
    ("85.555", "ทศนิยมได้ไม่เกิน ๒ ตำแหน่ง"),
    ("8\x005", "NUL"),
])
def test_bad_scores_are_refused_in_thai_and_nothing_is_stored(client_for, cast, fw, value, message):
    response = client_for(cast.alice).post("/alpha/staff/ita/2566/edit/", form_data(fw, ind_3=value))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and "ตัวชี้วัดที่ 3" in body
    assert not ITAResult.objects.filter(organization=cast.org_a).exists()


def test_oit_items_take_only_0_or_100(client_for, cast, fw):
    item = OITItem.objects.filter(framework=fw).first()
    client = client_for(cast.alice)
    response = client.post("/alpha/staff/ita/2566/edit/", form_data(fw, **{f"oit_{item.id}": "50"}))
    assert response.status_code == 400 and "๐ หรือ ๑๐๐" in response.content.decode()
    assert client.post("/alpha/staff/ita/2566/edit/", form_data(fw, **{f"oit_{item.id}": "0"})).status_code == 302
    assert OITItemScore.objects.get(item=item).score == 0
    body = client.get("/alpha/staff/ita/2566/").content.decode()
    assert "ได้ ๐ คะแนน" in body and item.title_th in body


def test_blank_scores_clear_and_the_total_waits_for_all(client_for, cast, fw):
    client = client_for(cast.alice)
    client.post("/alpha/staff/ita/2566/edit/", form_data(fw))
    client.post("/alpha/staff/ita/2566/edit/", form_data(fw, ind_10=""))
    summary = result_summary(organization=cast.org_a, framework=fw)
    assert summary.total is None and not summary.complete


def test_flagged_indicator_lists_the_plan_issues_answering_it(client_for, cast):
    fw65 = Framework.objects.get(fiscal_year=2565)
    client = client_for(cast.alice)
    client.post("/alpha/staff/ita/2565/edit/", form_data(fw65, ind_2="70", ind_4="60"))
    body = client.get("/alpha/staff/ita/2565/").content.decode()
    assert "สร้างแผนปี ๒๕๖๖" in body  # no plan answers 2565 yet
    plan = measures.plan_create(organization=cast.org_a, fiscal_year=2566, acting_user=cast.alice)
    ind2 = Indicator.objects.get(framework=fw65, number=2)
    measures.issue_save(issue=Issue(organization=cast.org_a, plan=plan), acting_user=cast.alice, instrument="IIT",
                        title="<b>งบประมาณโปร่งใส</b>", due_date=dt.date(2023, 3, 31), departments=[cast.finance_a],
                        methods=["สรุปผล"], follow_up=[], indicator=ind2)
    body = client.get("/alpha/staff/ita/2565/").content.decode()
    flagged = body[body.index('id="flagged"'):]
    assert "&lt;b&gt;งบประมาณโปร่งใส&lt;/b&gt;" in flagged
    ind4 = Indicator.objects.get(framework=fw65, number=4)
    assert f"/alpha/staff/plans/2566/issues/new/?indicator={ind4.pk}" in flagged
    assert flagged.count("ยังไม่มีประเด็น") == 1
    # the add-issue link prefills the form with the indicator
    form = client.get(f"/alpha/staff/plans/2566/issues/new/?indicator={ind4.pk}").context["form"]
    assert form.initial["indicator"] == ind4.pk and form.initial["instrument"] == "IIT"


# --- import -----------------------------------------------------------------------------------


def test_csv_import_with_thai_digits(client_for, cast, fw):
    rows = [header(), ["ตัวชี้วัด", "๑", "การปฏิบัติหน้าที่", "๘๕.๕๐"], ["ตัวชี้วัด", "2", "", "70"],
            ["OIT", "o1", "", "100"], ["", "", "", ""]]
    response = client_for(cast.alice).post("/alpha/staff/ita/2566/import/", {"file": csv_upload(rows)})
    assert response.status_code == 302
    scores = dict(IndicatorScore.objects.filter(organization=cast.org_a).values_list("indicator__number", "score"))
    assert scores == {1: Decimal("85.50"), 2: Decimal("70.00")}
    assert OITItemScore.objects.get(organization=cast.org_a).item.code == "O1"
    assert AuditEntry.objects.filter(action="ita_result.import").exists()


def test_a_bad_row_is_named_by_number_and_nothing_is_imported(client_for, cast, fw):
    client = client_for(cast.alice)
    client.post("/alpha/staff/ita/2566/import/", {"file": csv_upload([header(), ["ตัวชี้วัด", "1", "", "80"]])})
    rows = [header(), ["ตัวชี้วัด", "1", "", "95"], ["ตัวชี้วัด", "2", "", "88"], ["ตัวชี้วัด", "3", "", "150"],
            ["ตัวชี้วัด", "99", "", "50"], ["OIT", "O2", "", "50"], ["อื่น", "1", "", "1"], ["ตัวชี้วัด", "2", "", "80"]]
    response = client.post("/alpha/staff/ita/2566/import/", {"file": csv_upload(rows)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "ไม่ได้นำเข้าข้อมูล" in body
    for n in (4, 5, 6, 7, 8):
        assert f"แถวที่ {n}:" in body, n
    assert "แถวที่ 2:" not in body and "แถวที่ 3:" not in body
    scores = dict(IndicatorScore.objects.filter(organization=cast.org_a).values_list("indicator__number", "score"))
    assert scores == {1: Decimal("80.00")}  # unchanged: the import is atomic
    assert not OITItemScore.objects.exists()


def test_xlsx_template_round_trip(client_for, cast, fw):
    client = client_for(cast.alice)
    client.post("/alpha/staff/ita/2566/edit/", form_data(fw, ind_1="77"))
    response = client.get("/alpha/staff/ita/2566/template.xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.active
    assert [c.value for c in ws[1]] == header()
    assert ws.max_row == 1 + fw.indicators.count() + fw.oit_items.count()
    assert ws["D2"].value == 77  # prefilled with the current score
    ws["D2"].value = 91.25
    ws["D3"].value = "๖๕"
    out = io.BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile("ita.xlsx", out.getvalue())
    assert client.post("/alpha/staff/ita/2566/import/", {"file": upload}).status_code == 302
    scores = dict(IndicatorScore.objects.filter(organization=cast.org_a).values_list("indicator__number", "score"))
    assert scores[1] == Decimal("91.25") and scores[2] == Decimal("65.00")
    csv_response = client.get("/alpha/staff/ita/2566/template.csv")
    assert csv_response.content.startswith("\ufeff".encode()) and "ประเภท,รหัส,ชื่อ,คะแนน" in csv_response.content.decode()


def test_xlsx_bad_row_reported_by_its_sheet_row(client_for, cast, fw):
    wb = Workbook()
    ws = wb.active
    ws.append(header())
    ws.append(["ตัวชี้วัด", 1, "", 90])
    ws.append(["ตัวชี้วัด", 2, "", -5])
    out = io.BytesIO()
    wb.save(out)
    response = client_for(cast.alice).post("/alpha/staff/ita/2566/import/",
                                           {"file": SimpleUploadedFile("x.xlsx", out.getvalue())})
    assert response.status_code == 400 and "แถวที่ 3:" in response.content.decode()
    assert not IndicatorScore.objects.exists()


@pytest.mark.parametrize("name,data,message", [
    ("ita.csv", b"\xff\xfe\x00\x00binary", "ไม่ใช่ CSV"),
    ("ita.xlsx", b"PK\x03\x04broken", "ไม่ใช่ Excel"),
    ("ita.pdf", b"%PDF-1.4", "ไม่รับไฟล์ชนิด"),
    ("ita.csv", "ชื่อ,คะแนน\n1,2".encode(), "หัวตาราง"),
])
def test_unreadable_files_are_refused_in_thai(client_for, cast, fw, name, data, message):
    response = client_for(cast.alice).post("/alpha/staff/ita/2566/import/", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 400 and message in response.content.decode()
    assert not ITAResult.objects.exists()


def test_nul_in_an_imported_cell_gives_no_server_error(client_for, cast, fw):
    rows = [header(), ["ตัวชี้วัด", "1", "", "90"], ["ตัวชี้วัด", "2\x00", "", "80"], ["ตัวชี้วัด", "3", "", "9\x000"]]
    response = client_for(cast.alice).post("/alpha/staff/ita/2566/import/", {"file": csv_upload(rows)})
    assert response.status_code == 400
    body = response.content.decode()
    assert "แถวที่ 3:" in body and "แถวที่ 4: มีอักขระควบคุมที่ไม่อนุญาต (NUL)" in body
    assert not IndicatorScore.objects.exists()


# --- roles and tenancy ------------------------------------------------------------------------


def test_readers_read_and_only_managers_write(client_for, cast, fw):
    for user in (cast.bob, cast.carol, cast.victor):
        client = client_for(user)
        assert client.get("/alpha/staff/ita/").status_code == 200
        assert client.get("/alpha/staff/ita/2566/").status_code == 200
        assert client.get("/alpha/staff/ita/2566/template.csv").status_code == 200
        assert client.get("/alpha/staff/ita/2566/edit/").status_code == 403
        assert client.post("/alpha/staff/ita/2566/edit/", form_data(fw)).status_code == 403
        assert client.post("/alpha/staff/ita/2566/import/", {}).status_code == 403
    assert not ITAResult.objects.exists()
    assert client_for(cast.admin_a).post("/alpha/staff/ita/2566/edit/", form_data(fw)).status_code == 302


def test_an_outsider_gets_404_and_never_sees_another_organizations_scores(client_for, cast, fw):
    services.result_save(organization=cast.org_a, framework=fw, acting_user=cast.alice,
                         scores={i.id: "77.77" for i in fw.indicators.all()})
    client = client_for(cast.olivia)
    for url in ["/alpha/staff/ita/", "/alpha/staff/ita/2566/", "/alpha/staff/ita/2566/edit/",
                "/alpha/staff/ita/2566/import/", "/alpha/staff/ita/2566/template.xlsx"]:
        assert client.get(url).status_code == 404, url
    assert client.post("/alpha/staff/ita/2566/edit/", form_data(fw)).status_code == 404
    assert "77.77" not in client.get("/beta/staff/ita/2566/").content.decode()
    assert "77.77" not in client.get("/beta/staff/ita/2566/template.csv").content.decode()
    assert client.get("/beta/staff/ita/2599/").status_code == 404


def test_ids_of_another_framework_are_refused_by_the_service(cast, fw):
    other = Indicator.objects.get(framework__fiscal_year=2565, number=1)
    with pytest.raises(Exception) as exc:
        services.result_save(organization=cast.org_a, framework=fw, acting_user=cast.alice, scores={other.id: "50"})
    assert "ไม่อยู่ในกรอบการประเมินปี 2566" in str(exc.value)
    assert not ITAResult.objects.exists()
