"""Forms of the measures pages. Organization-owned choices (departments, indicators of the
plan's framework) are narrowed in __init__: an id from another organization or another
framework is simply not a valid choice."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.complaints.fields import ThaiCharField, ThaiChoiceField, ThaiDateField
from prongsai.core.text import split_items
from prongsai.core.thai import to_arabic_digits
from prongsai.ita.models import Framework, Indicator, OITItem
from prongsai.tenancy.models import Department

from . import templates_library
from .models import Instrument, Method, Plan, RoundResult

NUL_MESSAGE = gettext_lazy("“%(label)s” มีอักขระควบคุมที่ไม่อนุญาต (NUL) กรุณาพิมพ์ใหม่")


class LinesField(ThaiCharField):
    """A textarea of one item per line; typed numbering is stripped (numbers are generated)."""

    def __init__(self, *, label, item_max_length, max_items=30, max_length=20000, **kwargs):
        self.item_max_length = item_max_length
        self.max_items = max_items
        super().__init__(label=label, max_length=max_length, textarea=True, rows=4, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        items = split_items(value or "")
        for number, item in enumerate(items, start=1):
            if len(item) > self.item_max_length:
                raise ValidationError(
                    _("“%(label)s” ข้อที่ %(n)s ยาวเกิน %(max)s ตัวอักษร กรุณาแยกเป็นหลายบรรทัด")
                    % {"label": self.label, "n": number, "max": self.item_max_length})
        if len(items) > self.max_items:
            raise ValidationError(_("“%(label)s” มีได้ไม่เกิน %(max)s ข้อ") % {"label": self.label, "max": self.max_items})
        if self.required and not items:
            raise ValidationError(self.error_messages["required"], code="required")
        return items


class YearField(forms.CharField):
    """A Buddhist-era year typed with Thai or Arabic digits."""

    def __init__(self, *, label, **kwargs):
        super().__init__(label=label, max_length=8, widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                         error_messages={"required": gettext_lazy("กรุณากรอก “%(label)s”") % {"label": label}}, **kwargs)

    def clean(self, value):
        if value and "\x00" in str(value):
            raise ValidationError(NUL_MESSAGE % {"label": self.label})
        value = to_arabic_digits(super().clean(value) or "").strip()
        if not value:
            return None
        if not value.isdigit() or not 2500 <= int(value) <= 2700:
            raise ValidationError(_("“%(label)s” ต้องเป็นปี พ.ศ. ๔ หลัก เช่น ๒๕๖๗") % {"label": self.label})
        return int(value)


class ThaiForm(forms.Form):
    """Labels without Django's trailing colon (Thai labels often end in a closing bracket)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class PlanCreateForm(ThaiForm):
    SOURCES = [
        ("empty", gettext_lazy("แผนว่าง")),
        ("copy", gettext_lazy("คัดลอกจากแผนของปีที่แล้ว")),
        ("templates", gettext_lazy("จากคลังแม่แบบประเด็น")),
    ]
    fiscal_year = YearField(label=gettext_lazy("ปีงบประมาณ พ.ศ."))
    answers_year = YearField(label=gettext_lazy("ตอบผลการประเมิน ITA ปี (เว้นว่าง = ปีก่อนหน้า)"), required=False)
    source = ThaiChoiceField(label=gettext_lazy("เริ่มจาก"), choices=SOURCES, widget=forms.RadioSelect, initial="empty")
    template_set = forms.ChoiceField(label=gettext_lazy("ใช้แม่แบบทั้งชุด"), required=False)
    templates = forms.MultipleChoiceField(label=gettext_lazy("หรือเลือกทีละประเด็น"), required=False,
                                          widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template_set"].choices = [("", "—")] + [
            (key, f"{data['title']} ({len(data['issues'])})") for key, data in templates_library.template_sets().items()]
        self.fields["templates"].choices = [
            (t["key"], f"{t['instrument']} · {t['title']}") for t in templates_library.all_templates()
        ]

    def clean(self):
        data = super().clean()
        chosen = data.get("template_set")
        if chosen:
            keys = [t["key"] for t in templates_library.template_sets()[chosen]["issues"]]
            data["templates"] = keys + [k for k in data.get("templates") or [] if k not in keys]
        if data.get("source") == "templates" and not data.get("templates"):
            self.add_error("templates", _("เลือกแม่แบบอย่างน้อยหนึ่งประเด็น"))
        return data


class PlanSettingsForm(ThaiForm):
    status = ThaiChoiceField(label=gettext_lazy("สถานะ"), choices=Plan.Status.choices)
    meeting_date = ThaiDateField(label=gettext_lazy("วันที่ประชุมคณะทำงาน"), required=False)


class DepartmentsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        label = gettext_lazy("ผู้รับผิดชอบ")
        super().__init__(
            label=label, queryset=Department.objects.none(), widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": gettext_lazy("เลือกผู้รับผิดชอบอย่างน้อยหนึ่งส่วนราชการ"),
                "invalid_choice": gettext_lazy("ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้"),
                "invalid_pk_value": gettext_lazy("ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้"),
            }, **kwargs)


