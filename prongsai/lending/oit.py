"""Where this app publishes OIT items (see prongsai/oit/registry.py), found by title:
- the published borrowing procedure with its flowchart → "คู่มือหรือมาตรฐานการให้บริการ";
- borrowing online (the registry with its request form) → "E-Service"."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.ita.models import OITItem

from .models import LendableItem, Procedure

SERVICE_MANUAL = "คู่มือหรือมาตรฐานการให้บริการ"
E_SERVICE = "E-Service"


def oit_links(*, organization, framework) -> list[dict]:
    items = {i.title_th: i.code for i in OITItem.objects.filter(framework=framework, title_th__in=[SERVICE_MANUAL, E_SERVICE])}

    def url(name):
        return reverse(name, kwargs={"org_slug": organization.slug})

    links = []
    procedure = Procedure.objects.filter(organization=organization).first()
    if procedure is not None and SERVICE_MANUAL in items:
        # The procedure is in force from when it was last saved: dated by that.
        links.append({"item_code": items[SERVICE_MANUAL], "title": procedure.title, "url": url("lending:procedure"),
                      "published_at": procedure.updated_at})
    if E_SERVICE in items and LendableItem.objects.filter(organization=organization, is_active=True, public=True).exists():
        links.append({"item_code": items[E_SERVICE], "title": _("ขอยืมพัสดุ ครุภัณฑ์ และสถานที่ออนไลน์"),
                      "url": url("lending:item_list"), "published_at": None})
    return links
