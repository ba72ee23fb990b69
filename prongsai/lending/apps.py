from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LendingConfig(AppConfig):
    name = "prongsai.lending"
    label = "lending"
    verbose_name = _("การยืมครุภัณฑ์และสถานที่")
    staff_nav = [(_("ยืมครุภัณฑ์/สถานที่"), "lending:staff_bookings", None)]
    public_nav = [(_("ยืมครุภัณฑ์/สถานที่"), "lending:item_list")]
