"""Form fields with Thai error messages that name the field and the fix, shared by the
complaints and lending forms (Django's own Thai catalogue leaves several messages in English)."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.thai import BE_OFFSET, to_arabic_digits


def _messages(label, max_length=None) -> dict:
    messages = {"required": gettext_lazy("กรุณากรอก “%(label)s”") % {"label": label}}
    if max_length:
        messages["max_length"] = gettext_lazy("“%(label)s” ยาวเกิน %(max)s ตัวอักษร กรุณาตัดให้สั้นลง") % {
            "label": label, "max": max_length}
    return messages


class ThaiCharField(forms.CharField):
    def __init__(self, *, label, max_length, required=True, textarea=False, rows=5, **kwargs):
        widget = kwargs.pop("widget", None) or (forms.Textarea(attrs={"rows": rows}) if textarea else None)
        super().__init__(label=label, max_length=max_length, required=required, widget=widget,
                         error_messages=_messages(label, max_length), **kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ] + [ProhibitNullCharactersValidator(gettext_lazy("“%(label)s” มีอักขระควบคุมที่ไม่อนุญาต (NUL) กรุณาพิมพ์ใหม่") % {"label": label})]

    def to_python(self, value):
        value = super().to_python(value)
        # Other control characters (except tab and new lines) are dropped silently.
        return re.sub(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value) if value else value


class ThaiChoiceField(forms.ChoiceField):
    def __init__(self, *, label, **kwargs):
        super().__init__(label=label, error_messages={
            "required": gettext_lazy("กรุณาเลือก “%(label)s”") % {"label": label},
            "invalid_choice": gettext_lazy("“%(label)s” ที่เลือกไม่มีในรายการ กรุณาเลือกใหม่") % {"label": label},
        }, **kwargs)


class ThaiEmailField(forms.EmailField):
    def __init__(self, *, label, required=False, **kwargs):
        super().__init__(label=label, required=required, max_length=254, error_messages={
            "required": gettext_lazy("กรุณากรอก “%(label)s”") % {"label": label},
            "invalid": gettext_lazy("“%(label)s” ไม่ใช่อีเมลที่ถูกต้อง ตัวอย่าง: somchai@example.com") % {"label": label},
            "max_length": gettext_lazy("“%(label)s” ยาวเกินไป") % {"label": label},
        }, **kwargs)


def normalise_phone(value: str) -> str:
    """Thai digits, spaces, dashes and +66 accepted; stored as 0XXXXXXXX(X)."""
    raw = to_arabic_digits(value or "").strip()
    digits = re.sub(r"[\s\-().]", "", raw)
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0\d{8,9}", digits):
        raise ValidationError(_("หมายเลขโทรศัพท์ไม่ถูกต้อง กรุณากรอกเลข ๙–๑๐ หลักที่ขึ้นต้นด้วย ๐ เช่น 081 234 5678"))
    return digits


class PhoneField(forms.CharField):
    def __init__(self, *, label, required=False, **kwargs):
        super().__init__(label=label, required=required, max_length=30, error_messages=_messages(label, 30),
                         widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}), **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_phone(value) if value else ""


class ThaiDateField(forms.DateField):
    """ISO dates from <input type=date>, or typed day/month/year in the Buddhist era
    (๑๕/๕/๒๕๖๗) or the Common Era, with Thai or Arabic digits."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, *, label, **kwargs):
        super().__init__(label=label, error_messages={
            "required": gettext_lazy("กรุณากรอก “%(label)s”") % {"label": label},
            "invalid": gettext_lazy("“%(label)s” ไม่ใช่วันที่ที่ถูกต้อง กรุณากรอกแบบ วัน/เดือน/ปี พ.ศ. เช่น 15/5/2567") % {"label": label},
        }, **kwargs)

    def to_python(self, value):
        if isinstance(value, dt.date):
            return value
        value = to_arabic_digits((value or "").strip())
        if not value:
            return None
        match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", value)
        if match:
            day, month, year = (int(g) for g in match.groups())
            if year > 2400:
                year -= BE_OFFSET
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)



class ThaiModelFormMixin:
    """Thai messages that name the field for every text and choice field of a ModelForm."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = field.label or ""
            if isinstance(field, forms.CharField):
                field.error_messages.update(_messages(label, field.max_length))
                field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
                field.validators.append(ProhibitNullCharactersValidator(
                    gettext_lazy("“%(label)s” มีอักขระควบคุมที่ไม่อนุญาต (NUL) กรุณาพิมพ์ใหม่") % {"label": label}))
            elif isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
                field.error_messages["required"] = gettext_lazy("กรุณาเลือก “%(label)s”") % {"label": label}
                field.error_messages["invalid_choice"] = gettext_lazy("“%(label)s” ที่เลือกไม่มีในรายการ") % {"label": label}
            elif isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = gettext_lazy("“%(label)s” ต้องเป็นตัวเลข") % {"label": label}
                field.error_messages["required"] = gettext_lazy("กรุณากรอก “%(label)s”") % {"label": label}


def apply_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else on the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
