"""Writes of the oit app: the per-item explanation, and a gap turned into a measures issue."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record
from prongsai.ita.models import OITItem
from prongsai.measures import services as measures_services

from .models import NOTE_MAX, OITNote


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    # Keep line breaks and tabs; drop other control characters (they break CSV/XLSX and ITAS).
    text = "".join(c for c in text if c in "\n\t" or (ord(c) >= 32 and ord(c) != 127))
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


@transaction.atomic
def note_save(*, organization, item: OITItem, text: str, acting_user) -> OITNote:
    text = _clean_text(text)
    if len(text) > NOTE_MAX:
        raise ValidationError({"text": _("คำอธิบายยาวได้ไม่เกิน %(n)s ตัวอักษร (พิมพ์มา %(m)s)") % {
            "n": NOTE_MAX, "m": len(text)}})
    note = OITNote.objects.filter(organization=organization, item=item).first() or OITNote(
        organization=organization, item=item)
    before = note.text
    note.text = text
    note.updated_by = acting_user
    note.full_clean()
    note.save()
    audit_record(organization=organization, actor=acting_user, action="oit.note", target=note,
                 changes={"text": [before, text]})
    return note


def issue_from_item(*, organization, item: OITItem, department, acting_user):
    """The item of year Y becomes an issue of the plan of Y+1 (which answers the results of Y).
    Returns (issue, created); a second click returns the existing issue."""
    year = item.framework.fiscal_year
    method = _("เผยแพร่ข้อมูล “%(t)s” บนเว็บไซต์ของหน่วยงานให้ครบองค์ประกอบที่กำหนด และตรวจด้วยหน้าตรวจความพร้อม OIT") % {
        "t": item.title_th}
    return measures_services.issue_add_for_gap(
        organization=organization, fiscal_year=year + 1, answers_year=year, acting_user=acting_user,
        title=item.title_th, departments=[department] if department else [], oit_item=item, methods=[method],
    )
