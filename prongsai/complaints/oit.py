"""Where this app publishes OIT items, for the OIT index of the portal.

Items are found by their title in the year's framework (the codes move between years: the
guideline is O29 in 2565 and O27 in 2566), never by a hard-coded code."""

from __future__ import annotations

from django.db.models import Max
from django.urls import reverse

from prongsai.ita.models import OITItem

from .models import Guideline, Topic

# Title prefixes as the frameworks spell them (the 2565 statistics item ends in "ประจำปี").
GUIDELINE = "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต"
CHANNEL = "ช่องทางแจ้งเรื่องร้องเรียนการทุจริต"
STATISTICS = "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริต"
PARTICIPATION = "การเปิดโอกาสให้เกิดการมีส่วนร่วม"
LISTENING = "ช่องทางการรับฟังความคิดเห็น"


def _item(framework, prefix: str) -> OITItem | None:
    return OITItem.objects.filter(framework=framework, title_th__startswith=prefix).order_by("position").first()


def oit_links(*, organization, framework) -> list[dict]:
    """[{item_code, title, url, published_at}] — url is a path on this site; published_at is
    timezone-aware, or None for a channel that is simply available."""

    def url(name, **kwargs):
        return reverse(name, kwargs={"org_slug": organization.slug, **kwargs})

    links = []

    def add(prefix, title, link, published_at):
        item = _item(framework, prefix)
        if item is not None:
            links.append({"item_code": item.code, "title": title, "url": link, "published_at": published_at})

    guideline = Guideline.objects.filter(organization=organization, is_published=True).first()
    if guideline is not None:
        add(GUIDELINE, guideline.title, url("complaints:guideline"), guideline.published_at)
    add(CHANNEL, "แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ (ช่องทางออนไลน์ แยกจากเรื่องร้องเรียนทั่วไป)",
        url("complaints:report_new"), None)
    add(STATISTICS, f"ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ปีงบประมาณ พ.ศ. {framework.fiscal_year}",
        url("complaints:statistics_year", year=framework.fiscal_year), None)
    topics = Topic.objects.filter(organization=organization, is_published=True)
    latest = topics.aggregate(summary=Max("summary_published_at"))["summary"]
    if topics.exists():
        add(PARTICIPATION, "การเปิดโอกาสให้เกิดการมีส่วนร่วม: หัวข้อรับฟังความคิดเห็นและสรุปผล", url("complaints:topic_list"),
            latest)
        add(LISTENING, "ช่องทางการรับฟังความคิดเห็น", url("complaints:topic_list"), latest)
    add(LISTENING, "ยื่นเรื่องร้องเรียน/ร้องทุกข์", url("complaints:complaint_new"), None)
    return links
