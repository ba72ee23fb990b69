"""Forms for entering an organization's ITA results. Scores accept Thai digits."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .services import parse_oit_score, parse_score

OIT_CHOICES = [("", gettext_lazy("ไม่ระบุ")), ("100", "100"), ("0", "0")]


class ScoreField(forms.CharField):
    def __init__(self, *, label, **kwargs):
        super().__init__(label=label, max_length=12, required=False,
                         widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}), **kwargs)

    def clean(self, value):
        if value and "\x00" in str(value):
            raise ValidationError(_("“%(label)s” มีอักขระควบคุมที่ไม่อนุญาต (NUL) กรุณาพิมพ์ใหม่") % {"label": self.label})
        value = super().clean(value)
        return parse_score(value, label=f"“{self.label}”")


class ResultForm(forms.Form):
    """One score field per indicator (ind_<number>) and an optional 0/100 per OIT item (oit_<id>)."""

    def __init__(self, *args, framework, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.framework = framework
        self.indicators = list(framework.indicators.select_related("instrument").order_by("number"))
        self.items = list(framework.oit_items.all().order_by("position"))
        for ind in self.indicators:
            self.fields[f"ind_{ind.number}"] = ScoreField(
                label=_("ตัวชี้วัดที่ %(n)s %(t)s") % {"n": ind.number, "t": ind.title_th})
        for item in self.items:
            self.fields[f"oit_{item.id}"] = forms.ChoiceField(
                label=f"{item.code} {item.title_th}", choices=OIT_CHOICES, required=False, widget=forms.RadioSelect,
                error_messages={"invalid_choice": gettext_lazy("คะแนนข้อ OIT ต้องเป็น ๐ หรือ ๑๐๐ เท่านั้น")})

    def indicator_fields(self):
        return [(ind, self[f"ind_{ind.number}"]) for ind in self.indicators]

    def oit_fields(self):
        return [(item, self[f"oit_{item.id}"]) for item in self.items]

    def scores(self) -> dict:
        return {ind.id: self.cleaned_data.get(f"ind_{ind.number}") for ind in self.indicators}

    def oit_scores(self) -> dict:
        return {item.id: parse_oit_score(self.cleaned_data.get(f"oit_{item.id}") or None, label=item.code)
                for item in self.items}


class ImportForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    file = forms.FileField(label=gettext_lazy("ไฟล์ผลการประเมิน (CSV หรือ XLSX ตามแม่แบบ)"),
                           error_messages={"required": gettext_lazy("กรุณาเลือกไฟล์ที่จะนำเข้า")})
