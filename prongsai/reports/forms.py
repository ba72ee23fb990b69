from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from prongsai.complaints.fields import ThaiCharField, ThaiDateField
from prongsai.core.uploads import validate_upload

from .models import Kind


class CreateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("ประเภทเอกสาร"), choices=Kind.choices)
    plan = forms.TypedChoiceField(label=gettext_lazy("แผนของปีงบประมาณ"), coerce=int, choices=())
    round = forms.TypedChoiceField(label=gettext_lazy("รอบ (สำหรับรายงานผลรายรอบ)"), coerce=int, required=False,
                                   empty_value=None, choices=())

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [(p.pk, f"พ.ศ. {p.fiscal_year}") for p in plans]
        self.fields["round"].choices = [("", "—")] + [
            (r.pk, f"พ.ศ. {p.fiscal_year} {r}") for p in plans for r in p.rounds.all()]


class DateForm(forms.Form):
    doc_date = ThaiDateField(label=gettext_lazy("ลงวันที่ (เว้นว่าง: วันที่ออกเอกสาร)"), required=False)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", gettext_lazy("อนุมัติ")), ("return", gettext_lazy("ส่งคืนแก้ไข"))])
    comment = ThaiCharField(label=gettext_lazy("ความเห็น"), max_length=2000, required=False, textarea=True, rows=2)


class TemplateForm(forms.Form):
    subject = ThaiCharField(label=gettext_lazy("เรื่อง"), max_length=500)
    body = ThaiCharField(label=gettext_lazy("เนื้อความ (เว้นบรรทัดว่างระหว่างย่อหน้า)"), max_length=5000, textarea=True,
                         rows=10)
    closing = ThaiCharField(label=gettext_lazy("คำลงท้าย"), max_length=300, required=False)
    annex_intro = ThaiCharField(label=gettext_lazy("ย่อหน้านำของเอกสารแนบ"), max_length=3000, required=False,
                                textarea=True, rows=4)


class CheckUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("ไฟล์ DOCX หรือ PDF"))
    fiscal_year = forms.IntegerField(label=gettext_lazy("ปีงบประมาณของเอกสาร (พ.ศ.)"), min_value=2500, max_value=2700)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.kind = validate_upload(upload, kinds={"pdf", "docx"})
        return upload


class SettingsForm(forms.Form):
    emblem = forms.FileField(label=gettext_lazy("ตราครุฑ/ตราหน่วยงาน (PNG หรือ JPG ไม่เกิน 2 MB)"), required=False)
    remove_emblem = forms.BooleanField(label=gettext_lazy("กลับไปใช้ตราครุฑของระบบ"), required=False)
    publish_docx = forms.BooleanField(label=gettext_lazy("เผยแพร่ไฟล์ DOCX คู่กับ PDF"), required=False)
