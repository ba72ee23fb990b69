"""Staff forms of the public site. Organization never comes from a form."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from prongsai.complaints.fields import ThaiDateField, ThaiModelFormMixin
from prongsai.core.antiabuse import GuardedFormMixin
from prongsai.core.thai import BE_OFFSET, parse_thai_number, to_arabic_digits
from prongsai.tenancy.models import Department, Organization

from . import categories
from .models import Executive, FaqEntry, Publication, SiteProfile, SocialLink

RICH_HELP = _("พิมพ์ข้อความได้ตามปกติ หรือใช้ HTML พื้นฐาน (p, strong, a, ul, ol, table) — "
              "สคริปต์ iframe และลิงก์ javascript: จะถูกลบออกอัตโนมัติ")


class ThaiIntegerField(forms.IntegerField):
    def to_python(self, value):
        return super().to_python(parse_thai_number(str(value)) if value not in (None, "") else value)


class ThaiDecimalField(forms.DecimalField):
    def to_python(self, value):
        return super().to_python(parse_thai_number(str(value)) if value not in (None, "") else value)


class MonthField(forms.Field):
    """<input type=month> (YYYY-MM, Common Era) or typed MM/YYYY in the Buddhist era."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def to_python(self, value):
        if isinstance(value, dt.date):
            return value.replace(day=1)
        value = to_arabic_digits((value or "").strip())
        if not value:
            return None
        m = re.fullmatch(r"(\d{4})-(\d{1,2})", value) or None
        if m:
            year, month = int(m.group(1)), int(m.group(2))
        else:
            m = re.fullmatch(r"(\d{1,2})[/.\-](\d{4})", value)
            if not m:
                raise ValidationError(_("“เดือนที่รายงาน” ต้องเป็นเดือน/ปี เช่น 10/2565"), code="invalid")
            month, year = int(m.group(1)), int(m.group(2))
        if year > 2400:
            year -= BE_OFFSET
        if not 1 <= month <= 12:
            raise ValidationError(_("“เดือนที่รายงาน” ต้องเป็นเดือน ๑–๑๒"), code="invalid")
        return dt.date(year, month, 1)


class LookForm(ThaiModelFormMixin, forms.ModelForm):
    logo_file = forms.ImageField(label=_("ตราสัญลักษณ์ (รูปภาพ)"), required=False)
    cover_file = forms.ImageField(label=_("ภาพปก (รูปภาพ กว้างอย่างน้อย 1200 พิกเซล)"), required=False)
    remove_logo = forms.BooleanField(label=_("ลบตราสัญลักษณ์"), required=False)
    remove_cover = forms.BooleanField(label=_("ลบภาพปก"), required=False)

    class Meta:
        model = SiteProfile
        fields = ["primary_colour", "tagline", "cover_alt", "domain"]
        widgets = {"primary_colour": forms.TextInput(attrs={"type": "color"})}

    def clean_domain(self):
        return (self.cleaned_data.get("domain") or "").strip().lower() or None


class ContactForm(ThaiModelFormMixin, forms.ModelForm):
    latitude = ThaiDecimalField(label=_("ละติจูด (เช่น 15.150000)"), required=False, max_digits=9, decimal_places=6,
                                min_value=-90, max_value=90)
    longitude = ThaiDecimalField(label=_("ลองจิจูด (เช่น 102.050000)"), required=False, max_digits=9,
                                 decimal_places=6, min_value=-180, max_value=180)

    class Meta:
        model = Organization
        fields = ["address", "postcode", "phone", "fax", "email", "latitude", "longitude"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}


