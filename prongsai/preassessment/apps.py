from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreassessmentConfig(AppConfig):
    name = "prongsai.preassessment"
    label = "preassessment"
    verbose_name = _("ประเมินตนเองก่อน ITA")
    staff_nav = [(_("ประเมินตนเอง IIT/EIT"), "preassessment:survey_list", ("admin", "coordinator", "executive"))]
