from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "prongsai.training"
    label = "training"
    verbose_name = _("ทะเบียนการอบรม การประชุม และประกาศด้านบุคคล")
    staff_nav = [(_("ทะเบียนอบรม/ประชุม/ประกาศ"), "training:overview", None)]
    public_nav = [(_("ประกาศหลักเกณฑ์ด้านบุคคล"), "training:public_hr"),
                  (_("ระเบียบการใช้ทรัพย์สิน"), "training:public_property")]
