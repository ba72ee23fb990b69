"""CSV and XLSX of tables, safe against formula injection: a cell that begins with = + - @
(or a tab/carriage return) is prefixed with an apostrophe so a spreadsheet shows it as text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.http import HttpResponse

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(DANGEROUS):
        return "'" + text
    return text


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    buf = io.StringIO()
    buf.write("\ufeff")  # Excel opens UTF-8 Thai correctly with a BOM
    writer = csv.writer(buf)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(filename: str, header: list[str], rows, title: str = "Sheet1") -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append([safe_cell(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


PROCUREMENT_HEADER = [
    "ลำดับ", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินที่จัดซื้อหรือจัดจ้าง", "ราคากลาง", "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ", "ผู้ได้รับการคัดเลือก", "ราคาที่ตกลง", "เหตุผลที่คัดเลือกโดยสังเขป",
    "เลขที่สัญญาหรือข้อตกลง", "วันที่สัญญาหรือข้อตกลง",
]


def procurement_rows(rows) -> list[list]:
    return [[r.position, r.item, r.amount, r.reference_price, r.method, r.bidders.replace("\r", ""), r.winner,
             r.winner_price, r.reason, r.contract_no, r.contract_date.isoformat() if r.contract_date else ""]
            for r in rows]
