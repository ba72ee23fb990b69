"""Editable document wording: Django template syntax restricted to a whitelist of fields.

Only plain text and `{{ field }}` are allowed — no tags, no filters, no attribute lookups.
Validation names the offending field; rendering treats every value as data (a value that
contains "{{ ... }}" is printed as it is, never evaluated)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import TextNode, VariableNode
from django.utils.translation import gettext as _

FIELDS = {
    "organization": "ชื่อเต็มของหน่วยงาน เช่น องค์การบริหารส่วนตำบลกำปัง",
    "organization_short": "ชื่อย่อของหน่วยงาน เช่น อบต.กำปัง",
    "department": "ส่วนราชการเจ้าของเรื่อง เช่น สำนักปลัด",
    "district": "อำเภอ",
    "province": "จังหวัด",
    "fiscal_year": "ปีงบประมาณของแผน เช่น ๒๕๖๖",
    "answers_year": "ปีของผลการประเมิน ITA ที่แผนตอบ เช่น ๒๕๖๕",
    "round": "รอบการติดตามผล เช่น รอบ ๖ เดือน",
    "period_end": "วันสิ้นสุดรอบ เช่น ๓๑ มีนาคม ๒๕๖๖",
    "meeting_date": "วันที่ประชุมคณะทำงาน เช่น ๔ มกราคม ๒๕๖๖",
    "oit_item": "ข้อ OIT ที่เอกสารนี้ใช้ตอบ เช่น O43",
    "oit_number": "เลขตัวชี้วัดข้อ OIT สามหลัก เช่น ๐๔๓",
    "oit_title": "ชื่อข้อ OIT ที่เอกสารนี้ใช้ตอบ",
    "chief_title": "ตำแหน่งผู้บริหารสูงสุด เช่น นายกองค์การบริหารส่วนตำบลกำปัง",
    "issue_count": "จำนวนประเด็นในแผน",
}

_engine = Engine(builtins=[], libraries={}, autoescape=False, string_if_invalid="", debug=False)


def validate(text: str, *, field_label: str) -> None:
    """Raise ValidationError naming `field_label` and the bad field/tag."""
    try:
        template = _engine.from_string(text or "")
    except TemplateSyntaxError as exc:
        raise ValidationError(_("%(field)s: รูปแบบคำสั่งไม่ถูกต้อง (%(err)s) ใช้ได้เฉพาะ {{ ชื่อช่อง }}") % {
            "field": field_label, "err": exc}) from None
    for node in template.nodelist:
        if isinstance(node, TextNode):
            stray = next((m for m in ("{{", "}}", "{%", "%}", "{#", "#}") if m in node.s), None)
            if stray:
                raise ValidationError(_("%(field)s: พบ “%(mark)s” ที่ไม่ครบคู่ เขียนช่องข้อมูลแบบ {{ ชื่อช่อง }}") % {
                    "field": field_label, "mark": stray})
            continue
        if isinstance(node, VariableNode):
            expr = node.filter_expression
            name = getattr(expr.var, "var", None)
            if expr.filters or not isinstance(name, str) or name not in FIELDS:
                shown = expr.token
                raise ValidationError(_("%(field)s: ไม่รู้จักช่อง {{ %(name)s }} — ใช้ได้เฉพาะ %(allowed)s") % {
                    "field": field_label, "name": shown, "allowed": ", ".join(sorted(FIELDS))})
            continue
        raise ValidationError(_("%(field)s: ใช้คำสั่ง {%% %(tag)s %%} ไม่ได้ ใช้ได้เฉพาะ {{ ชื่อช่อง }}") % {
            "field": field_label, "tag": getattr(node, "token", None) and node.token.contents or type(node).__name__})


def render(text: str, values: dict) -> str:
    """Fill the fields with values, as data. Text that fails validation is returned unrendered
    (it cannot be saved that way; this only guards documents made before a rule changed)."""
    try:
        validate(text, field_label="")
    except ValidationError:
        return text or ""
    template = _engine.from_string(text or "")
    return template.render(Context({k: str(v) for k, v in values.items() if k in FIELDS}, autoescape=False))


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; single newlines inside a paragraph are joined."""
    blocks = [" ".join(line.strip() for line in block.splitlines() if line.strip())
              for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [b for b in blocks if b]
