"""Forms of the organization admin pages. None carries an organization: the view passes the
request's organization, and department choices are limited to it, so a department id of
another organization is an invalid choice (Thai error, nothing stored)."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from prongsai.complaints.fields import ThaiCharField, ThaiChoiceField, ThaiEmailField, ThaiModelFormMixin
from prongsai.core.thai import to_arabic_digits

from .models import Department, Membership, Organization
from .services import PROFILE_FIELDS

DOC_PREFIX_RE = re.compile(r"^[\u0E00-\u0E7FA-Za-z0-9 .\-/]+$")


class OrganizationForm(ThaiModelFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = PROFILE_FIELDS
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "date_style": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thai_digits"].help_text = _("ไม่เลือก: แสดงเลขอารบิก เช่น 31 มี.ค. 2566")
        self.fields["doc_prefix"].help_text = _("เช่น นม ๗๓๕๐๑/ — ระบบจะต่อเลขที่หนังสือให้เอง")
        self.fields["base_name"].help_text = _("ไม่รวมประเภท เช่น กำปัง (ชื่อเต็มและชื่อย่อสร้างจากประเภทให้เอง)")

    def clean_doc_prefix(self):
        value = (self.cleaned_data.get("doc_prefix") or "").strip()
        if value and not DOC_PREFIX_RE.match(value):
            raise forms.ValidationError(_("“รหัสหนังสือราชการ” ใช้ได้เฉพาะตัวอักษรไทย/อังกฤษ ตัวเลข เว้นวรรค จุด และ / "
                                          "เช่น นม ๗๓๕๐๑/"))
        return value.rstrip("/ ").strip()

    def clean_postcode(self):
        value = to_arabic_digits((self.cleaned_data.get("postcode") or "").strip())
        if value and not re.fullmatch(r"\d{5}", value):
            raise forms.ValidationError(_("“รหัสไปรษณีย์” ต้องเป็นตัวเลข ๕ หลัก เช่น 30220"))
        return value


class DepartmentForm(forms.Form):
    name = ThaiCharField(label=_("ชื่อส่วนราชการ"), max_length=150, help_text=_("เช่น กองส่งเสริมการเกษตร"))


class _MemberFields(forms.Form):
    role = ThaiChoiceField(label=_("บทบาท"), choices=Membership.Role.choices)
    department = forms.ModelChoiceField(
        label=_("สังกัด"), queryset=Department.objects.none(), required=False, empty_label=_("— ไม่ระบุ —"),
        error_messages={"invalid_choice": _("“สังกัด” ที่เลือกไม่มีในหน่วยงานนี้ กรุณาเลือกใหม่")},
    )
    position_title = ThaiCharField(label=_("ตำแหน่ง"), max_length=150, required=False,
                                   help_text=_("เช่น นักทรัพยากรบุคคลชำนาญการ"))

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(organization=organization)
        self.fields["role"].initial = Membership.Role.DEPARTMENT_STAFF  # never admin by default


class MemberExistingForm(_MemberFields):
    identifier = ThaiCharField(label=_("ชื่อผู้ใช้หรืออีเมล"), max_length=254,
                               help_text=_("ของผู้ที่มีบัญชีในระบบแล้ว (เช่น เป็นสมาชิกของหน่วยงานอื่น)"))
    field_order = ["identifier", "role", "department", "position_title"]


class MemberNewForm(_MemberFields):
    username = ThaiCharField(label=_("ชื่อผู้ใช้"), max_length=150,
                             help_text=_("ภาษาอังกฤษ ตัวเลข และ . @ + - _ เท่านั้น เช่น somchai.k"))
    title = ThaiCharField(label=_("คำนำหน้า"), max_length=30, required=False, help_text=_("เช่น นาย นาง นางสาว"))
    first_name = ThaiCharField(label=_("ชื่อ"), max_length=150)
    last_name = ThaiCharField(label=_("นามสกุล"), max_length=150)
    email = ThaiEmailField(label=_("อีเมล"), required=False)
    field_order = ["username", "title", "first_name", "last_name", "email", "role", "department", "position_title"]

    def clean_username(self):
        value = self.cleaned_data["username"].strip()
        try:
            UnicodeUsernameValidator()(value)
        except forms.ValidationError:
            raise forms.ValidationError(_("“ชื่อผู้ใช้” ใช้ได้เฉพาะตัวอักษร ตัวเลข และ . @ + - _ (ไม่มีเว้นวรรค)")) from None
        if not value.isascii():
            raise forms.ValidationError(_("“ชื่อผู้ใช้” ต้องเป็นภาษาอังกฤษ เพื่อให้พิมพ์เข้าสู่ระบบได้จากทุกแป้นพิมพ์"))
        return value


class MemberEditForm(_MemberFields):
    is_active = forms.BooleanField(label=_("ใช้งาน"), required=False,
                                   help_text=_("ไม่เลือก: ระงับการเข้าใช้หน่วยงานนี้ชั่วคราวโดยไม่ลบประวัติ"))
