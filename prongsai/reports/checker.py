"""Consistency check of a document before issue — and of any uploaded DOCX/PDF.

Finds: names of other organizations (every hosted organization, and every tambon/amphoe/
province name of the gazetteer after an organization prefix such as อบต./เทศบาลตำบล/
องค์การบริหารส่วนตำบล), fiscal years other than the plan's or the one it answers, issues
without a responsible department or date, dates outside the fiscal year, empty round results,
and a document number without its running number."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from prongsai.core.thai import fiscal_year_bounds, thai_date, to_arabic_digits
from prongsai.tenancy.models import Organization

from .gazetteer import amphoe_names, province_names, tambon_names

ORG_PREFIXES = ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร",
                "อบต.", "อบจ.", "ทต.", "ทม.", "ทน.")
_PREFIX = "|".join(re.escape(p) for p in sorted(ORG_PREFIXES, key=len, reverse=True))
_ORG_NAME = re.compile(rf"({_PREFIX})\s?([\u0e01-\u0e4e]+)")
_PLACE = re.compile(r"(ตำบล|อำเภอ|จังหวัด)\s?([\u0e01-\u0e4e]+)")
_YEAR = re.compile(r"(?:พ\.\s?ศ\.|ปีงบประมาณ|ประจำปี)\s*([0-9๐-๙]{4})")
_NUMBER_MISSING = re.compile(r"ที่\s+([ก-ฮ]{2}\s?[0-9๐-๙.]+)/\s*(?:-|$|\s{2,}|วันที่)")


_RESULTS_WORDS = ("ผลการประเมิน", "ITA", "การประเมินคุณธรรม")


@dataclass
class Finding:
    code: str
    message: str
    where: str = ""


def _longest_known(word: str, names) -> str | None:
    """The longest gazetteer name the word starts with (Thai runs on without spaces)."""
    for end in range(len(word), 1, -1):
        if word[:end] in names:
            return word[:end]
    return None


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\u200b", "").replace("\u2060", ""))
    return text.replace("\u0e4d\u0e32", "\u0e33")


def check_text(text: str, *, organization, fiscal_year: int | None = None, answers_year: int | None = None) -> list[Finding]:
    text = normalise(text)
    findings: list[Finding] = []
    own = {organization.base_name}
    others = {o.base_name for o in Organization.objects.exclude(pk=organization.pk).only("base_name")}
    tambons = tambon_names()
    seen = set()

    def add(code, message, where=""):
        if (code, message) not in seen:
            seen.add((code, message))
            findings.append(Finding(code, message, where))

    for match in _ORG_NAME.finditer(text):
        prefix, rest = match.groups()
        if rest.startswith(organization.base_name):
            continue
        name = _longest_known(rest, others | tambons)
        if name and name not in own:
            add("foreign_org", f"พบชื่อหน่วยงานอื่น “{prefix}{name}” (หน่วยงานนี้คือ {organization.name})",
                _context(text, match.start()))
        elif name is None:
            size = len(organization.base_name)
            head = max((rest[:k] for k in (size - 1, size, size + 1)),
                       key=lambda h: SequenceMatcher(None, h, organization.base_name).ratio())
            if SequenceMatcher(None, head, organization.base_name).ratio() >= 0.5:
                add("misspelt_org", f"ชื่อหน่วยงานสะกดผิด “{prefix}{head}” (ที่ถูกคือ {organization.short_name})",
                    _context(text, match.start()))
    places = {"ตำบล": (tambons, organization.subdistrict or organization.base_name),
              "อำเภอ": (amphoe_names(), organization.district), "จังหวัด": (province_names(), organization.province)}
    for match in _PLACE.finditer(text):
        kind, rest = match.groups()
        names, mine = places[kind]
        if text[max(0, match.start() - 20):match.start()].endswith(("องค์การบริหารส่วน", "เทศบาล")):
            continue
        name = _longest_known(rest, names)
        if name and mine and name != mine and not rest.startswith(mine):
            add("foreign_place", f"พบชื่อ{kind}อื่น “{kind}{name}” (หน่วยงานนี้อยู่ที่{kind}{mine})",
                _context(text, match.start()))
    if fiscal_year:
        answers_year = answers_year or fiscal_year - 1
        allowed = {fiscal_year, answers_year}
        for match in _YEAR.finditer(text):
            year = int(to_arabic_digits(match.group(1)))
            # The answered year is right only where the text speaks of the assessment results.
            about_results = any(k in text[max(0, match.start() - 120):match.start()] for k in _RESULTS_WORDS)
            if 2400 < year < 2700 and (year not in allowed or (year == answers_year and not about_results)):
                shown = match.group(1)
                add("wrong_year", f"พบปี พ.ศ. {shown} ซึ่งไม่ใช่ปีงบประมาณของแผน ({_th(fiscal_year)}) "
                                  f"(ปี {_th(answers_year)} ใช้ได้เฉพาะเมื่อกล่าวถึงผลการประเมิน)",
                    _context(text, match.start()))
    for match in _NUMBER_MISSING.finditer(text):
        add("number_missing", f"เลขที่หนังสือ “{match.group(0).strip()}” ไม่มีเลขลำดับ", _context(text, match.start()))
    return findings


def _th(n) -> str:
    from prongsai.core.thai import to_thai_digits

    return to_thai_digits(n)


def _context(text: str, at: int, width: int = 40) -> str:
    return text[max(0, at - width):at + width].replace("\n", " ").strip()


def check_plan(*, plan, rnd=None) -> list[Finding]:
    """Data checks that a text scan cannot see."""
    from prongsai.measures.models import RoundResult

    findings = []
    start, end = fiscal_year_bounds(plan.fiscal_year)
    issues = list(plan.issues.all().prefetch_related("departments"))
    if not issues:
        findings.append(Finding("no_issues", "แผนนี้ยังไม่มีประเด็น: เอกสารจะแสดงข้อความแจ้งแทนตาราง"))
    for issue in issues:
        if not issue.departments.all():
            findings.append(Finding("no_department", f"ประเด็น “{issue.title}” ({issue.instrument}) ยังไม่มีผู้รับผิดชอบ"))
        if not issue.due_date:
            findings.append(Finding("no_date", f"ประเด็น “{issue.title}” ({issue.instrument}) ยังไม่มีวันที่แล้วเสร็จ"))
        elif not (start <= issue.due_date <= end):
            findings.append(Finding("date_outside", f"ประเด็น “{issue.title}”: วันที่แล้วเสร็จ {thai_date(issue.due_date)} "
                                                     f"อยู่นอกปีงบประมาณ พ.ศ. {_th(plan.fiscal_year)}"))
    if rnd is not None:
        results = {r.issue_id: r for r in RoundResult.objects.filter(organization=plan.organization, round=rnd)}
        for issue in issues:
            result = results.get(issue.id)
            if result is None or not result.result_items:
                findings.append(Finding("empty_result", f"ประเด็น “{issue.title}” ({issue.instrument}) ยังไม่มีผลการดำเนินงาน{rnd}"))
    return findings


def check_document(document, model: dict) -> list[Finding]:
    from .build import text_of

    plan = document.plan
    findings = check_plan(plan=plan, rnd=document.round)
    findings += check_text(text_of(model), organization=document.organization, fiscal_year=plan.fiscal_year,
                           answers_year=plan.answers_framework.fiscal_year)
    if document.doc_date:
        start, end = fiscal_year_bounds(plan.fiscal_year)
        if not (start <= document.doc_date <= end):
            findings.append(Finding("doc_date_outside", f"วันที่ของเอกสาร {thai_date(document.doc_date)} อยู่นอกปีงบประมาณ "
                                                         f"พ.ศ. {_th(plan.fiscal_year)}"))
    return findings


def extract_text(data: bytes, kind: str) -> str:
    """Text of an uploaded DOCX (paragraphs and tables) or text-based PDF."""
    if kind == "docx":
        import docx

        doc = docx.Document(io.BytesIO(data))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                parts.extend(cell.text for cell in row.cells)
        return "\n".join(parts)
    if kind == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8", errors="replace")
