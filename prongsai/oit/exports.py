"""The OIT index as files for assessors and for ITAS: CSV, XLSX and plain text, with absolute
URLs. Cells that a spreadsheet would run as a formula are neutralised (OWASP CSV injection):
CSV cells get a leading apostrophe, XLSX cells are written as plain strings."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.thai import thai_date

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def header() -> list[str]:
    return [_("ข้อ"), _("ชื่อข้อ"), _("ชื่อรายการ"), _("ที่อยู่เว็บ (URL)"), _("วันที่เผยแพร่"), _("คำอธิบาย")]


def rows(index, absolute) -> list[list[str]]:
    """One row per link; an item with no link still gets one row (empty URL)."""
    out = []
    for entry in index.entries:
        links = entry.links or [None]
        for n, link in enumerate(links):
            out.append([
                entry.item.code,
                entry.item.title_th,
                link.title if link else "",
                absolute(link.url) if link else "",
                thai_date(link.published_at, thai_digits=False, style="medium") if link and link.published_at else "",
                entry.note if n == 0 else "",
            ])
    return out


def safe_csv_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def as_csv(index, absolute) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header())
    for row in rows(index, absolute):
        writer.writerow([safe_csv_cell(str(cell)) for cell in row])
    return "\ufeff" + buffer.getvalue()  # BOM: Excel opens Thai text correctly


def as_xlsx(index, absolute) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = f"OIT {index.fiscal_year}"
    ws.append(header())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows(index, absolute):
        ws.append([None] * len(row))
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=ws.max_row, column=col)
            cell.value = value
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEF", (6, 40, 40, 60, 14, 40), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def as_itas_text(index, absolute) -> str:
    """Per item: the code and title, each URL on its own line, then the explanation."""
    org = index.organization
    lines = [f"{org.name} — OIT ปีงบประมาณ พ.ศ. {index.fiscal_year}",
             _("สร้างจากเว็บไซต์เมื่อ %(d)s") % {"d": thai_date(timezone.now(), thai_digits=False, style="datetime")}, ""]
    for entry in index.entries:
        lines.append(f"{entry.item.code} {entry.item.title_th}")
        if entry.links:
            lines.extend(absolute(link.url) for link in entry.links)
        else:
            lines.append(_("(ยังไม่มีลิงก์)"))
        if entry.note:
            lines.append(_("คำอธิบาย: %(t)s") % {"t": " ".join(entry.note.split())})
        lines.append("")
    return "\n".join(lines)
