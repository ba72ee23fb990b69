from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.complaints.fields import ThaiCharField
from prongsai.core.antiabuse import GuardedFormMixin

from .models import SCALE


class ResponseForm(GuardedFormMixin, forms.Form):
    score = forms.TypedChoiceField(label=_("ระดับความพึงพอใจ"), choices=SCALE, coerce=int, widget=forms.RadioSelect,
                                   error_messages={"required": _("กรุณาเลือก “ระดับความพึงพอใจ”"),
                                                   "invalid_choice": _("“ระดับความพึงพอใจ” ต้องเป็น ๑ ถึง ๕")})
    comment = ThaiCharField(label=_("ความคิดเห็นเพิ่มเติม"), max_length=2000, required=False, textarea=True, rows=4)
    request_code = forms.CharField(required=False, widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard = {name: self.fields.pop(name) for name in ("website", "form_token")}
        self.fields.update(guard)
