"""OIT link of this app: the yearly satisfaction report ("รายงานผลการสำรวจความพึงพอใจการให้บริการ"),
found by title prefix in the year's framework."""

from __future__ import annotations

from django.urls import reverse

from prongsai.ita.models import OITItem

from .models import SatisfactionSurvey

REPORT = "รายงานผลการสำรวจความพึงพอใจการให้บริการ"


def oit_links(*, organization, framework) -> list[dict]:
    item = OITItem.objects.filter(framework=framework, title_th__startswith=REPORT).order_by("position").first()
    if item is None or not SatisfactionSurvey.objects.filter(organization=organization).exists():
        return []
    url = reverse("satisfaction:results_year", kwargs={"org_slug": organization.slug, "year": framework.fiscal_year})
    return [{"item_code": item.code, "url": url, "published_at": None,
             "title": f"รายงานผลการสำรวจความพึงพอใจการให้บริการ ปีงบประมาณ พ.ศ. {framework.fiscal_year}"}]
