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
    ThaiModelFormMixin,
)
from prongsai.core.antiabuse import GuardedFormMixin
from prongsai.core.thai import to_arabic_digits

from .models import FIELD_TYPE_LABELS, FIELD_TYPES, RequestType, Service, ServiceRequest


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
    if kind == "file":
        return RequestFileField(label=label, required=required)
    return ThaiCharField(label=label, max_length=300, required=required)


class RequestFileField(forms.FileField):
    """A document the citizen attaches: content-checked and metadata-stripped on clean, so the
    cleaned value is a CleanFile (complaints.forms) or None."""

    def __init__(self, *, label, required):
        from prongsai.complaints.forms import evidence_field

        base = evidence_field(label)
        super().__init__(label=label, required=required, help_text=base.help_text, error_messages={
            **base.error_messages, "required": gettext_lazy("กรุณาแนบไฟล์ “%(label)s”") % {"label": label}})

    def clean(self, data, initial=None):
        from prongsai.complaints.forms import clean_evidence_upload

        return clean_evidence_upload(super().clean(data, initial))


class RequestForm(GuardedFormMixin, forms.Form):
    def __init__(self, *args, request_type, **kwargs):
        super().__init__(*args, **kwargs)
        guard = {name: self.fields.pop(name) for name in ("website", "form_token")}
        for spec in request_type.fields:
            self.fields[spec["name"]] = build_field(spec)
        self.fields.update(guard)
        self.file_names = {s["name"] for s in request_type.fields if s.get("type") == "file"}

    @property
    def is_multipart(self) -> bool:
        return bool(self.file_names)

    def request_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items()
                if k not in ("website", "form_token") and k not in self.file_names}
        return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items() if v not in (None, "")}

    def request_files(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.file_names if self.cleaned_data.get(k)}


class RequestActionForm(forms.Form):
    status = ThaiChoiceField(label=gettext_lazy("สถานะ"), choices=ServiceRequest.Status.choices)
    department = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("ส่วนราชการที่รับผิดชอบ"),
                                        error_messages={"invalid_choice": gettext_lazy("“ส่วนราชการที่รับผิดชอบ” ที่เลือกไม่มีในรายการ")})
    assignee = forms.ModelChoiceField(
        queryset=None, required=False, label=gettext_lazy("เจ้าหน้าที่ผู้รับผิดชอบ"),
        empty_label=gettext_lazy("— ยังไม่มอบหมาย —"),
        error_messages={"invalid_choice": gettext_lazy("“เจ้าหน้าที่ผู้รับผิดชอบ” ที่เลือกไม่มีในรายการ")})
    message = ThaiCharField(label=gettext_lazy("ข้อความถึงผู้ยื่นคำร้อง"), max_length=3000, required=False, textarea=True, rows=3)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        from prongsai.tenancy.models import Department

        from .services import assignable_members

        self.fields["department"].queryset = Department.objects.filter(organization=organization)
        members = {m.user_id: m for m in assignable_members(organization)}
        self.fields["assignee"].queryset = get_user_model().objects.filter(pk__in=members).order_by("first_name", "username")
        self.fields["assignee"].label_from_instance = lambda u: " — ".join(
            x for x in (u.display_name, str(members[u.pk].department or members[u.pk].get_role_display())) if x)


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


TYPE_BY_LABEL = {str(label): kind for kind, label in FIELD_TYPE_LABELS.items()} | {k: k for k in FIELD_TYPES}
REQUIRED_WORDS = {"จำเป็น": True, "ต้องกรอก": True, "required": True, "ไม่จำเป็น": False, "ไม่บังคับ": False,
                  "optional": False, "": False}


