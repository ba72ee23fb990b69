"""Citizens' request form, built at run time from a RequestType's field spec, and staff forms."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.complaints.fields import (
    PhoneField,
    ThaiCharField,
    ThaiChoiceField,
    ThaiDateField,
    ThaiEmailField,
)
from prongsai.core.antiabuse import GuardedFormMixin
from prongsai.core.thai import to_arabic_digits

from .models import Service, ServiceRequest


def national_id_valid(value: str) -> bool:
    if not re.fullmatch(r"\d{13}", value or ""):
        return False
    total = sum(int(value[i]) * (13 - i) for i in range(12))
    return (11 - total % 11) % 10 == int(value[12])


class NationalIdField(forms.CharField):
    def __init__(self, *, label, required=True, **kwargs):
        super().__init__(label=label, required=required, max_length=30, error_messages={
            "required": gettext_lazy("กรุณากรอก “%(label)s”") % {"label": label},
            "max_length": gettext_lazy("“%(label)s” ยาวเกินไป") % {"label": label},
        }, widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}), **kwargs)
        self._label = label

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        digits = re.sub(r"[\s\-]", "", to_arabic_digits(value))
        if not national_id_valid(digits):
            raise ValidationError(_("“%(label)s” ไม่ถูกต้อง กรุณาตรวจเลขประจำตัวประชาชน ๑๓ หลักอีกครั้ง") % {"label": self._label})
        return digits


def build_field(spec: dict) -> forms.Field:
    label = spec.get("label") or spec["name"]
    required = bool(spec.get("required"))
    kind = spec.get("type", "text")
    if kind == "textarea":
        return ThaiCharField(label=label, max_length=3000, required=required, textarea=True)
    if kind == "phone":
        return PhoneField(label=label, required=required)
    if kind == "national_id":
        return NationalIdField(label=label, required=required)
    if kind == "date":
        return ThaiDateField(label=label, required=required)
    if kind == "email":
        return ThaiEmailField(label=label, required=required)
    return ThaiCharField(label=label, max_length=300, required=required)


class RequestForm(GuardedFormMixin, forms.Form):
    def __init__(self, *args, request_type, **kwargs):
        super().__init__(*args, **kwargs)
        guard = {name: self.fields.pop(name) for name in ("website", "form_token")}
        for spec in request_type.fields:
            self.fields[spec["name"]] = build_field(spec)
        self.fields.update(guard)

    def request_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("website", "form_token")}
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items() if v not in (None, "")}


class RequestActionForm(forms.Form):
    status = ThaiChoiceField(label=gettext_lazy("สถานะ"), choices=ServiceRequest.Status.choices)
    department = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("ส่วนราชการที่รับผิดชอบ"),
                                        error_messages={"invalid_choice": gettext_lazy("“ส่วนราชการที่รับผิดชอบ” ที่เลือกไม่มีในรายการ")})
    message = ThaiCharField(label=gettext_lazy("ข้อความถึงผู้ยื่นคำร้อง"), max_length=3000, required=False, textarea=True, rows=3)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        from prongsai.tenancy.models import Department

        self.fields["department"].queryset = Department.objects.filter(organization=organization)


class TrackForm(forms.Form):
    code = ThaiCharField(label=gettext_lazy("รหัสติดตาม"), max_length=60)


class ServiceForm(forms.ModelForm):
    department = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("หน่วยงานที่รับผิดชอบ"))
    steps_text = ThaiCharField(label=gettext_lazy("ขั้นตอน"), max_length=5000, textarea=True, rows=6,
                               help_text=gettext_lazy("บรรทัดละหนึ่งขั้นตอน: ขั้นตอน | ระยะเวลา | นาที หรือ วัน | ผู้รับผิดชอบ "
                                                      "เช่น ตรวจสอบเอกสาร | 2 | วัน | นักจัดการงานทั่วไป"))

    class Meta:
        model = Service
        fields = ["title", "description", "department", "responsible", "channels", "fee", "documents", "legal_basis",
                  "is_published", "position"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        from prongsai.complaints.fields import ThaiModelFormMixin  # noqa: F401
        from prongsai.tenancy.models import Department

        self.fields["department"].queryset = Department.objects.filter(organization=organization)
        for field in self.fields.values():
            label = field.label or ""
            field.error_messages["required"] = gettext_lazy("กรุณากรอก “%(label)s”") % {"label": label}
            if isinstance(field, forms.ModelChoiceField):
                field.error_messages["invalid_choice"] = gettext_lazy("“%(label)s” ที่เลือกไม่มีในรายการ") % {"label": label}
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = gettext_lazy("“%(label)s” ต้องเป็นตัวเลข") % {"label": label}
        if self.instance.pk and not self.is_bound:
            self.initial["steps_text"] = "\n".join(
                f"{s.text} | {s.duration} | {s.get_unit_display()} | {s.responsible}" for s in self.instance.steps.all())

    def clean_steps_text(self):
        units = {"นาที": "minutes", "วัน": "days", "minutes": "minutes", "days": "days"}
        steps = []
        for n, line in enumerate((self.cleaned_data.get("steps_text") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", "", ""]
            text, duration, unit, who = parts[:4]
            duration = to_arabic_digits(duration or "0")
            if not text or not duration.isdigit() or (unit and unit not in units):
                raise ValidationError(_("ขั้นตอนบรรทัดที่ %(n)s ไม่ถูกต้อง กรุณาเขียนแบบ ขั้นตอน | ระยะเวลา (ตัวเลข) | นาที หรือ วัน | ผู้รับผิดชอบ") % {"n": n})
            steps.append({"text": text[:300], "duration": int(duration), "unit": units.get(unit, "minutes"),
                          "responsible": who[:200]})
        if not steps:
            raise ValidationError(_("กรุณากรอก “ขั้นตอน” อย่างน้อยหนึ่งขั้นตอน"))
        return steps
