from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "prongsai.portal"
    label = "portal"
    verbose_name = _("เว็บไซต์หน่วยงาน")
    staff_nav = [
        (_("เอกสารเผยแพร่"), "portal:staff_publications", ("admin", "coordinator", "department_staff", "executive")),
        (_("เว็บไซต์หน่วยงาน"), "portal:staff_dashboard", ("admin", "coordinator")),
    ]
    public_nav = [
        (_("หน้าแรก"), "portal:home"),
        (_("โครงสร้าง"), "portal:structure"),
        (_("ผู้บริหาร"), "portal:executives"),
        (_("เอกสารเผยแพร่"), "portal:publications"),
        (_("ติดต่อเรา"), "portal:contact"),
    ]

    def ready(self):
        from prongsai.core.signals import public_content_changed

        from . import fragments

        public_content_changed.connect(fragments.on_public_content_changed, dispatch_uid="portal.fragments")
