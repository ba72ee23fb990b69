"""Where this app publishes OIT items (found by title prefix in the year's framework, never by
a hard-coded code): the service manuals, the service statistics and the E-Service channel."""

from __future__ import annotations

from django.urls import reverse

from prongsai.ita.models import OITItem

from .models import RequestType, Service

MANUAL = "คู่มือหรือมาตรฐานการให้บริการ"
STATISTICS = "ข้อมูลเชิงสถิติการให้บริการ"
ESERVICE = "E-Service"


def _item(framework, prefix: str) -> OITItem | None:
    return OITItem.objects.filter(framework=framework, title_th__startswith=prefix).order_by("position").first()


def oit_links(*, organization, framework) -> list[dict]:
    """[{item_code, title, url, published_at}] — url is a path on this site."""

    def url(name, **kwargs):
        return reverse(name, kwargs={"org_slug": organization.slug, **kwargs})

    links = []

    def add(prefix, title, link, published_at):
        item = _item(framework, prefix)
        if item is not None:
            links.append({"item_code": item.code, "title": title, "url": link, "published_at": published_at})

    services = Service.objects.filter(organization=organization, is_published=True)
    for service in services:
        add(MANUAL, f"คู่มือสำหรับประชาชน: {service.title}", url("eservice:service_detail", pk=service.pk),
            service.updated_at)
    types = RequestType.objects.filter(organization=organization)
    if types.exists():
        add(STATISTICS, f"ข้อมูลเชิงสถิติการให้บริการ ปีงบประมาณ พ.ศ. {framework.fiscal_year}",
            url("eservice:statistics_year", year=framework.fiscal_year), None)
    if types.filter(is_active=True).exists():
        add(ESERVICE, "ยื่นคำร้องออนไลน์ (E-Service)", url("eservice:service_list"), None)
    return links
