from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "prongsai.measures"
    label = "measures"
    verbose_name = _("มาตรการและการติดตามผล")
    # Staff menu entries: (label, url name, roles or None for every member).
    staff_nav = [
        (_("ภาพรวม"), "measures:dashboard", None),
        (_("แผนมาตรการ"), "measures:plan_list", None),
        (_("ผลการประเมิน ITA"), "ita:result_list", None),
        (_("ประวัติการแก้ไข"), "audit:trail", ("admin", "coordinator")),
    ]
