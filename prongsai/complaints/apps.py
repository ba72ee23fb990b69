from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def officers_only(membership) -> bool:
    """Menu filter for the corruption-report inbox: only designated complaint officers."""
    from .services import is_officer

    return is_officer(membership)


class ComplaintsConfig(AppConfig):
    name = "prongsai.complaints"
    label = "complaints"
    verbose_name = _("เรื่องร้องเรียนและการมีส่วนร่วม")
    staff_nav = [
        (_("เรื่องร้องเรียน"), "complaints:complaint_inbox", ("admin", "coordinator", "executive", "department_staff")),
        (_("เรื่องร้องเรียนการทุจริต"), "complaints:report_inbox", officers_only),
        (_("รับฟังความคิดเห็น"), "complaints:staff_topics", ("admin", "coordinator", "executive", "department_staff")),
    ]
    public_nav = [
        (_("ร้องเรียน/ร้องทุกข์"), "complaints:home"),
        (_("แจ้งเรื่องร้องเรียนการทุจริต"), "complaints:report_new"),
        (_("การมีส่วนร่วม"), "complaints:topic_list"),
    ]
