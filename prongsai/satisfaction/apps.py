from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    name = "prongsai.satisfaction"
    label = "satisfaction"
    verbose_name = _("ความพึงพอใจการให้บริการ")
    staff_nav = [
        (_("ความพึงพอใจ"), "satisfaction:staff_surveys", ("admin", "coordinator", "executive")),
    ]
    public_nav = [
        (_("ผลสำรวจความพึงพอใจ"), "satisfaction:results"),
    ]
