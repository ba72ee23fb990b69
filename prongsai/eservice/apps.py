from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EserviceConfig(AppConfig):
    name = "prongsai.eservice"
    label = "eservice"
    verbose_name = _("บริการประชาชน (E-Service)")
    staff_nav = [
        (_("คำร้อง E-Service"), "eservice:inbox", ("admin", "coordinator", "executive", "department_staff")),
        (_("คู่มือสำหรับประชาชน"), "eservice:staff_services", ("admin", "coordinator")),
    ]
    public_nav = [
        (_("คู่มือบริการประชาชนและ E-Service"), "eservice:service_list"),
    ]
