from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.measures.models import Issue
from prongsai.tenancy.models import Membership

from .models import Course, HRAnnouncement, Meeting, PropertyRule, Selection

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        dept = f" ({obj.department.name})" if obj.department_id else ""
        return f"{obj.user.display_name}{dept}"


def _members(organization):
    return Membership.objects.filter(organization=organization, is_active=True).select_related("user", "department")


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["title", "kind", "provider", "start_date", "hours", "topic", "ethics"]
        widgets = {"start_date": DATE}


class AttendanceForm(forms.Form):
    """Attendance is chosen only among this organization's people: an id from another
    organization is not a valid choice."""

    members = MemberChoiceField(label=_("ผู้เข้าอบรม"), queryset=Membership.objects.none(),
                                widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = _members(organization)


class CertificateForm(forms.Form):
    certificate = forms.FileField(label=_("เกียรติบัตร/หลักฐาน (PDF หรือรูปภาพ)"))


class SelectionForm(forms.ModelForm):
    class Meta:
        model = Selection
        fields = ["kind", "title", "criteria", "candidates", "decision", "announcement_url", "decided_on"]
        widgets = {"decided_on": DATE}


class MeetingForm(forms.ModelForm):
    attendees = MemberChoiceField(label=_("ผู้เข้าประชุม"), queryset=Membership.objects.none(),
                                  widget=forms.CheckboxSelectMultiple, required=False)
    issues = forms.ModelMultipleChoiceField(label=_("ประเด็นมาตรการที่รายงานในการประชุม"), queryset=Issue.objects.none(),
                                            widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = Meeting
        fields = ["kind", "title", "date", "agenda", "minutes", "minutes_file"]
        widgets = {"date": DATE}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = _members(organization)
        self.fields["issues"].queryset = Issue.objects.filter(organization=organization).select_related("plan").order_by(
            "-plan__fiscal_year", "instrument", "position")
        self.fields["issues"].label_from_instance = lambda i: f"{i.plan.fiscal_year} · {i.instrument} · {i.title}"
        if self.instance.pk:
            self.initial["attendees"] = list(self.instance.attendees.all())
            self.initial["issues"] = list(self.instance.issues.all())


class HRAnnouncementForm(forms.ModelForm):
    class Meta:
        model = HRAnnouncement
        fields = ["kind", "title", "body", "file", "round_start", "round_end", "published_on"]
        widgets = {"round_start": DATE, "round_end": DATE, "published_on": DATE}


class PropertyRuleForm(forms.ModelForm):
    # Declared explicitly: a model-derived choice field would query every organization's people.
    responsible = forms.ModelChoiceField(label=_("ผู้รับผิดชอบ"), queryset=Membership.objects.none())

    class Meta:
        model = PropertyRule
        fields = ["title", "body", "responsible", "published"]

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _members(organization)
        self.fields["responsible"].label_from_instance = lambda m: m.user.display_name


class EvidenceLinkForm(forms.Form):
    result = forms.TypedChoiceField(label=_("แนบเป็นหลักฐานของประเด็น (รอบการติดตามผล)"), coerce=int)
