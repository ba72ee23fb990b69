from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficersOnly:
    """Menu filter for the corruption-report inbox: only designated complaint officers.

    Called with the membership where the menu registry supports callables (see the change
    proposed for tenancy.context_processors); until then the registry tests `role in roles`,
    and only admins — who appoint the officers — see the entry."""

    def __call__(self, membership) -> bool:
        from .services import is_officer

        return is_officer(membership)

    def __contains__(self, role) -> bool:
        return role == "admin"

    def __bool__(self) -> bool:
        return True


class ComplaintsConfig(AppConfig):
    name = "prongsai.complaints"
    label = "complaints"
    verbose_name = _("เรื่องร้องเรียนและการมีส่วนร่วม")
    staff_nav = [
        (_("เรื่องร้องเรียน"), "complaints:complaint_inbox", ("admin", "coordinator", "executive", "department_staff")),
        (_("เรื่องร้องเรียนการทุจริต"), "complaints:report_inbox", OfficersOnly()),
        (_("รับฟังความคิดเห็น"), "complaints:staff_topics", ("admin", "coordinator", "executive", "department_staff")),
    ]
    public_nav = [
        (_("ร้องเรียน/ร้องทุกข์"), "complaints:home"),
        (_("แจ้งเรื่องร้องเรียนการทุจริต"), "complaints:report_new"),
        (_("การมีส่วนร่วม"), "complaints:topic_list"),
    ]
