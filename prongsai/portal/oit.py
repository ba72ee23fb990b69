"""Where the public site publishes OIT items, for the OIT index and the readiness self-check
(the `oit` app calls these two functions).

Items are found by their TITLE in the year's framework (codes move between years), never by a
hard-coded code: structured pages by the title prefixes below, publications through the `oit`
title prefixes of their category in categories.yaml."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from pythainlp.util import thai_strftime

from prongsai.core.thai import fiscal_year_bounds
from prongsai.ita.models import OITItem

from . import categories, services
from .models import Executive, FaqEntry, InfoPage, Publication, SocialLink

STRUCTURE = "โครงสร้าง"
EXECUTIVES = "ข้อมูลผู้บริหาร"
DUTIES = "อำนาจหน้าที่"
CONTACT = "ข้อมูลการติดต่อ"
LAWS = "กฎหมายที่เกี่ยวข้อง"
QA = "Q&A"
SOCIAL = "Social Network"
MAX_LINKS_PER_ITEM = 60
OLDER_LINKS = 3  # an item with nothing in the year still shows its latest older content ("outdated")


def _items(framework) -> list[OITItem]:
    return list(OITItem.objects.filter(framework=framework).order_by("position", "id"))


def _find(items, prefix: str) -> OITItem | None:
    return next((i for i in items if i.title_th.startswith(prefix)), None)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def oit_links(*, organization, framework) -> list[dict]:
    """[{item_code, title, url, published_at, fiscal_year}] — url is a path on this site;
    published_at is timezone-aware (a publication's own date; a structured page's last change);
    fiscal_year is None for undated structured pages.
    For an item with content only from earlier years, the latest older publications are listed
    (their fiscal_year tells the self-check the item is outdated)."""
    slug = organization.slug
    items = _items(framework)
    links: list[dict] = []

    def url(name, **kwargs):
        return reverse(name, kwargs={"org_slug": slug, **kwargs})

    def add(prefix, title, link, published_at, fiscal_year=None):
        item = _find(items, prefix)
        if item is not None:
            links.append({"item_code": item.code, "title": title, "url": link, "published_at": published_at,
                          "fiscal_year": fiscal_year})

    pages = {p.kind: p for p in InfoPage.objects.filter(organization=organization)}
    execs = Executive.objects.filter(organization=organization).aggregate(n=Max("id"), at=Max("updated_at"))
    structure = pages.get(InfoPage.Kind.STRUCTURE)
    if (structure and (structure.body or structure.image)) or execs["n"]:
        add(STRUCTURE, f"โครงสร้างองค์กร (ฝ่ายการเมืองและฝ่ายประจำ) {organization.name}", url("portal:structure"),
            structure.updated_at if structure else execs["at"])
    if execs["n"]:
        add(EXECUTIVES, f"ข้อมูลผู้บริหาร {organization.name}", url("portal:executives"), execs["at"])
    duties = pages.get(InfoPage.Kind.DUTIES)
    if duties and duties.body:
        add(DUTIES, f"อำนาจหน้าที่ของ{organization.name}", url("portal:duties"), duties.updated_at)
    if organization.address or organization.phone or organization.email:
        add(CONTACT, f"ข้อมูลการติดต่อ {organization.name}", url("portal:contact"), None)
    laws = pages.get(InfoPage.Kind.LAWS)
    if laws and laws.body:
        add(LAWS, "กฎหมายที่เกี่ยวข้องกับการดำเนินงาน", url("portal:laws"), laws.updated_at)
    qa = FaqEntry.objects.filter(organization=organization, is_published=True).aggregate(at=Max("updated_at"))
    if qa["at"]:
        add(QA, "ถาม–ตอบ (Q&A) และช่องทางสอบถาม", url("portal:questions"), qa["at"])
    social = SocialLink.objects.filter(organization=organization).aggregate(at=Max("updated_at"))
    if social["at"]:
        add(SOCIAL, "ช่องทางเครือข่ายสังคมออนไลน์ของหน่วยงาน", url("portal:contact") + "#h-social", social["at"])

    year = framework.fiscal_year
    published = Publication.objects.filter(organization=organization, status=Publication.Status.PUBLISHED)
    for item in items:
        cats = categories.for_oit_title(item.title_th)
        if not cats:
            continue
        yearly = [c.slug for c in cats if c.yearly]
        undated = [c.slug for c in cats if not c.yearly]
        chosen = []
        if yearly:
            current = list(published.filter(category__in=yearly, fiscal_year=year)
                           .order_by("period", "publication_date", "id")[:MAX_LINKS_PER_ITEM])
            if current:
                chosen += current
            else:
                chosen += list(published.filter(category__in=yearly, fiscal_year__lt=year)
                               .order_by("-publication_date", "-id")[:OLDER_LINKS])
        if undated:
            chosen += list(published.filter(category__in=undated, fiscal_year__lte=year)
                           .order_by("-publication_date", "-id")[:MAX_LINKS_PER_ITEM])
        for pub in chosen:
            links.append({
                "item_code": item.code, "title": pub.title, "url": url("portal:publication", pk=pub.pk),
                "published_at": _aware(pub.publication_date), "fiscal_year": pub.fiscal_year,
            })
    return links


def _months(fiscal_year: int, today: dt.date) -> list[dt.date]:
    """First days of the months of the fiscal year that have ended by today."""
    start, end = fiscal_year_bounds(fiscal_year)
    months, day = [], start
    while day <= end:
        nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        if nxt <= today:
            months.append(day)
        day = nxt
    return months


def oit_checks(*, organization, framework) -> list[dict]:
    """Component checks the site can judge: [{item_code, state: "incomplete", message, department_id}]."""
    items = _items(framework)
    out: list[dict] = []

    def add(item, message, department_id=None):
        out.append({"item_code": item.code, "state": "incomplete", "message": message,
                    "department_id": department_id})

    item = _find(items, EXECUTIVES)
    if item is not None:
        execs = list(Executive.objects.filter(organization=organization))
        for e in execs:
            if not e.photo:
                add(item, f"ผู้บริหาร “{e.full_name}” ({e.position}) ยังไม่มีรูปถ่าย", e.department_id)
            if not (e.phone or e.email):
                add(item, f"ผู้บริหาร “{e.full_name}” ({e.position}) ยังไม่มีช่องทางติดต่อ (โทรศัพท์หรืออีเมล)",
                    e.department_id)
        if execs:
            for side, label in Executive.Side.choices:
                if not any(e.side == side for e in execs):
                    add(item, f"ยังไม่มีข้อมูลผู้บริหาร{label}")

    item = _find(items, CONTACT)
    if item is not None:
        missing = [label for field, label in (("address", "ที่อยู่"), ("phone", "หมายเลขโทรศัพท์"),
                                              ("fax", "หมายเลขโทรสาร"), ("email", "อีเมล"))
                   if not getattr(organization, field)]
        if organization.latitude is None or organization.longitude is None:
            missing.append("แผนที่ตั้ง (พิกัด)")
        if missing:
            add(item, "ข้อมูลการติดต่อยังขาด: " + ", ".join(missing))

    item = _find(items, STRUCTURE)
    if item is not None:
        sides = set(Executive.objects.filter(organization=organization).values_list("side", flat=True))
        structure = InfoPage.objects.filter(organization=organization, kind=InfoPage.Kind.STRUCTURE).first()
        if (structure or sides) and len(sides) < 2 and not (structure and structure.image):
            add(item, "โครงสร้างต้องแสดงทั้งฝ่ายการเมืองและฝ่ายประจำ")

    today = timezone.localdate()
    months = _months(framework.fiscal_year, today)
    owners = services.category_departments(organization)
    for item in items:
        for cat in categories.for_oit_title(item.title_th):
            if not cat.monthly:
                continue
            have = set(Publication.objects.filter(
                organization=organization, status=Publication.Status.PUBLISHED, category=cat.slug,
                fiscal_year=framework.fiscal_year).values_list("period", flat=True))
            if not have:
                continue  # nothing at all: the item is missing (or uses another format), not incomplete
            dept = min(owners.get(cat.slug) or [None], key=lambda d: d or 0)
            for month in months:
                if month not in have:
                    add(item, f"ยังไม่มี{cat.name}ประจำเดือน{thai_strftime(month, '%B %Y', thaidigit=organization.thai_digits)}", dept)
    return out