class IssueForm(ThaiForm):
    instrument = ThaiChoiceField(label=gettext_lazy("เครื่องมือการประเมิน"), choices=Instrument.choices)
    indicator = forms.ModelChoiceField(label=gettext_lazy("ตัวชี้วัด"), queryset=Indicator.objects.none(), required=False,
                                       error_messages={"invalid_choice": gettext_lazy("“ตัวชี้วัด” ที่เลือกไม่มีในกรอบการประเมินที่แผนนี้ตอบ")})
    oit_item = forms.ModelChoiceField(label=gettext_lazy("ข้อ OIT (เฉพาะแบบวัด OIT)"), queryset=OITItem.objects.none(), required=False,
                                      error_messages={"invalid_choice": gettext_lazy("“ข้อ OIT” ที่เลือกไม่มีในกรอบการประเมินที่แผนนี้ตอบ")})
    title = ThaiCharField(label=gettext_lazy("ประเด็นที่ต้องปรับปรุงแก้ไข/พัฒนา"), max_length=300)
    methods = LinesField(label=gettext_lazy("วิธีการดำเนินการ (หนึ่งบรรทัดต่อหนึ่งข้อ ระบบใส่เลขข้อให้เอง)"),
                         item_max_length=Method._meta.get_field("text").max_length)
    departments = DepartmentsField()
    due_date = ThaiDateField(label=gettext_lazy("วันที่ดำเนินการแล้วเสร็จ"))
    follow_up = LinesField(label=gettext_lazy("รายงานผล/การติดตามผล (หนึ่งบรรทัดต่อหนึ่งข้อ)"), required=False,
                           item_max_length=1000)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        fw: Framework = plan.answers_framework
        self.fields["departments"].queryset = Department.objects.filter(organization=plan.organization)
        self.fields["indicator"].queryset = Indicator.objects.filter(framework=fw).select_related("instrument")
        self.fields["indicator"].label_from_instance = (
            lambda i: f"{i.instrument.code} · {i.number}. {i.title_th}")
        self.fields["oit_item"].queryset = OITItem.objects.filter(framework=fw)
        self.fields["oit_item"].label_from_instance = lambda o: f"{o.code} {o.title_th}"
        start, end = plan.bounds
        self.fields["due_date"].widget.attrs.update(min=start.isoformat(), max=end.isoformat())
        for name in ("methods", "follow_up"):
            self.fields[name].widget.attrs["rows"] = 5

    def clean(self):
        data = super().clean()
        instrument, indicator, oit_item = data.get("instrument"), data.get("indicator"), data.get("oit_item")
        if instrument and indicator and indicator.instrument.code != instrument:
            self.add_error("indicator", _("ตัวชี้วัดนี้ไม่อยู่ในเครื่องมือ %(code)s") % {"code": instrument})
        if oit_item and instrument and instrument != "OIT":
            self.add_error("oit_item", _("เลือกข้อ OIT ได้เฉพาะประเด็นของแบบวัด OIT"))
        due = data.get("due_date")
        if due:
            start, end = self.plan.bounds
            if not start <= due <= end:
                from prongsai.core.thai import thai_date

                self.add_error("due_date", _(
                    "“วันที่ดำเนินการแล้วเสร็จ” ต้องอยู่ในปีงบประมาณ พ.ศ. %(year)s (%(start)s – %(end)s)") % {
                    "year": self.plan.fiscal_year, "start": thai_date(start, thai_digits=False),
                    "end": thai_date(end, thai_digits=False)})
        return data


class RoundForm(ThaiForm):
    name = ThaiCharField(label=gettext_lazy("ชื่อรอบ (เว้นว่างได้)"), max_length=100, required=False)
    months = ThaiCharField(label=gettext_lazy("จำนวนเดือน"), max_length=4,
                           widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    period_end = ThaiDateField(label=gettext_lazy("ผลการดำเนินงานถึงวันที่"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_months(self):
        value = to_arabic_digits(self.cleaned_data["months"]).strip()
        if "\x00" in value:
            raise ValidationError(NUL_MESSAGE % {"label": _("จำนวนเดือน")})
        if not value.isdigit() or not 1 <= int(value) <= 12:
            raise ValidationError(_("“จำนวนเดือน” ต้องเป็นตัวเลข ๑–๑๒"))
        return int(value)

    def clean_period_end(self):
        day = self.cleaned_data["period_end"]
        start, end = self.plan.bounds
        if not start <= day <= end:
            raise ValidationError(_("“ผลการดำเนินงานถึงวันที่” ต้องอยู่ในปีงบประมาณ พ.ศ. %(y)s") % {"y": self.plan.fiscal_year})
        return day


class ResultUpdateForm(ThaiForm):
    status = ThaiChoiceField(label=gettext_lazy("สถานะ"), choices=RoundResult.Status.choices, widget=forms.RadioSelect)
    result = ThaiCharField(label=gettext_lazy("ผลการดำเนินงาน (หนึ่งบรรทัดต่อหนึ่งข้อ ระบบใส่เลขข้อให้เอง)"),
                           max_length=5000, required=False, textarea=True, rows=6)


class EvidenceForm(ThaiForm):
    title = ThaiCharField(label=gettext_lazy("ชื่อหลักฐาน"), max_length=200)
    file = forms.FileField(label=gettext_lazy("ไฟล์ (PDF, รูปภาพ, DOCX, XLSX)"), required=False)
    url = forms.CharField(label=gettext_lazy("หรือลิงก์"), max_length=500, required=False,
                          widget=forms.URLInput(attrs={"placeholder": "https://"}))

    def clean_url(self):
        url = (self.cleaned_data.get("url") or "").strip()
        if "\x00" in url:
            raise ValidationError(NUL_MESSAGE % {"label": _("ลิงก์")})
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                raise ValidationError(_("“ลิงก์” ไม่ใช่ที่อยู่เว็บที่ถูกต้อง ต้องขึ้นต้นด้วย https:// หรือ http://")) from None
        return url

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("file") and not data.get("url"):
            raise ValidationError(_("แนบไฟล์หรือใส่ลิงก์อย่างน้อยหนึ่งอย่าง"))
        return data