class ExecutiveForm(ThaiModelFormMixin, forms.ModelForm):
    photo_file = forms.ImageField(label=_("รูปถ่าย (ระบบจะลบข้อมูลแฝง เช่น พิกัด GPS ออก)"), required=False)
    remove_photo = forms.BooleanField(label=_("ลบรูปถ่าย"), required=False)
    order = ThaiIntegerField(label=_("ลำดับการแสดง"), min_value=0, initial=0)
    department = forms.ModelChoiceField(label=_("สังกัด"), queryset=None, required=False)

    class Meta:
        model = Executive
        fields = ["full_name", "position", "side", "order", "phone", "email"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(organization=organization)
        if self.instance.pk:
            self.initial["department"] = self.instance.department_id
        self.order_fields(["full_name", "position", "side", "department"])


class InfoPageForm(forms.Form):
    body = forms.CharField(label=_("เนื้อหา"), widget=forms.Textarea(attrs={"rows": 14}), required=False,
                           max_length=100_000, help_text=RICH_HELP)
    image_file = forms.ImageField(label=_("แผนผัง/ภาพประกอบ"), required=False)
    image_alt = forms.CharField(label=_("คำบรรยายภาพ (สำหรับผู้พิการทางสายตา)"), required=False, max_length=300)
    remove_image = forms.BooleanField(label=_("ลบภาพ"), required=False)


class SocialLinkForm(ThaiModelFormMixin, forms.ModelForm):
    order = ThaiIntegerField(label=_("ลำดับ"), min_value=0, initial=0)
    url = forms.URLField(label=_("ที่อยู่ลิงก์"), max_length=500, assume_scheme="https")

    class Meta:
        model = SocialLink
        fields = ["network", "label", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["url"] = self.instance.url
        self.order_fields(["network", "label", "url", "order"])


class QuestionForm(ThaiModelFormMixin, forms.ModelForm):
    order = ThaiIntegerField(label=_("ลำดับ"), min_value=0, initial=0)

    class Meta:
        model = FaqEntry
        fields = ["question", "answer", "order", "is_published"]
        widgets = {"question": forms.TextInput()}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class PublicationForm(ThaiModelFormMixin, forms.ModelForm):
    fiscal_year = ThaiIntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2540, max_value=2700)
    period = MonthField(label=_("เดือนที่รายงาน (สำหรับรายงานรายเดือน)"), required=False)
    publication_date = ThaiDateField(label=_("วันที่เผยแพร่"))
    department = forms.ModelChoiceField(label=_("ส่วนราชการที่รับผิดชอบ"), queryset=None)
    attachments = MultipleFileField(label=_("ไฟล์แนบ (PDF, Word, Excel หรือรูปภาพ)"), required=False,
                                    help_text=_("ระบบตรวจชนิดไฟล์จากเนื้อหาและลบข้อมูลแฝงก่อนจัดเก็บ"))

    class Meta:
        model = Publication
        fields = ["title", "category", "fiscal_year", "period", "publication_date", "body"]
        widgets = {"title": forms.TextInput(), "body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, organization, allowed: list[str], membership, **kwargs):
        super().__init__(*args, **kwargs)
        cats = categories.all_categories()
        self.fields["category"] = forms.ChoiceField(
            label=_("หมวด"), choices=[("", "—")] + [(s, cats[s].name) for s in cats if s in allowed])
        depts = Department.objects.filter(organization=organization)
        if membership.role not in ("admin", "coordinator"):
            depts = depts.filter(pk=membership.department_id)
        self.fields["department"].queryset = depts
        if self.instance.pk:
            self.initial["department"] = self.instance.department_id
        self.order_fields(["title", "category", "fiscal_year", "period", "publication_date", "department", "body"])
        self.fields["department"].error_messages["required"] = _("กรุณาเลือก “ส่วนราชการที่รับผิดชอบ”")
        self.fields["body"].help_text = RICH_HELP
        self.fields["body"].required = False


class ProcurementRowForm(forms.Form):
    item = forms.CharField(label=_("งานที่จัดซื้อหรือจัดจ้าง"), max_length=500)
    amount = ThaiDecimalField(label=_("วงเงิน (บาท)"), max_digits=14, decimal_places=2, min_value=0)
    reference_price = ThaiDecimalField(label=_("ราคากลาง (บาท)"), max_digits=14, decimal_places=2, min_value=0,
                                       required=False)
    method = forms.CharField(label=_("วิธีซื้อหรือจ้าง"), max_length=100)
    bidders = forms.CharField(label=_("ผู้เสนอราคาและราคาที่เสนอ"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    winner = forms.CharField(label=_("ผู้ได้รับการคัดเลือก"), max_length=300)
    winner_price = ThaiDecimalField(label=_("ราคาที่ตกลง (บาท)"), max_digits=14, decimal_places=2, min_value=0)
    reason = forms.CharField(label=_("เหตุผลที่คัดเลือก"), max_length=300)
    contract_no = forms.CharField(label=_("เลขที่สัญญา/ข้อตกลง"), max_length=100)
    contract_date = ThaiDateField(label=_("วันที่สัญญา/ข้อตกลง"))


ProcurementFormSet = formset_factory(ProcurementRowForm, extra=2, can_delete=True, max_num=200)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผลที่ถอนการเผยแพร่"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}))


class CategoryDepartmentsForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(label=_("ส่วนราชการที่เผยแพร่ในหมวดนี้"), queryset=None,
                                                 required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.filter(organization=organization)


class AskForm(GuardedFormMixin):
    question = forms.CharField(
        label=_("คำถามของท่าน"), max_length=500, min_length=5, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("ไม่ต้องใส่ชื่อหรือข้อมูลส่วนตัว หน่วยงานจะตอบและเผยแพร่คำถาม–คำตอบในหน้านี้"),
        error_messages={"required": _("กรุณาพิมพ์คำถาม"), "min_length": _("กรุณาพิมพ์คำถามอย่างน้อย ๕ ตัวอักษร"),
                        "max_length": _("คำถามยาวเกิน ๕๐๐ ตัวอักษร")})
