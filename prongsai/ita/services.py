"""Writes of an organization's ITA results: scores typed in a form or imported from a
CSV/XLSX file. Every write is one transaction with an audit entry; an import with any bad row
stores nothing and names every bad row by its number in the file."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record, diff
from prongsai.core.thai import parse_thai_number
from prongsai.core.uploads import validate_upload

from .models import Framework, Indicator, IndicatorScore, ITAResult, OITItem, OITItemScore

IMPORT_HEADER = ["ประเภท", "รหัส", "ชื่อ", "คะแนน"]
KIND_INDICATOR = "ตัวชี้วัด"
KIND_OIT = "OIT"
MAX_IMPORT_ROWS = 500


def parse_score(raw, *, label: str) -> Decimal | None:
    """'๘๕.๕' / '85,50' / 85.5 → Decimal('85.50'); '' → None; anything outside 0–100 → a Thai error."""
    if raw is None:
        return None
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        text = str(raw)
    else:
        if "\x00" in str(raw):
            raise ValidationError(_("%(label)s: มีอักขระควบคุมที่ไม่อนุญาต (NUL) กรุณาพิมพ์ใหม่") % {"label": label})
        text = parse_thai_number(str(raw))
    if text == "":
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("%(label)s: “%(raw)s” ไม่ใช่ตัวเลข กรุณากรอกคะแนน ๐–๑๐๐ เช่น 85.50")
                              % {"label": label, "raw": str(raw)[:20]}) from None
    if not value.is_finite() or value < 0 or value > 100:
        raise ValidationError(_("%(label)s: คะแนนต้องอยู่ระหว่าง ๐ ถึง ๑๐๐ (กรอกไว้ %(raw)s)")
                              % {"label": label, "raw": str(raw)[:20]})
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("%(label)s: ใส่ทศนิยมได้ไม่เกิน ๒ ตำแหน่ง") % {"label": label})
    return value.quantize(Decimal("0.01"))


def parse_oit_score(raw, *, label: str) -> int | None:
    value = parse_score(raw, label=label)
    if value is None:
        return None
    if value not in (0, 100):
        raise ValidationError(_("%(label)s: คะแนนข้อ OIT ต้องเป็น ๐ หรือ ๑๐๐ เท่านั้น") % {"label": label})
    return int(value)


def _state(result: ITAResult | None) -> dict:
    if result is None or result.pk is None:
        return {}
    state = {f"ตัวชี้วัด {s.indicator.number}": str(s.score)
             for s in result.indicator_scores.select_related("indicator")}
    state.update({f"OIT {s.item.code}": s.score for s in result.oit_scores.select_related("item")})
    return state


@transaction.atomic
def result_save(*, organization, framework: Framework, acting_user, scores: dict[int, Decimal | None],
                oit_scores: dict[int, int | None] | None = None, note: str | None = None,
                action: str = "ita_result.update") -> ITAResult:
    """scores: {indicator id: score or None (clears it)}; oit_scores likewise per OIT item id.
    Ids that are not of this framework are refused."""
    indicators = {i.id: i for i in Indicator.objects.filter(framework=framework)}
    items = {i.id: i for i in OITItem.objects.filter(framework=framework)}
    oit_scores = oit_scores or {}
    if set(scores) - set(indicators) or set(oit_scores) - set(items):
        raise ValidationError(_("ตัวชี้วัดหรือข้อ OIT ไม่อยู่ในกรอบการประเมินปี %(y)s") % {"y": framework.fiscal_year})
    result, created = ITAResult.objects.get_or_create(organization=organization, framework=framework)
    before = {} if created else _state(result)
    if note is not None:
        result.note = note
    result.full_clean()
    result.save()
    for indicator_id, score in scores.items():
        label = _("ตัวชี้วัดที่ %(n)s") % {"n": indicators[indicator_id].number}
        if score is None:
            IndicatorScore.objects.filter(organization=organization, result=result, indicator_id=indicator_id).delete()
            continue
        score = parse_score(score, label=label)
        row, _c = IndicatorScore.objects.get_or_create(organization=organization, result=result,
                                                       indicator_id=indicator_id, defaults={"score": score})
        row.score = score
        row.full_clean()
        row.save()
    for item_id, score in oit_scores.items():
        if score is None:
            OITItemScore.objects.filter(organization=organization, result=result, item_id=item_id).delete()
            continue
        score = parse_oit_score(score, label=items[item_id].code)
        OITItemScore.objects.update_or_create(organization=organization, result=result, item_id=item_id,
                                              defaults={"score": score})
    changes = diff(before, _state(result))
    audit_record(organization=organization, actor=acting_user, action=action, target=result, changes=changes)
    return result


# --- import ---------------------------------------------------------------------------------


@dataclass
class ImportRow:
    number: int  # row number in the file, header = 1
    kind: str
    code: str
    score: str


def _rows_from_csv(upload) -> list[list]:
    upload.seek(0)
    data = upload.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("ไฟล์ CSV ต้องบันทึกเป็น UTF-8 (ใน Excel เลือก “CSV UTF-8”)")) from None
    return list(csv.reader(io.StringIO(text)))


def _rows_from_xlsx(upload) -> list[list]:
    from openpyxl import load_workbook

    upload.seek(0)
    try:
        wb = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # a damaged workbook: openpyxl raises many kinds
        raise ValidationError(_("เปิดไฟล์ Excel ไม่ได้ กรุณาตรวจสอบว่าเป็นไฟล์ .xlsx ที่ไม่เสียหาย")) from None
    sheet = wb.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else v for v in row])
        if len(rows) > MAX_IMPORT_ROWS + 1:
            break
    wb.close()
    return rows


def read_import(upload) -> list[ImportRow]:
    kind = validate_upload(upload, kinds={"csv", "xlsx"})
    raw_rows = _rows_from_xlsx(upload) if kind == "xlsx" else _rows_from_csv(upload)
    if len(raw_rows) > MAX_IMPORT_ROWS + 1:
        raise ValidationError(_("ไฟล์มีเกิน %(n)s แถว") % {"n": MAX_IMPORT_ROWS})
    if not raw_rows:
        raise ValidationError(_("ไฟล์ว่างเปล่า"))
    header = [str(c).strip() for c in raw_rows[0]][:4]
    if header[:2] != IMPORT_HEADER[:2] or len(header) < 4 or header[3] != IMPORT_HEADER[3]:
        raise ValidationError(_("แถวที่ ๑ ต้องเป็นหัวตาราง: %(h)s — กรุณาใช้ไฟล์แม่แบบ") % {"h": ", ".join(IMPORT_HEADER)})
    rows = []
    for number, raw in enumerate(raw_rows[1:], start=2):
        cells = list(raw) + [""] * (4 - len(raw))
        if all(str(c).strip() == "" for c in cells):
            continue
        rows.append(ImportRow(number, str(cells[0]).strip(), str(cells[1]).strip(), cells[3]))
    return rows


@transaction.atomic
def result_import(*, organization, framework: Framework, acting_user, upload) -> ITAResult:
    """All rows or nothing: every bad row is named by its number in the file."""
    rows = read_import(upload)
    indicators = {str(i.number): i for i in Indicator.objects.filter(framework=framework)}
    items = {i.code.upper(): i for i in OITItem.objects.filter(framework=framework)}
    scores, oit_scores, errors, seen = {}, {}, [], set()
    for row in rows:
        prefix = _("แถวที่ %(n)s") % {"n": row.number}
        code = parse_thai_number(row.code).upper()
        try:
            if row.kind == KIND_INDICATOR:
                indicator = indicators.get(code.split(".")[0] if re.fullmatch(r"\d+\.0+", code) else code)
                if indicator is None:
                    raise ValidationError(_("%(p)s: ไม่มีตัวชี้วัดที่ “%(c)s” ในกรอบการประเมินปี %(y)s")
                                          % {"p": prefix, "c": row.code[:20], "y": framework.fiscal_year})
                key = ("i", indicator.id)
                value = parse_score(row.score, label=prefix)
                if value is not None:
                    scores[indicator.id] = value
            elif row.kind.upper() == KIND_OIT:
                item = items.get(code)
                if item is None:
                    raise ValidationError(_("%(p)s: ไม่มีข้อ OIT “%(c)s” ในกรอบการประเมินปี %(y)s")
                                          % {"p": prefix, "c": row.code[:20], "y": framework.fiscal_year})
                key = ("o", item.id)
                value = parse_oit_score(row.score, label=prefix)
                if value is not None:
                    oit_scores[item.id] = value
            else:
                raise ValidationError(_("%(p)s: “ประเภท” ต้องเป็น “%(a)s” หรือ “%(b)s”")
                                      % {"p": prefix, "a": KIND_INDICATOR, "b": KIND_OIT})
            if key in seen:
                raise ValidationError(_("%(p)s: รหัส “%(c)s” ซ้ำกับแถวก่อนหน้า") % {"p": prefix, "c": row.code[:20]})
            seen.add(key)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    if not scores and not oit_scores:
        raise ValidationError(_("ไม่พบคะแนนในไฟล์ กรุณากรอกคอลัมน์ “คะแนน”"))
    return result_save(organization=organization, framework=framework, acting_user=acting_user, scores=scores,
                       oit_scores=oit_scores, action="ita_result.import")


def template_rows(framework: Framework, result: ITAResult | None = None) -> list[list]:
    """Header and one row per indicator and OIT item, prefilled with the current scores."""
    current = {s.indicator_id: s.score for s in result.indicator_scores.all()} if result else {}
    current_oit = {s.item_id: s.score for s in result.oit_scores.all()} if result else {}
    rows = [IMPORT_HEADER]
    for ind in Indicator.objects.filter(framework=framework).order_by("number"):
        score = current.get(ind.id)
        rows.append([KIND_INDICATOR, ind.number, ind.title_th, "" if score is None else float(score)])
    for item in OITItem.objects.filter(framework=framework).order_by("position"):
        score = current_oit.get(item.id)
        rows.append([KIND_OIT, item.code, item.title_th, "" if score is None else score])
    return rows


def template_csv(rows: list[list]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(rows: list[list], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCD", (10, 8, 70, 10), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
