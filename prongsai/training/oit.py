"""Where this app publishes OIT items (see prongsai/oit/registry.py): the HR criteria
announcements → the item "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล" (O27 in 2565, O25 in 2566–2567).
Items are found by title, never by code."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.thai import fiscal_year_bounds
from prongsai.ita.models import OITItem

from .models import HRAnnouncement

HR_CRITERIA = "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล"


def _item(framework):
    return OITItem.objects.filter(framework=framework, title_th=HR_CRITERIA).first()


def _announcements(organization, framework):
    """Published criteria in force during the fiscal year (their round overlaps it), or
    published in it; never one published after the year or in the future."""
    start, end = fiscal_year_bounds(framework.fiscal_year)
    return HRAnnouncement.objects.filter(
        organization=organization, published_on__isnull=False,
        published_on__lte=min(end, timezone.localdate()),
    ).filter(Q(round_end__gte=start, round_start__lte=end) | Q(published_on__gte=start)).order_by("round_start", "pk")


def oit_links(*, organization, framework) -> list[dict]:
    item = _item(framework)
    if item is None:
        return []
    page = reverse("training:public_hr", kwargs={"org_slug": organization.slug})
    return [
        {"item_code": item.code, "title": a.title, "url": f"{page}#hr-{a.pk}", "published_at": a.published_on}
        for a in _announcements(organization, framework)
    ]


def oit_checks(*, organization, framework) -> list[dict]:
    """The criteria must include how performance is evaluated (the component assessors look for
    first); only checked once some criteria are published, else the item is simply missing."""
    item = _item(framework)
    if item is None:
        return []
    kinds = set(_announcements(organization, framework).values_list("kind", flat=True))
    if kinds and HRAnnouncement.Kind.PERFORMANCE not in kinds:
        return [{"item_code": item.code, "state": "incomplete", "department_id": None,
                 "message": _("ยังไม่มีประกาศหลักเกณฑ์และวิธีการประเมินผลการปฏิบัติงานที่ใช้ในปีงบประมาณนี้")}]
    return []
