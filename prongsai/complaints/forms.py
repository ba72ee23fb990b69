"""Forms. Citizens' forms come in two layers: the fields (also used by the JSON API, so both
channels validate alike and answer in Thai) and the guarded form with honeypot and fill time."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.antiabuse import GuardedFormMixin
from prongsai.core.uploads import validate_upload
from prongsai.tenancy.models import Department, Membership

from . import scrub
from .crypto import normalise_code
from .fields import (
    PhoneField,
    ThaiCharField,
    ThaiChoiceField,
    ThaiDateField,
    ThaiEmailField,
    ThaiModelFormMixin,
)
from .models import Complaint, CorruptionReport, Guideline, Topic

EVIDENCE_KINDS = {"pdf", "image", "docx"}


@dataclass
class CleanFile:
    """An upload that passed the content check, with its metadata already stripped.
    `original_sha256` identifies the upload for the idempotency fingerprint."""

    data: bytes
    kind: str
    name: str
    original_sha256: str


def clean_evidence_upload(upload) -> CleanFile | None:
    if not upload:
        return None
    kind = validate_upload(upload, kinds=EVIDENCE_KINDS)
    upload.seek(0)
    original = upload.read()
    data, name = scrub.scrub(original, kind, upload.name)
    return CleanFile(data=data, kind=kind, name=name, original_sha256=hashlib.sha256(original).hexdigest())


def evidence_field(label):
    return forms.FileField(label=label, required=False, error_messages={
        "invalid": gettext_lazy("ไฟล์ที่ส่งมาไม่ถูกต้อง กรุณาเลือกไฟล์ใหม่"),
        "empty": gettext_lazy("ไฟล์ที่ส่งมาว่างเปล่า กรุณาเลือกไฟล์ใหม่"),
        "missing": gettext_lazy("ไม่พบไฟล์ที่ส่งมา กรุณาเลือกไฟล์ใหม่"),
    }, help_text=gettext_lazy("PDF, Word (DOCX) หรือรูปภาพ ไม่เกิน ๑๐ MB ระบบจะลบข้อมูลแฝง (ชื่อผู้สร้าง พิกัด GPS ฯลฯ) ออกก่อนจัดเก็บ"))


# --- general complaints -------------------------------------------------------------------


class ComplaintFields(forms.Form):
    category = ThaiChoiceField(label=gettext_lazy("ประเภทเรื่อง"), choices=Complaint.Category.choices)
    subject = ThaiCharField(label=gettext_lazy("เรื่อง"), max_length=200)
    details = ThaiCharField(label=gettext_lazy("รายละเอียด"), max_length=5000, textarea=True)
    location = ThaiCharField(label=gettext_lazy("สถานที่เกิดเหตุ"), max_length=300, required=False)
    name = ThaiCharField(label=gettext_lazy("ชื่อ-นามสกุล"), max_length=150)
    phone = PhoneField(label=gettext_lazy("โทรศัพท์"))
    email = ThaiEmailField(label=gettext_lazy("อีเมล"))
    attachment = evidence_field(gettext_lazy("ไฟล์ประกอบ (ถ้ามี)"))

    def clean_attachment(self):
        return clean_evidence_upload(self.cleaned_data.get("attachment"))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("phone", _("กรุณากรอกโทรศัพท์หรืออีเมลอย่างน้อยหนึ่งช่องทาง เพื่อให้หน่วยงานติดต่อกลับได้"))
        return cleaned


class ComplaintForm(GuardedFormMixin, ComplaintFields):
    pass


# --- corruption reports -------------------------------------------------------------------


class ReportFields(forms.Form):
    category = ThaiChoiceField(label=gettext_lazy("ประเภทเรื่อง"), choices=CorruptionReport.Category.choices)
    subject = ThaiCharField(label=gettext_lazy("เรื่อง"), max_length=200)
    details = ThaiCharField(label=gettext_lazy("รายละเอียดการกระทำ"), max_length=10000, textarea=True, rows=8)
    accused = ThaiCharField(label=gettext_lazy("ผู้ถูกร้องเรียน (ชื่อ ตำแหน่ง ถ้าทราบ)"), max_length=500, required=False)
    place = ThaiCharField(label=gettext_lazy("สถานที่"), max_length=300, required=False)
    when = ThaiCharField(label=gettext_lazy("วันเวลาที่เกิดเหตุ (โดยประมาณ)"), max_length=200, required=False)
    anonymous = forms.BooleanField(label=gettext_lazy("ไม่ประสงค์ออกนาม (ไม่ต้องกรอกชื่อและช่องทางติดต่อ)"),
                                   required=False, initial=True)
    name = ThaiCharField(label=gettext_lazy("ชื่อ-นามสกุล"), max_length=150, required=False)
    phone = PhoneField(label=gettext_lazy("โทรศัพท์"))
    email = ThaiEmailField(label=gettext_lazy("อีเมล"))
    address = ThaiCharField(label=gettext_lazy("ที่อยู่ที่ติดต่อได้"), max_length=500, required=False)
    evidence = evidence_field(gettext_lazy("หลักฐาน (ถ้ามี)"))

    def clean_evidence(self):
        return clean_evidence_upload(self.cleaned_data.get("evidence"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymous"):
            # An anonymous report keeps nothing that identifies the reporter, even if typed.
            for name in ("name", "phone", "email", "address"):
                cleaned[name] = ""
        elif not self.errors:
            if not cleaned.get("name"):
                self.add_error("name", _("กรุณากรอก “ชื่อ-นามสกุล” หรือเลือก “ไม่ประสงค์ออกนาม”"))
            if not (cleaned.get("phone") or cleaned.get("email") or cleaned.get("address")):
                self.add_error("phone", _("กรุณากรอกช่องทางติดต่ออย่างน้อยหนึ่งช่องทาง หรือเลือก “ไม่ประสงค์ออกนาม”"))
        return cleaned


class ReportForm(GuardedFormMixin, ReportFields):
    pass


class TrackForm(forms.Form):
    code = ThaiCharField(label=gettext_lazy("เลขรับเรื่อง"), max_length=40,
                         widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}))
    secret = ThaiCharField(label=gettext_lazy("รหัสลับ"), max_length=40,
                           widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False))

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])

    def clean_secret(self):
        return normalise_code(self.cleaned_data["secret"])


class EvidenceFields(forms.Form):
    evidence = evidence_field(gettext_lazy("ไฟล์หลักฐานเพิ่มเติม"))
    follow_token = forms.CharField(widget=forms.HiddenInput)

    def clean_evidence(self):
        clean = clean_evidence_upload(self.cleaned_data.get("evidence"))
        if clean is None:
            raise ValidationError(_("กรุณาเลือกไฟล์หลักฐาน"))
        return clean


class EvidenceForm(GuardedFormMixin, EvidenceFields):
    pass


# --- staff forms --------------------------------------------------------------------------


class ComplaintActionForm(forms.Form):
    status = ThaiChoiceField(label=gettext_lazy("สถานะ"), choices=Complaint.Status.choices)
    department = forms.ModelChoiceField(label=gettext_lazy("ส่วนราชการที่รับผิดชอบ"), queryset=Department.objects.none(),
                                        required=False, empty_label=gettext_lazy("— ยังไม่มอบหมาย —"))
    message = ThaiCharField(label=gettext_lazy("ข้อความถึงผู้ร้องเรียน"), max_length=3000, required=False, textarea=True, rows=3)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(organization=organization)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Complaint.Status.REJECTED and not cleaned.get("message"):
            self.add_error("message", _("กรุณาแจ้งเหตุผลที่ไม่รับพิจารณาในช่อง “ข้อความถึงผู้ร้องเรียน”"))
        return cleaned


class ReportActionForm(forms.Form):
    status = ThaiChoiceField(label=gettext_lazy("สถานะ"), choices=CorruptionReport.Status.choices)
    message = ThaiCharField(label=gettext_lazy("ข้อความถึงผู้แจ้ง (ผู้แจ้งอ่านได้ด้วยเลขรับแจ้งและรหัสลับ)"),
                            max_length=3000, required=False, textarea=True, rows=3)
    note = ThaiCharField(label=gettext_lazy("บันทึกภายใน (เฉพาะเจ้าหน้าที่รับเรื่อง)"), max_length=3000, required=False,
                         textarea=True, rows=3)


class OfficerForm(forms.Form):
    membership = forms.ModelChoiceField(label=gettext_lazy("สมาชิก"), queryset=Membership.objects.none(),
                                        error_messages={"required": gettext_lazy("กรุณาเลือกสมาชิก"),
                                                        "invalid_choice": gettext_lazy("สมาชิกที่เลือกไม่อยู่ในหน่วยงานนี้")})

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = (
            Membership.objects.filter(organization=organization, is_active=True).select_related("user")
        )
        self.fields["membership"].label_from_instance = lambda m: f"{m.user.display_name} — {m.position_title or m.get_role_display()}"


class GuidelineForm(ThaiModelFormMixin, forms.ModelForm):
    class Meta:
        model = Guideline
        fields = ["title", "intro", "channels", "steps", "responsible_unit", "contact", "acknowledge_days",
                  "conclude_days", "protection", "is_published"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("intro", "channels", "steps", "protection")}


class TopicForm(ThaiModelFormMixin, forms.ModelForm):
    opens_on = ThaiDateField(label=gettext_lazy("เปิดรับความคิดเห็นตั้งแต่"))
    closes_on = ThaiDateField(label=gettext_lazy("ถึงวันที่"))
    department = forms.ModelChoiceField(label=gettext_lazy("ส่วนราชการที่รับผิดชอบ"), queryset=Department.objects.none(),
                                        required=False)

    class Meta:
        model = Topic
        fields = ["title", "kind", "description", "department", "opens_on", "closes_on", "is_published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(organization=organization)

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("วันปิดรับความคิดเห็นต้องไม่ก่อนวันเปิดรับ"))
        return cleaned


class TopicSummaryForm(ThaiModelFormMixin, forms.ModelForm):
    publish = forms.BooleanField(label=gettext_lazy("เผยแพร่สรุปผลบนเว็บไซต์"), required=False)

    class Meta:
        model = Topic
        fields = ["participants_count", "participants_note", "outcome", "usage"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("participants_note", "outcome", "usage")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("publish"):
            for name in ("outcome", "usage"):
                if not cleaned.get(name):
                    self.add_error(name, _("กรุณากรอกก่อนเผยแพร่สรุปผล"))
        return cleaned


class CommentFields(forms.Form):
    display_name = ThaiCharField(label=gettext_lazy("ชื่อที่ต้องการแสดง (เว้นว่างได้)"), max_length=100, required=False)
    body = ThaiCharField(label=gettext_lazy("ความคิดเห็น"), max_length=3000, textarea=True)


class CommentForm(GuardedFormMixin, CommentFields):
    pass
