"""One data model for every document, built from the plan; both renderers (PDF through HTML,
DOCX) read only this model.

`content(...)` is what the plan says (frozen at submit); `assemble(...)` adds what the
document's own state says (number, date, signatures) and returns the full model:

    {"kind", "title", "thai_digits", "sections": [{"layout": "memo"|"announcement"|"annex",
                                                   "blocks": [block, …]}]}

Blocks: garuda · memo_title · memo_field(label, value[, label2, value2]) · heading(text, size,
bold) · para(text, indent, label) · rule · table(caption, columns[{label, width}], rows[[cell]])
where a cell is {"lines": [...], "numbered": bool} · notice(text) · signatures(items[{name,
position}], align)."""

from __future__ import annotations

import datetime as dt
import re

from prongsai.core.thai import thai_date, to_arabic_digits, to_thai_digits
from prongsai.ita.models import OITItem
from prongsai.ita.selectors import result_summary
from prongsai.measures import selectors as measures_selectors
from prongsai.measures.models import INSTRUMENT_ORDER, Instrument, RoundResult
from prongsai.tenancy.models import Department, Membership

from . import templating
from .defaults import DEFAULTS
from .models import ApprovalLevel, Document, DocumentTemplate, Kind

ROUND_ITEM = "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
PLAN_ITEM = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
ISSUE_COLUMNS = [
    {"label": "ประเด็นที่ต้องปรับปรุงแก้ไข/ประเด็นที่ต้องพัฒนา", "width": 16},
    {"label": "วิธีการดำเนินการ", "width": 29},
    {"label": "ผู้รับผิดชอบ", "width": 15},
    {"label": "การดำเนินการแล้วเสร็จ", "width": 13},
    {"label": "รายงานผล/การติดตามผล", "width": 27},
]
_ASCII_DIGIT = re.compile(r"[0-9]")
_THAI_DIGIT = re.compile(r"[๐-๙]")
_MARK_END = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]$")


def oit_item(framework, title: str) -> OITItem | None:
    if framework is None:
        return None
    return OITItem.objects.filter(framework=framework, title_th=title).order_by("position").first()


def template_for(organization, kind: str) -> dict:
    row = DocumentTemplate.objects.filter(organization=organization, kind=kind).first()
    if row is None:
        return dict(DEFAULTS[kind])
    return {"subject": row.subject, "body": row.body, "closing": row.closing, "annex_intro": row.annex_intro}


def _framework_of_year(year: int):
    from prongsai.ita.models import Framework

    return Framework.objects.filter(fiscal_year=year).first()


def field_values(*, plan, rnd=None, kind: str, department: str = "") -> dict:
    org = plan.organization
    thai = org.thai_digits

    def n(value):
        return to_thai_digits(value) if thai else str(value)

    item = oit_item(_framework_of_year(plan.fiscal_year) or plan.answers_framework,
                    ROUND_ITEM if kind == Kind.ROUND else PLAN_ITEM)
    values = {
        "organization": org.name,
        "organization_short": org.short_name,
        "department": department,
        "district": org.district,
        "province": org.province,
        "fiscal_year": n(plan.fiscal_year),
        "answers_year": n(plan.answers_framework.fiscal_year),
        "round": f"รอบ {n(rnd.months)} เดือน" if rnd else "",
        "period_end": thai_date(rnd.period_end, thai_digits=thai) if rnd else "",
        "meeting_date": thai_date(plan.meeting_date, thai_digits=thai) if plan.meeting_date else "",
        "oit_item": item.code if item else "",
        "oit_number": n(f"{item.number:03d}") if item else "",
        "oit_title": item.title_th if item else "",
        "chief_title": org.chief_title,
        "issue_count": n(plan.issues.count()),
    }
    return values


def _cell(lines, numbered=False):
    lines = [line for line in lines if line]
    if numbered:
        lines = [f"{i}. {line}" for i, line in enumerate(lines, 1)]
    return {"lines": lines, "numbered": numbered}


def _issue_rows(issues, *, results_by_issue=None, follow_up=False, thai=True):
    rows = []
    for issue in issues:
        if results_by_issue is not None:
            result = results_by_issue.get(issue.id)
            last = result.result_items if result else []
        else:
            last = [f.text for f in issue.follow_ups.all()] if follow_up else []
        rows.append([
            _cell([issue.title]),
            _cell([m.text for m in issue.methods.all()], numbered=True),
            _cell([d.name for d in issue.departments.all()]),
            _cell([thai_date(issue.due_date, thai_digits=thai, style="short")]),
            _cell(last, numbered=True),
        ])
    return rows


