from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.complaints.fields import (
    PhoneField,
    ThaiCharField,
    ThaiDateField,
    ThaiEmailField,
    ThaiModelFormMixin,
)
from prongsai.complaints.scrub import scrub_image
from prongsai.core.antiabuse import GuardedFormMixin
from prongsai.core.text import split_items
from prongsai.core.uploads import validate_upload
from prongsai.tenancy.models import Department, Membership

from .models import LendableItem


class BookingFields(forms.Form):
    start_date = ThaiDateField(label=gettext_lazy("ตั้งแต่วันที่"))
    end_date = ThaiDateField(label=gettext_lazy("ถึงวันที่"))
    borrower_name = ThaiCharField(label=gettext_lazy("ชื่อ-นามสกุลผู้ขอยืม"), max_length=150)
    borrower_phone = PhoneField(label=gettext_lazy("โทรศัพท์"), required=True)
    borrower_email = ThaiEmailField(label=gettext_lazy("อีเมล (ถ้ามี — ใช้แจ้งผลและเตือนวันคืน)"))
    purpose = ThaiCharField(label=gettext_lazy("วัตถุประสงค์การใช้"), max_length=500, textarea=True, rows=2)

    def __init__(self, *args, item: LendableItem, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end:
            if end < start:
                self.add_error("end_date", _("“ถึงวันที่” ต้องไม่ก่อน “ตั้งแต่วันที่”"))
            elif start < timezone.localdate():
                self.add_error("start_date", _("ขอยืมย้อนหลังไม่ได้ กรุณาเลือกวันนี้หรือวันถัดไป"))
            elif (end - start).days + 1 > self.item.max_days:
                self.add_error("end_date", _("ยืมได้ครั้งละไม่เกิน %(n)s วัน กรุณาลดจำนวนวัน") % {"n": self.item.max_days})
        return cleaned


class BookingForm(GuardedFormMixin, BookingFields):
    pass


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", gettext_lazy("อนุมัติ")), ("reject", gettext_lazy("ไม่อนุมัติ"))])
    note = ThaiCharField(label=gettext_lazy("หมายเหตุ"), max_length=500, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("note"):
            self.add_error("note", _("กรุณาระบุเหตุผลที่ไม่อนุมัติ"))
        return cleaned


class ConditionForm(forms.Form):
    condition = ThaiCharField(label=gettext_lazy("สภาพครุภัณฑ์/สถานที่"), max_length=2000, textarea=True, rows=3)
    damaged = forms.BooleanField(label=gettext_lazy("ชำรุด/เสียหาย"), required=False)


class ItemForm(ThaiModelFormMixin, forms.ModelForm):
    department = forms.ModelChoiceField(label=gettext_lazy("ส่วนราชการที่ดูแล"), queryset=Department.objects.none(),
                                        required=False)
    responsible = forms.ModelChoiceField(label=gettext_lazy("ผู้รับผิดชอบ (ผู้อนุมัติขั้นที่ ๑)"),
                                         queryset=Membership.objects.none())
    second_approver = forms.ModelChoiceField(label=gettext_lazy("ผู้อนุมัติขั้นที่ ๒ (ถ้ามี)"),
                                             queryset=Membership.objects.none(), required=False)

    class Meta:
        model = LendableItem
        fields = ["name", "kind", "asset_number", "description", "location", "department", "responsible",
                  "second_approver", "conditions", "max_days", "public", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "conditions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(organization=organization, is_active=True).select_related("user")
        for name in ("responsible", "second_approver"):
            self.fields[name].queryset = members
            self.fields[name].label_from_instance = lambda m: f"{m.user.display_name} — {m.position_title or m.get_role_display()}"
        self.fields["department"].queryset = Department.objects.filter(organization=organization)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("second_approver") and cleaned.get("second_approver") == cleaned.get("responsible"):
            self.add_error("second_approver", _("ผู้อนุมัติขั้นที่ ๒ ต้องไม่ใช่คนเดียวกับผู้รับผิดชอบ"))
        return cleaned


class PhotoForm(forms.Form):
    image = forms.FileField(label=gettext_lazy("รูปภาพ"), error_messages={"required": gettext_lazy("กรุณาเลือกรูปภาพ")})
    alt = ThaiCharField(label=gettext_lazy("คำอธิบายภาพ (สำหรับผู้ใช้โปรแกรมอ่านหน้าจอ)"), max_length=200)

    def clean_image(self):
        upload = self.cleaned_data["image"]
        validate_upload(upload, kinds={"image"})
        upload.seek(0)
        data, ext = scrub_image(upload.read())
        return data, ext


class ProcedureForm(forms.Form):
    title = ThaiCharField(label=gettext_lazy("ชื่อเรื่อง"), max_length=300)
    intro = ThaiCharField(label=gettext_lazy("คำอธิบาย"), max_length=3000, required=False, textarea=True, rows=3)
    steps = ThaiCharField(
        label=gettext_lazy("ขั้นตอน"), max_length=5000, textarea=True, rows=8,
        help_text=gettext_lazy("บรรทัดละหนึ่งขั้นตอน: ชื่อขั้นตอน | ผู้รับผิดชอบ | ระยะเวลา (สองช่องหลังเว้นได้) ไม่ต้องพิมพ์เลขลำดับ"),
    )

    def clean_steps(self):
        steps = []
        for line in split_items(self.cleaned_data["steps"]):
            parts = [p.strip() for p in line.split("|")]
            if len(parts) > 3 or not parts[0]:
                raise ValidationError(_("บรรทัด “%(line)s” ไม่ถูกรูปแบบ ใช้ ชื่อขั้นตอน | ผู้รับผิดชอบ | ระยะเวลา") % {"line": line[:60]})
            parts += [""] * (3 - len(parts))
            steps.append({"title": parts[0], "who": parts[1], "time": parts[2]})
        if not steps:
            raise ValidationError(_("กรุณากรอกอย่างน้อยหนึ่งขั้นตอน"))
        if len(steps) > 20:
            raise ValidationError(_("ขั้นตอนมากเกินไป (ไม่เกิน ๒๐ ขั้นตอน)"))
        return steps


def steps_as_text(steps: list[dict]) -> str:
    return "\n".join(" | ".join(p for p in (s["title"], s.get("who", ""), s.get("time", "")) if p is not None).rstrip(" |")
                     for s in steps)
