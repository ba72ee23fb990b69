from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "prongsai.reports"
    label = "reports"
    verbose_name = _("เอกสารราชการและการอนุมัติ")
    staff_nav = [(_("เอกสารรายงาน"), "reports:list", ("admin", "coordinator", "executive", "viewer"))]

    def ready(self):
        from . import signals

        signals.connect()