# A row must never break across pages (its issue text would stay behind on the first page):
# rows estimated taller than this many lines are cut into parts that each repeat the issue.
MAX_ROW_LINES = 34
CM_PER_CHAR = 0.16  # TH Sarabun New at 15 pt, counting every code point (marks included)
TEXT_WIDTH_CM = 16.0


def _lines_needed(text: str, width_pct: float) -> int:
    per_line = max(4, int(TEXT_WIDTH_CM * width_pct / 100 / CM_PER_CHAR) - 2)
    return max(1, -(-len(text) // per_line))


def split_long_rows(rows: list, columns: list, *, limit: int = MAX_ROW_LINES) -> list:
    """Cut a row taller than `limit` estimated lines into parts; each part repeats the issue
    (marked “(ต่อ)”), its units and date, and carries the next methods/results in order."""
    out = []
    for row in rows:
        heights = [sum(_lines_needed(line, col["width"]) for line in cell["lines"]) for cell, col in zip(row, columns, strict=False)]
        if max(heights, default=0) <= limit:
            out.append(row)
            continue
        queues = [list(cell["lines"]) for cell in row]
        first = True
        while first or any(queues[i] for i in (1, 4) if i < len(queues)):
            part = []
            for i, (cell, col) in enumerate(zip(row, columns, strict=False)):
                if i in (1, 4):
                    taken, used = [], 0
                    while queues[i] and (not taken or used + _lines_needed(queues[i][0], col["width"]) <= limit):
                        used += _lines_needed(queues[i][0], col["width"])
                        taken.append(queues[i].pop(0))
                    part.append({"lines": taken, "numbered": cell["numbered"]})
                elif i == 0 and not first:
                    part.append({"lines": [f"{line} (ต่อ)" for line in cell["lines"]], "numbered": False})
                else:
                    part.append(cell)
            out.append(part)
            first = False
    return out


def _issue_tables(issues, *, results_by_issue=None, follow_up=False, thai=True) -> list[dict]:
    grouped = measures_selectors.group_by_instrument(issues)
    blocks = []
    for code in INSTRUMENT_ORDER:
        if not grouped[code]:
            continue
        blocks.append({"t": "table", "caption": str(Instrument(code).label), "columns": ISSUE_COLUMNS,
                       "rows": split_long_rows(_issue_rows(grouped[code], results_by_issue=results_by_issue,
                                                           follow_up=follow_up, thai=thai), ISSUE_COLUMNS)})
    if not blocks:
        blocks.append({"t": "notice", "text": "แผนนี้ยังไม่มีประเด็นที่ต้องปรับปรุงแก้ไข/พัฒนา "
                                              "จึงยังไม่มีรายการมาตรการที่จะรายงาน"})
    return blocks


def _analysis_blocks(plan, issues, thai) -> list[dict]:
    summary = result_summary(organization=plan.organization, framework=plan.answers_framework)

    def n(value):
        if value is None:
            return "–"
        return to_thai_digits(value) if thai else str(value)

    blocks = []
    if summary.result is None:
        return [{"t": "notice", "text": "ยังไม่ได้บันทึกผลการประเมิน ITA ของปีงบประมาณ พ.ศ. "
                                        f"{n(plan.answers_framework.fiscal_year)} จึงยังวิเคราะห์ไม่ได้"}]
    rows = []
    for ins in summary.instruments:
        rows.append([_cell([f"{ins.name_th} ({ins.code})"]), _cell([n(ins.weight)]), _cell([n(ins.score)]), _cell([""])])
        for line in ins.indicators:
            rows.append([_cell([f"ตัวชี้วัดที่ {n(line.indicator.number)} {line.indicator.title_th}"]), _cell([""]),
                         _cell([n(line.score)]),
                         _cell(["ต่ำกว่าเกณฑ์" if line.flagged else ("ผ่านเกณฑ์" if line.score is not None else "–")])])
    rows.append([_cell(["คะแนนรวม"]), _cell(["๑๐๐" if thai else "100"]), _cell([n(summary.total)]),
                 _cell([summary.band or "–"])])
    blocks.append({"t": "table", "caption": f"ผลคะแนนรายแบบวัดและรายตัวชี้วัด (เกณฑ์ผ่าน {n(summary.framework.pass_mark)} คะแนน)",
                   "columns": [{"label": "แบบวัด/ตัวชี้วัด", "width": 52}, {"label": "น้ำหนัก (ร้อยละ)", "width": 14},
                               {"label": "คะแนน", "width": 14}, {"label": "ผล", "width": 20}],
                   "rows": rows})
    flagged = summary.flagged
    answered = {}
    for issue in issues:
        if issue.oit_item_id:
            answered.setdefault(("oit", issue.oit_item.indicator_id), []).append(issue.title)
        elif issue.indicator_id:
            answered.setdefault(issue.indicator_id, []).append(issue.title)
    frows = []
    for line in flagged:
        titles = answered.get(line.indicator.id, []) + answered.get(("oit", line.indicator.id), [])
        frows.append([_cell([f"ตัวชี้วัดที่ {n(line.indicator.number)} {line.indicator.title_th}"]),
                      _cell([n(line.score)]), _cell(titles or ["(ยังไม่มีประเด็นในแผน)"], numbered=bool(titles))])
    if frows:
        blocks.append({"t": "table", "caption": "ตัวชี้วัดที่ต่ำกว่าเกณฑ์และประเด็นในแผนที่ตอบ",
                       "columns": [{"label": "ตัวชี้วัดที่ต่ำกว่าเกณฑ์", "width": 40}, {"label": "คะแนน", "width": 12},
                                   {"label": "ประเด็นที่ต้องปรับปรุงแก้ไข/พัฒนา", "width": 48}], "rows": frows})
    else:
        blocks.append({"t": "para", "text": "ทุกตัวชี้วัดผ่านเกณฑ์", "indent": True})
    return blocks


def department_of(organization, user) -> str:
    membership = Membership.objects.filter(organization=organization, user=user).select_related("department").first()
    if membership and membership.department:
        return membership.department.name
    first = Department.objects.filter(organization=organization).first()
    return first.name if first else ""


def content(*, plan, rnd=None, kind: str, preparer) -> dict:
    """What the plan says: subject, memo body, annex title/intro/tables. No number, date or signatures."""
    org = plan.organization
    thai = org.thai_digits
    department = department_of(org, preparer)
    values = field_values(plan=plan, rnd=rnd, kind=kind, department=department)
    wording = template_for(org, kind)
    issues = measures_selectors.plan_issues(plan=plan)
    if kind == Kind.ROUND:
        results = {r.issue_id: r for r in RoundResult.objects.filter(organization=org, round=rnd)}
        tables = _issue_tables(issues, results_by_issue=results, thai=thai)
        annex_title = ["รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", f"({values['round']})",
                       f"{org.name} {org.location}".strip(), f"ประจำปีงบประมาณ พ.ศ. {values['fiscal_year']}"]
    elif kind == Kind.PLAN:
        tables = _issue_tables(issues, follow_up=True, thai=thai)
        annex_title = ["รายละเอียดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน แนบท้ายประกาศ",
                       f"{org.name} {org.location}".strip(), f"ประจำปีงบประมาณ พ.ศ. {values['fiscal_year']}"]
    else:
        tables = _analysis_blocks(plan, issues, thai)
        annex_title = ["การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
                       f"{org.name} {org.location}".strip(), f"ประจำปีงบประมาณ พ.ศ. {values['answers_year']}"]
    data = {
        "kind": kind,
        "thai_digits": thai,
        "organization": org.name,
        "department": department,
        "to": org.chief_title,
        "subject": templating.render(wording["subject"], values),
        "body": templating.paragraphs(templating.render(wording["body"], values)),
        "closing": templating.render(wording["closing"], values),
        "annex_title": annex_title,
        "annex_intro": templating.paragraphs(templating.render(wording["annex_intro"], values)),
        "tables": tables,
        "issue_count": len(issues),
    }
    return _digits(data, thai)


def _digits(value, thai: bool):
    """One digit style through the whole document, typed text included."""
    if isinstance(value, str):
        value = value.replace(" ๆ", "\u00a0ๆ")  # ไม้ยมก stays with its word
        if thai:
            return _ASCII_DIGIT.sub(lambda m: to_thai_digits(m.group()), value)
        return _THAI_DIGIT.sub(lambda m: to_arabic_digits(m.group()), value)
    if isinstance(value, list):
        return [_digits(v, thai) for v in value]
    if isinstance(value, dict):
        return {k: (_digits(v, thai) if k not in ("kind", "width", "t") else v) for k, v in value.items()}
    return value


# --- the document's own state -----------------------------------------------------------


def chain_levels(organization) -> list[ApprovalLevel]:
    return list(ApprovalLevel.objects.filter(organization=organization).select_related("approver"))


def signatories(document: Document) -> list[dict]:
    """The preparer, then each level: the person who approved it, else the one assigned."""
    org = document.organization
    positions = {m.user_id: m.position_title for m in Membership.objects.filter(organization=org)}
    preparer = document.prepared_by
    items = [{"name": preparer.display_name, "position": positions.get(preparer.pk, "") or "ผู้จัดทำ",
              "role": "preparer"}]
    steps = document.steps.all() if document.pk else []
    approved = {s.level: s.user for s in steps if s.action == "approve"}
    for index, level in enumerate(chain_levels(org)):
        user = approved.get(index) or level.approver
        items.append({"name": user.display_name if user else "", "position": level.title, "role": "approver"})
    return items


def assemble(document: Document, data: dict | None = None) -> dict:
    """The full model: frozen (or live) content + number, date and signatures."""
    data = data if data is not None else (document.data or live_content(document))
    org = document.organization
    thai = org.thai_digits
    number = (to_thai_digits(document.number) if thai else str(document.number)) if document.number else ""
    prefix = org.doc_prefix or ""
    number_text = f"{prefix}/{number}" if number else f"{prefix}/ (ออกเลขที่เมื่อออกเอกสาร)"
    date_text = thai_date(document.doc_date, thai_digits=thai) if document.doc_date else "(ลงวันที่เมื่อออกเอกสาร)"
    signs = signatories(document)
    memo = []
    if data["kind"] == Kind.PLAN:
        memo = [
            {"t": "garuda", "size": "large"},
            {"t": "heading", "text": f"ประกาศ{data['organization']}", "size": 16, "bold": True},
            {"t": "heading", "text": f"เรื่อง {data['subject']}", "size": 16, "bold": True},
            {"t": "rule"},
            *[{"t": "para", "text": p, "indent": True} for p in data["body"]],
            {"t": "para", "text": data["closing"], "indent": True},
            {"t": "para", "text": f"ประกาศ ณ วันที่ {date_text.replace('(ลงวันที่เมื่อออกเอกสาร)', '.......................')}",
             "indent": False, "center": True},
            {"t": "signatures", "items": [signs[-1]] if len(signs) > 1 else signs},
        ]
        layout = "announcement"
    else:
        memo = [
            {"t": "memo_title", "text": "บันทึกข้อความ"},
            {"t": "memo_field", "label": "ส่วนราชการ", "value": f"{data['department']} {data['organization']}".strip()},
            {"t": "memo_field", "label": "ที่", "value": number_text, "label2": "วันที่", "value2": date_text},
            {"t": "memo_field", "label": "เรื่อง", "value": data["subject"]},
            {"t": "para", "label": "เรียน", "text": data["to"], "indent": False},
            *[{"t": "para", "text": p, "indent": True} for p in data["body"]],
            {"t": "para", "text": data["closing"], "indent": True},
            {"t": "signatures", "items": signs},
        ]
        layout = "memo"
    annex = [
        *[{"t": "heading", "text": line, "size": 16, "bold": True} for line in data["annex_title"]],
        *[{"t": "para", "text": p, "indent": True} for p in data["annex_intro"]],
        *data["tables"],
    ]
    model = {
        "kind": data["kind"],
        "title": data["subject"],
        "thai_digits": thai,
        "sections": [{"layout": layout, "blocks": memo}, {"layout": "annex", "blocks": annex}],
        # Kept on one line in the PDF (libthai does not know local names). Not words ending in a
        # mark: a nowrap span would put that mark after the next letter in the text layer.
        "keep": [n for n in (org.base_name, org.subdistrict, org.district, org.province)
                 if n and len(n) > 2 and not _MARK_END.search(n)],
    }
    return _digits(model, thai)


def live_content(document: Document) -> dict:
    return content(plan=document.plan, rnd=document.round, kind=document.kind, preparer=document.prepared_by)


def text_of(model: dict) -> str:
    """Plain text of a model (for the checker and the search index)."""
    out = []
    for section in model["sections"]:
        for block in section["blocks"]:
            for key in ("text", "value", "value2", "caption"):
                if block.get(key):
                    out.append(block[key])
            for row in block.get("rows", []):
                for cell in row:
                    out.extend(cell["lines"])
            for item in block.get("items", []):
                out.extend([item["name"], item["position"]])
    return "\n".join(out)


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()
