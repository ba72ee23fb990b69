#!/usr/bin/env python
"""Latency of the public site with one organization of 5,000 publications (SQLite by default).

  env -u DATABASE_URL .venv/bin/python bench/portal_pages.py [--n 5000] [--runs 200]

Seeds a throw-away database (a temporary SQLite file, or the DATABASE_URL database's test copy),
then requests the home page, a category list, a publication with a สขร.๑ table, the RSS feed
and the sitemap through Django's test client, and prints p50/p95 in milliseconds. Figures only,
no assertions (targets: p95 < 50 ms on a 2-core machine with SQLite)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="prongsai-bench-")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django_scopes import scopes_disabled

    settings.MEDIA_ROOT = tmp
    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        with scopes_disabled():
            org, pub_pk = seed(args.n)
        client = Client()
        base = f"/{org.slug}"
        pages = {
            "home": f"{base}/",
            "category (news, page 1)": f"{base}/publications/news/",
            "category + year, page 50": f"{base}/publications/?year=2566&page=50",
            "publication with สขร.๑": f"{base}/p/{pub_pk}/",
            "RSS feed": f"{base}/news/rss/",
            "sitemap.xml": f"{base}/sitemap.xml",
            "API publications JSON": f"/api/v1/orgs/{org.slug}/publications?fiscal_year=2566",
        }
        print(f"{connection.vendor}, {args.n} publications, {args.runs} requests per page")
        for label, path in pages.items():
            for _ in range(5):
                assert client.get(path).status_code == 200, path
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"  {label:<28} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")
    finally:
        if connection.vendor != "sqlite":
            connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


def seed(n: int):
    from django.utils import timezone

    from prongsai.portal import categories
    from prongsai.portal.models import ProcurementRow, Publication
    from prongsai.tenancy.models import Department, Organization
    from prongsai.testing.factories import OrganizationFactory

    org = OrganizationFactory(slug="bench")
    dept = Department.objects.create(organization=org, name="สำนักปลัด")
    OrganizationFactory(slug="other")
    slugs = list(categories.all_categories())
    now = timezone.now()
    rows = []
    for i in range(n):
        day = dt.date(2020, 10, 1) + dt.timedelta(days=i % 1460)
        cat = slugs[i % len(slugs)]
        period = day.replace(day=1) if categories.get(cat).monthly else None
        fy = day.year + 543 + (1 if day.month >= 10 else 0)
        rows.append(Publication(organization=org, title=f"เอกสารทดสอบลำดับที่ {i} เรื่องการจัดซื้อจัดจ้างและงบประมาณ",
                                body="<p>" + "เนื้อหาของเอกสารทดสอบ " * 30 + "</p>", category=cat, fiscal_year=fy,
                                period=period, publication_date=day, department=dept,
                                status=Publication.Status.PUBLISHED, published_at=now))
    Publication.objects.bulk_create(rows, batch_size=1000)
    pub = Publication.objects.filter(organization=org, category="procurement-summary").first()
    ProcurementRow.objects.bulk_create([ProcurementRow(
        organization=org, publication=pub, position=k, item=f"รายการ {k}", amount=1000 + k, reference_price=1000 + k,
        method="เฉพาะเจาะจง", bidders="ร้าน ก 1,000.00\nร้าน ข 1,100.00", winner="ร้าน ก", winner_price=1000 + k,
        reason="ราคาต่ำสุด", contract_no=f"{k}/2566", contract_date=dt.date(2023, 1, 1)) for k in range(1, 31)])
    return Organization.objects.get(pk=org.pk), pub.pk


if __name__ == "__main__":
    sys.exit(main())
