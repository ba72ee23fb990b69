from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.core.antiabuse import GuardedFormMixin
from prongsai.core.thai import to_arabic_digits
from prongsai.ita.models import Framework

from .models import Survey


class SurveyCreateForm(forms.Form):
    instrument = forms.ChoiceField(label=_("แบบวัด"), choices=Survey.Instrument.choices)
    fiscal_year = forms.TypedChoiceField(label=_("ปีการประเมิน (พ.ศ.)"), coerce=int)
    title = forms.CharField(label=_("ชื่อแบบสำรวจ (ไม่บังคับ)"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Framework.objects.values_list("fiscal_year", flat=True).order_by("-fiscal_year")
        self.fields["fiscal_year"].choices = [(y, str(y)) for y in years]


class AnswerForm(forms.Form):
    """One radio group per question; IIT adds the one-time code, EIT adds the abuse guard."""

    def __init__(self, *args, survey, with_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        if with_code:
            self.fields["code"] = forms.CharField(
                label=_("รหัสตอบแบบสำรวจ"), max_length=20, help_text=_("รหัส ๑๒ ตัวที่ได้รับจากผู้ประสานงาน")
            )
        self.questions = list(survey.questions.all())
        for q in self.questions:
            self.fields[q.code] = forms.ChoiceField(
                label=q.text,
                choices=q.options(),
                widget=forms.RadioSelect,
                required=True,
                error_messages={"required": _("กรุณาเลือกคำตอบ")},
            )

    @property
    def question_fields(self):
        return [(i, self[q.code]) for i, q in enumerate(self.questions, start=1)]

    def clean_code(self):
        return to_arabic_digits(self.cleaned_data["code"])

    def answers(self) -> dict:
        return {q.code: self.cleaned_data[q.code] for q in self.questions}


class GuardedAnswerForm(GuardedFormMixin, AnswerForm):
    pass
