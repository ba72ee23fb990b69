"""The round report as PDF and DOCX: every issue under its instrument, methods and results in
order with generated numbers, one organization name, Thai digits, Buddhist-era dates, the four
signatories; the plan announcement and the analysis; 0 and 300 issues; Arabic digits."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from prongsai.core.thai import to_thai_digits
from prongsai.measures import selectors as measures_selectors
from prongsai.measures import services as measures
from prongsai.measures.models import RoundResult
from prongsai.reports import build, checker, services
from prongsai.reports.models import Kind
from prongsai.reports.render_docx import docx_bytes
from prongsai.reports.render_pdf import pdf_bytes
from prongsai.tenancy.models import Department

from .conftest import docx_sections, issue_through_chain, make_plan, pdf_sections, pdf_text, squash

pytestmark = pytest.mark.django_db


def numbered(items):
    return squash("".join(f"{to_thai_digits(i)}. {text}" for i, text in enumerate(items, 1)))


def expected_rows(plan, rnd):
    issues = measures_selectors.plan_issues(plan=plan)
    results = {r.issue_id: r for r in RoundResult.objects.filter(round=rnd)}
    grouped = measures_selectors.group_by_instrument(issues)
    return {code: [(squash(i.title), numbered([m.text for m in i.methods.all()]),
                    numbered(results[i.id].result_items)) for i in rows] for code, rows in grouped.items()}


def assert_rows(sections, expected):
    for code, rows in expected.items():
        got = [(squash(r[0]), squash(r[1]), squash(r[4])) for r in sections[code]]
        assert got == rows, code


@pytest.fixture
def issued(cast, plan, chain, round_doc):
    services.document_update(document=round_doc, acting_user=cast.alice, doc_date=dt.date(2023, 4, 10))
    return issue_through_chain(round_doc, cast, chain)


def test_round_report_pdf_has_every_issue_method_and_result_in_order(cast, plan, issued):
    data = issued.pdf.read()
    sections = pdf_sections(data)
    expected = expected_rows(plan, issued.round)
    assert [len(expected[c]) for c in ("IIT", "EIT", "OIT")] == [5, 3, 9]
    assert_rows(sections, expected)
    text = pdf_text(data)
    # The memo: number, BE date, subject, the four signatories (name in parentheses, position below).
    assert "ที่ ขก ๐๐๐๐๑/๑" in text
    assert "๑๐ เมษายน ๒๕๖๖" in text
    assert "๓๑ มี.ค. ๖๖" in text
    assert "บันทึกข้อความ" in text and "จึงเรียนมาเพื่อโปรดทราบ" in text
    lines = text.splitlines()
    for user, position in [(cast.alice, "นักทรัพยากรบุคคลชำนาญการ"), (cast.carol, "หัวหน้าสำนักงานปลัด"),
                           ("dave", cast.org_a.clerk_title), ("erin", cast.org_a.chief_title)]:
        name = user.display_name if hasattr(user, "display_name") else \
            type(cast.alice).objects.get(username=user).display_name
        name = to_thai_digits(name)
        assert f"({name})" in lines, [line for line in lines if "(" in line]
        at = lines.index(f"({name})")
        assert lines[at + 1] == position
    # Thai digits only, one organization only.
    assert not re.search(r"[0-9]", text)
    assert not [f for f in checker.check_text(text, organization=cast.org_a, fiscal_year=2566, answers_year=2565)
                if f.code in ("foreign_org", "misspelt_org", "foreign_place")]
    # SARA AM extracts exactly (องค์การ, ตำบล, น้ำ-like syllables are not garbled).
    assert "องค์การบริหารส่วนตำบล" in text and "ต  าบล" not in text


def test_round_report_docx_matches(cast, plan, issued):
    text, sections = docx_sections(issued.docx.read())
    assert_rows(sections, expected_rows(plan, issued.round))
    assert "ที่  ขก ๐๐๐๐๑/๑" in text or "ขก ๐๐๐๐๑/๑" in text
    assert "๑๐ เมษายน ๒๕๖๖" in text
    assert not re.search(r"[0-9]", text)
    lines = text.splitlines()
    approvers = [cast.carol, *type(cast.alice).objects.filter(username__in=["dave", "erin"]).order_by("username")]
    for user, position in zip([cast.alice, *approvers], ["นักทรัพยากรบุคคลชำนาญการ", "หัวหน้าสำนักงานปลัด",
                                                         cast.org_a.clerk_title, cast.org_a.chief_title], strict=True):
        at = lines.index(f"({to_thai_digits(user.display_name)})")
        assert lines[at + 1] == position
    assert not [f for f in checker.check_text(text, organization=cast.org_a, fiscal_year=2566, answers_year=2565)
                if f.code in ("foreign_org", "misspelt_org", "foreign_place")]
    assert cast.org_a.name in text


def test_docx_names_thai_font_with_complex_script_properties(cast, plan, round_doc):
    import io
    import zipfile

    model = build.assemble(round_doc)
    data = docx_bytes(model)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:cs="TH Sarabun New"' in xml and 'w:szCs w:val="32"' in xml and 'w:bidi="th-TH"' in xml
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<w:tblHeader" in document and "<w:cantSplit" in document
    assert 'w:left="1701"' in document and 'w:right="1134"' in document  # 3 cm / 2 cm
    assert 'w:top="850"' in document and 'w:top="1417"' in document  # memo 1.5 cm, annex 2.5 cm
    assert 'w:w="11906"' in document  # A4


def test_pdf_lines_break_only_between_words(cast, plan, round_doc):
    """Every line end of the memo body falls on a word boundary of our segmentation."""
    from prongsai.reports.thaitext import pieces, segment

    model = build.assemble(round_doc)
    text = pdf_text(pdf_bytes(model))
    paragraphs = [squash(p) for p in round_doc.data.get("body", []) or build.live_content(round_doc)["body"]]
    checked = 0
    for para, raw in zip(paragraphs, build.live_content(round_doc)["body"], strict=False):
        bounds = set()
        pos = 0
        for token in segment(raw):
            for piece in pieces(token) if not token.isspace() else [token]:
                pos += len(squash(piece))
                bounds.add(pos)
        lines = [squash(line) for line in text.splitlines()]
        offset = 0
        for line in lines:
            if line and para.startswith(line, offset):
                offset += len(line)
                if offset < len(para):
                    assert offset in bounds, para[max(0, offset - 10):offset] + "|" + para[offset:offset + 10]
                    checked += 1
    assert checked >= 3


def test_pdf_with_our_lean_user_agent_stylesheet_is_weasyprints_own(cast, plan, round_doc):
    """render_pdf drops WeasyPrint's universal ::marker/::footnote/::note rules for speed; the
    round report must come out byte for byte as with WeasyPrint's full stylesheet."""
    from pathlib import Path

    import weasyprint

    from prongsai.reports import render_pdf

    assert render_pdf._report_ua_stylesheets() is not None  # the rules were found and dropped
    model = build.assemble(round_doc)
    stock = weasyprint.HTML(string=render_pdf.html(model), base_url=str(Path(render_pdf.__file__).parent))
    assert pdf_bytes(model) == stock.write_pdf()


