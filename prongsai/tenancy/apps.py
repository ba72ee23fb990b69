from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    name = "prongsai.tenancy"
    label = "tenancy"
    verbose_name = _("หน่วยงานและสมาชิก")
    # Staff menu entry: organization admins only.
    staff_nav = [
        (_("ตั้งค่าหน่วยงาน"), "tenancy:profile", ("admin",)),
    ]
