"""Fixtures of the reports tests: org A with the source document's plan (17 issues from the
seed template set) and its 6-month results; a three-level approval chain of named executives."""

from __future__ import annotations

import io
import re

import pytest

from prongsai.measures import services as measures
from prongsai.measures.models import Plan, RoundResult
from prongsai.measures.templates_library import template_sets
from prongsai.reports import services
from prongsai.reports.models import Kind
from prongsai.tenancy.models import Department, Membership
from prongsai.testing.factories import MembershipFactory, UserFactory

DEPARTMENTS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสวัสดิการสังคม", "กองส่งเสริมการเกษตร"]
CODES = {"IIT": "(IIT)", "EIT": "(EIT)", "OIT": "(OIT)"}


def make_plan(org, user, *, keys=None, fiscal_year=2566) -> Plan:
    for pos, name in enumerate(DEPARTMENTS):
        Department.objects.get_or_create(organization=org, name=name, defaults={"position": pos})
    if keys is None:
        keys = [t["key"] for t in template_sets()["seed-2566"]["issues"]]
    plan = measures.plan_create(organization=org, fiscal_year=fiscal_year, acting_user=user,
                                source="templates" if keys else "empty", template_keys=keys or None)
    import datetime as dt

    measures.plan_update(plan=plan, acting_user=user, status=Plan.Status.PUBLISHED,
                         meeting_date=dt.date(fiscal_year - 543, 1, 4))
    first = plan.rounds.get(number=1)
    for result in RoundResult.objects.filter(round=first).select_related("issue"):
        measures.round_result_update(result=result, acting_user=user, status=RoundResult.Status.DONE,
                                     text="\n".join(f.text for f in result.issue.follow_ups.all()))
    return plan


@pytest.fixture
def chain(cast):
    """carol (head), dave (clerk), erin (chief) — executives of A, each assigned one level."""
    org = cast.org_a
    dave = UserFactory(username="dave", first_name="เดฟ", last_name="ปลัดดี")
    erin = UserFactory(username="erin", first_name="เอริน", last_name="นายกดี")
    MembershipFactory(organization=org, user=dave, role=Membership.Role.EXECUTIVE, position_title="ปลัดอบต.")
    MembershipFactory(organization=org, user=erin, role=Membership.Role.EXECUTIVE, position_title="นายก")
    Membership.objects.filter(organization=org, user=cast.alice).update(position_title="นักทรัพยากรบุคคลชำนาญการ")
    levels = services.chain_save(organization=org, acting_user=cast.admin_a, levels=[
        ("หัวหน้าสำนักงานปลัด", cast.carol), (org.clerk_title, dave), (org.chief_title, erin)])
    return {"levels": levels, "approvers": [cast.carol, dave, erin]}


@pytest.fixture
def plan(cast):
    return make_plan(cast.org_a, cast.alice)


@pytest.fixture
def round_doc(cast, plan, chain):
    return services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.ROUND, plan=plan,
                                    rnd=plan.rounds.get(number=1))


def issue_through_chain(document, cast, chain, **kwargs):
    services.document_submit(document=document, acting_user=cast.alice)
    for user in chain["approvers"]:
        services.document_decide(document=document, acting_user=user, approve=True)
    document.refresh_from_db()
    return services.document_issue(document=document, acting_user=cast.alice, **kwargs)


def squash(text: str) -> str:
    """Compare Thai text without whitespace or zero-width characters."""
    return re.sub(r"[\s\u200b\u2060]+", "", text or "")


def pdf_pages(data: bytes):
    import pdfplumber

    pdf = pdfplumber.open(io.BytesIO(data))
    # WeasyPrint writes NIKHAHIT of ำ as an empty-text glyph; pdfplumber makes a word of it.
    return [p.filter(lambda o: o.get("object_type") != "char" or o.get("text")) for p in pdf.pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() or "" for p in pdf_pages(data))


def pdf_sections(data: bytes) -> dict[str, list[list[str]]]:
    """{instrument: [row cells…]} from the PDF's tables, captions found above each table."""
    out = {code: [] for code in CODES}
    current = None
    for page in pdf_pages(data):
        events = []
        for line in page.extract_text_lines():
            for code, marker in CODES.items():
                if line["text"].strip().endswith(marker):
                    events.append((line["top"], "caption", code))
        for table in page.find_tables():
            events.append((table.bbox[1], "table", table.extract()))
        for _top, kind, value in sorted(events, key=lambda e: e[0]):
            if kind == "caption":
                current = value
            elif current is not None:
                for row in value:
                    if row and squash(row[0]).startswith("ประเด็นที่ต้อง"):
                        continue  # the repeated header row
                    out[current].append([c or "" for c in row])
    return out


def docx_sections(data: bytes) -> tuple[str, dict[str, list[list[str]]]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    out = {code: [] for code in CODES}
    texts = []
    current = None
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            text = Paragraph(child, document).text
            texts.append(text)
            for code, marker in CODES.items():
                if text.strip().endswith(marker):
                    current = code
        elif child.tag.endswith("}tbl"):
            table = Table(child, document)
            for i, row in enumerate(table.rows):
                cells = ["\n".join(p.text for p in cell.paragraphs) for cell in row.cells]
                texts.extend(cells)
                if current is not None and i > 0:
                    out[current].append(cells)
    return "\n".join(texts).replace("\u200b", ""), out