def test_plan_announcement_and_analysis(cast, plan, chain):
    ann = services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.PLAN, plan=plan)
    model = build.assemble(ann)
    text = pdf_text(pdf_bytes(model))
    assert f"ประกาศ{cast.org_a.name}" in text
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖" in text
    assert "จึงประกาศมาเพื่อทราบโดยทั่วกัน" in text
    sections = pdf_sections(pdf_bytes(model))
    assert [len(sections[c]) for c in ("IIT", "EIT", "OIT")] == [5, 3, 9]
    analysis = services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.ANALYSIS, plan=plan)
    atext = pdf_text(pdf_bytes(build.assemble(analysis)))
    # No ITA result recorded for org A: a clear message instead of an empty score table.
    assert "ยังไม่ได้บันทึกผลการประเมิน ITA" in atext


def test_analysis_with_scores_lists_flagged_indicators_and_issues(cast, plan, chain):
    from decimal import Decimal

    from prongsai.ita.models import Indicator, IndicatorScore, ITAResult

    result = ITAResult.objects.create(organization=cast.org_a, framework=plan.answers_framework)
    for ind in Indicator.objects.filter(framework=plan.answers_framework):
        IndicatorScore.objects.create(organization=cast.org_a, result=result, indicator=ind,
                                      score=Decimal("70.00") if ind.number == 1 else Decimal("95.00"))
    analysis = services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.ANALYSIS, plan=plan)
    data = docx_bytes(build.assemble(analysis))
    text, _sections = docx_sections(data)
    assert "ตัวชี้วัดที่ต่ำกว่าเกณฑ์และประเด็นในแผนที่ตอบ" in text
    assert "ต่ำกว่าเกณฑ์" in text and "๗๐.๐๐" in text
    assert "๑. การปฏิบัติหน้าที่" in text  # the issue answering indicator 1


def test_zero_issues_gives_a_clear_message(cast, chain):
    plan = make_plan(cast.org_a, cast.alice, keys=[])
    doc = services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.ROUND, plan=plan,
                                   rnd=plan.rounds.get(number=1))
    model = build.assemble(doc)
    assert "แผนนี้ยังไม่มีประเด็น" in pdf_text(pdf_bytes(model))
    assert "แผนนี้ยังไม่มีประเด็น" in docx_sections(docx_bytes(model))[0]
    assert any(f.code == "no_issues" for f in services.findings_for(doc))