class RequestTypeForm(ThaiModelFormMixin, forms.ModelForm):
    """The citizen-facing form is written one field per line, so staff add a process without
    code: ชื่อช่อง | ชนิด | จำเป็น หรือ ไม่จำเป็น."""

    department = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("ส่วนราชการที่รับผิดชอบ"))
    service = forms.ModelChoiceField(queryset=None, required=False, label=gettext_lazy("งานบริการ (คู่มือสำหรับประชาชน)"),
                                     help_text=gettext_lazy("แบบประเมินความพึงพอใจของงานบริการนี้จะเสนอให้ผู้ยื่นเมื่อคำร้องเสร็จ"))
    fields_text = ThaiCharField(
        label=gettext_lazy("ช่องข้อมูลในแบบคำร้อง"), max_length=5000, textarea=True, rows=8,
        help_text=gettext_lazy("บรรทัดละหนึ่งช่อง: ชื่อช่อง | ชนิด | จำเป็น หรือ ไม่จำเป็น "
                               "ชนิดที่ใช้ได้: ข้อความ, ข้อความยาว, โทรศัพท์, เลขประจำตัวประชาชน, วันที่, อีเมล, ไฟล์แนบ "
                               "เช่น เลขประจำตัวประชาชน | เลขประจำตัวประชาชน | จำเป็น"))

    class Meta:
        model = RequestType
        fields = ["name", "description", "department", "service", "target_days", "required_documents", "is_active",
                  "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "required_documents": forms.Textarea(attrs={"rows": 3})}
        labels = {"position": gettext_lazy("ลำดับในรายการ")}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        from prongsai.tenancy.models import Department

        self.fields["department"].queryset = Department.objects.filter(organization=organization)
        self.fields["service"].queryset = Service.objects.filter(organization=organization)
        self.fields["target_days"].min_value = 1
        if self.instance.pk and not self.is_bound:
            self.initial["fields_text"] = "\n".join(
                f"{f.get('label') or f['name']} | {FIELD_TYPE_LABELS.get(f.get('type', 'text'), f.get('type'))} | "
                f"{'จำเป็น' if f.get('required') else 'ไม่จำเป็น'}" for f in self.instance.fields)

    def clean_target_days(self):
        days = self.cleaned_data["target_days"]
        if not 1 <= days <= 365:
            raise ValidationError(_("“ระยะเวลาดำเนินการ (วัน)” ต้องอยู่ระหว่าง ๑ ถึง ๓๖๕ วัน"))
        return days

    def clean_fields_text(self):
        old = {(f.get("label") or f["name"]): f["name"] for f in (self.instance.fields or [])}
        used = set(old.values())
        fields, labels = [], set()
        for n, line in enumerate((self.cleaned_data.get("fields_text") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", ""]
            label, kind_word, req_word = parts[0], parts[1] or "ข้อความ", parts[2]
            # The editor shows the type names in the visitor's language: accept those too (English staff).
            kind = TYPE_BY_LABEL.get(kind_word) or {str(v).casefold(): k for k, v in FIELD_TYPE_LABELS.items()}.get(
                kind_word.casefold())
            if not label or kind is None or req_word not in REQUIRED_WORDS:
                raise ValidationError(_("ช่องข้อมูลบรรทัดที่ %(n)s ไม่ถูกต้อง กรุณาเขียนแบบ ชื่อช่อง | ชนิด | จำเป็น หรือ ไม่จำเป็น "
                                        "(ชนิด: ข้อความ, ข้อความยาว, โทรศัพท์, เลขประจำตัวประชาชน, วันที่, อีเมล, ไฟล์แนบ)") % {"n": n})
            if label in labels:
                raise ValidationError(_("ชื่อช่อง “%(label)s” ซ้ำ (บรรทัดที่ %(n)s)") % {"label": label, "n": n})
            labels.add(label)
            name = old.get(label)
            if name is None:
                name = "email" if kind == "email" and "email" not in used else next(
                    f"f{i}" for i in range(1, 1000) if f"f{i}" not in used)
                used.add(name)
            fields.append({"name": name, "label": label[:200], "type": kind, "required": REQUIRED_WORDS[req_word]})
        if not fields:
            raise ValidationError(_("กรุณากรอก “ช่องข้อมูลในแบบคำร้อง” อย่างน้อยหนึ่งช่อง"))
        if len(fields) > 30:
            raise ValidationError(_("แบบคำร้องมีได้ไม่เกิน ๓๐ ช่อง"))
        return fields
