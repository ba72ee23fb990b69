from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OitConfig(AppConfig):
    name = "prongsai.oit"
    label = "oit"
    verbose_name = _("การเปิดเผยข้อมูลสาธารณะ (OIT)")
    staff_nav = [(_("ความพร้อม OIT"), "oit:check_current", None)]
    public_nav = [(_("การเปิดเผยข้อมูลสาธารณะ (OIT)"), "oit:index_current")]