def test_three_hundred_issues(cast, chain):
    plan = make_plan(cast.org_a, cast.alice, keys=[])
    dept = Department.objects.get(organization=cast.org_a, name="สำนักปลัด")
    for n in range(300):
        measures.issue_save(issue=plan.issues.model(organization=cast.org_a, plan=plan), acting_user=cast.alice,
                            instrument=("IIT", "EIT", "OIT")[n % 3], title=f"ประเด็นทดสอบที่ {n + 1} การดำเนินงาน",
                            due_date=dt.date(2023, 3, 31), departments=[dept],
                            methods=[f"วิธีการที่ {k} ของประเด็น {n + 1}" for k in (1, 2)],
                            follow_up=[f"ผลที่ {k}" for k in (1, 2)], audit=False)
    rnd = plan.rounds.get(number=1)
    for r in RoundResult.objects.filter(round=rnd):
        r.result = "ดำเนินการแล้ว\nรายงานผู้บริหาร"
        r.save()
    doc = services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.ROUND, plan=plan, rnd=rnd)
    model = build.assemble(doc)
    _text, sections = docx_sections(docx_bytes(model))
    assert [len(sections[c]) for c in ("IIT", "EIT", "OIT")] == [100, 100, 100]
    assert squash(sections["OIT"][-1][0]) == squash("ประเด็นทดสอบที่ ๓๐๐ การดำเนินงาน")
    pdf_rows = pdf_sections(pdf_bytes(model))
    assert [len(pdf_rows[c]) for c in ("IIT", "EIT", "OIT")] == [100, 100, 100]
    assert all(squash(row[0]) for rows in pdf_rows.values() for row in rows)  # no row lost its issue text


def test_arabic_digits_setting(cast, plan, round_doc):
    cast.org_a.thai_digits = False
    cast.org_a.save()
    round_doc.refresh_from_db()
    text = pdf_text(pdf_bytes(build.assemble(round_doc)))
    assert "31 มี.ค. 66" in text and "พ.ศ. 2566" in text
    assert not re.search("[๐-๙]", text)


def test_ita_report_command(cast, plan, chain, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "r.docx"
    call_command("ita_report", org="alpha", year=2566, round=1, kind="round", format="docx", out=str(out))
    text, sections = docx_sections(out.read_bytes())
    assert len(sections["OIT"]) == 9 and cast.org_a.name in text
    folder = tmp_path / "all"
    call_command("ita_report", all=True, year=2566, kind="plan", format="pdf", out=str(folder))
    assert (folder / "alpha-plan-2566.pdf").read_bytes().startswith(b"%PDF")


def test_a_row_taller_than_a_page_repeats_its_issue(cast, chain):
    plan = make_plan(cast.org_a, cast.alice, keys=[])
    dept = Department.objects.get(organization=cast.org_a, name="สำนักปลัด")
    methods = [f"วิธีการดำเนินการลำดับที่ {k} จัดทำแผนผังขั้นตอนการให้บริการของแต่ละงานพร้อมกำหนดผู้รับผิดชอบ"
               f"และประชาสัมพันธ์ผ่านทางเว็บไซต์ของหน่วยงานให้ประชาชนได้รับทราบ" for k in range(1, 41)]
    measures.issue_save(issue=plan.issues.model(organization=cast.org_a, plan=plan), acting_user=cast.alice,
                        instrument="IIT", title="การปฏิบัติหน้าที่", due_date=dt.date(2023, 3, 31), departments=[dept],
                        methods=methods, follow_up=["รายงานผล"])
    rnd = plan.rounds.get(number=1)
    RoundResult.objects.filter(round=rnd).update(result="ดำเนินการแล้ว")
    doc = services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.ROUND, plan=plan, rnd=rnd)
    rows = pdf_sections(pdf_bytes(build.assemble(doc)))["IIT"]
    assert len(rows) >= 3
    assert all(squash(r[0]).startswith("การปฏิบัติหน้าที่") for r in rows)
    assert all("(ต่อ)" in r[0] for r in rows[1:])
    assert squash("".join(r[1] for r in rows)) == numbered([to_thai_digits(m) for m in methods])
    assert squash("".join(r[4] for r in rows)) == numbered(["ดำเนินการแล้ว"])


def test_docx_elements_are_in_schema_order(cast, plan, round_doc):
    """Word rejects out-of-order children of rPr/pPr/tblPr/sectPr (LibreOffice does not)."""
    import io
    import zipfile

    from lxml import etree

    from prongsai.reports.render_docx import ORDER

    data = docx_bytes(build.assemble(round_doc))
    archive = zipfile.ZipFile(io.BytesIO(data))
    checked = 0
    for name in archive.namelist():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        root = etree.fromstring(archive.read(name))
        for parent_name, order in ORDER.items():
            for parent in root.iter(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{parent_name}"):
                ranks = [order.index(child.tag.rsplit("}", 1)[-1]) for child in parent
                         if child.tag.rsplit("}", 1)[-1] in order]
                assert ranks == sorted(ranks), (name, parent_name, [c.tag.rsplit("}", 1)[-1] for c in parent])
                checked += 1
    assert checked > 100
