#!/usr/bin/env python
"""Latency of the public search page with one organization of 5,000 publication-like entries.

  env -u DATABASE_URL .venv/bin/python bench/search_bench.py [--n 5000] [--runs 100]
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/prongsai_bench .venv/bin/python bench/search_bench.py

Runs on SQLite (a temporary file) and, when DATABASE_URL is given, also on PostgreSQL (its
test copy, created and dropped here). The entries go straight into the index (segmented like any
other document, ~1.2 KB of Thai text each), plus 500 entries of a second organization. Each query
is requested `runs` times through Django's test client; figures are printed, nothing is asserted
(target: p95 < 50 ms on a 2-core machine with SQLite)."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MONTHS = ["ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม",
          "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน"]
SUBJECTS = [
    ("procurement", "ประกาศผู้ชนะการเสนอราคา จ้างเหมาก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ {m}"),
    ("procurement", "ประกาศประกวดราคาจ้างก่อสร้างรางระบายน้ำ ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"),
    ("procurement", "จัดซื้อวัสดุสำนักงาน โดยวิธีเฉพาะเจาะจง"),
    ("procurement-summary", "สรุปผลการจัดซื้อจัดจ้างประจำเดือน{month}"),
    ("procurement-plan", "แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {year}"),
    ("budget", "ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {year}"),
    ("budget", "รายงานการใช้จ่ายงบประมาณประจำเดือน{month}"),
    ("news", "กิจกรรมรณรงค์ป้องกันโรคไข้เลือดออก หมู่ที่ {m}"),
    ("news", "โครงการฝึกอบรมอาชีพให้แก่ผู้สูงอายุ"),
    ("news", "ประชุมประชาคมหมู่บ้านเพื่อจัดทำแผนพัฒนาท้องถิ่น"),
    ("hr", "ประกาศรับสมัครบุคคลเพื่อสรรหาและเลือกสรรเป็นพนักงานจ้าง"),
    ("hr", "หลักเกณฑ์การประเมินผลการปฏิบัติงานของพนักงานส่วนตำบล"),
    ("report", "รายงานผลการดำเนินงานประจำปี {year}"),
    ("complaints", "รายงานสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"),
    ("integrity", "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
    ("services", "คู่มือการให้บริการประชาชน การขออนุญาตก่อสร้างอาคาร"),
]
SENTENCES = [
    "องค์การบริหารส่วนตำบลกำปังได้ดำเนินการตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐",
    "ผู้มีความประสงค์จะเสนอราคาต้องเป็นผู้มีอาชีพรับจ้างงานที่ประกวดราคาและไม่เป็นผู้ถูกระบุชื่อไว้ในบัญชีรายชื่อผู้ทิ้งงาน",
    "ราคากลางของงานก่อสร้างในการประกวดราคาครั้งนี้เป็นเงินทั้งสิ้น {amount} บาท",
    "กำหนดยื่นข้อเสนอและเสนอราคาทางระบบจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์",
    "ประชาชนสามารถแจ้งเรื่องร้องเรียนร้องทุกข์ได้ที่สำนักปลัด หรือทางเว็บไซต์ขององค์การบริหารส่วนตำบล",
    "เพื่อให้การบริหารงานเป็นไปด้วยความโปร่งใส ตรวจสอบได้ และเป็นไปตามหลักธรรมาภิบาล",
    "ทั้งนี้ตั้งแต่วันที่ {day} {month} พ.ศ. {year} เป็นต้นไป",
    "จึงประกาศมาเพื่อทราบโดยทั่วกัน",
    "ผลการดำเนินงานตามแผนพัฒนาท้องถิ่นมีโครงการที่ดำเนินการแล้วเสร็จจำนวน {m} โครงการ",
    "กองคลังได้จัดทำรายงานแสดงผลการดำเนินงานและงบแสดงฐานะการเงินเสนอผู้บริหาร",
    "ศูนย์พัฒนาเด็กเล็กจัดกิจกรรมส่งเสริมพัฒนาการเด็กปฐมวัยร่วมกับผู้ปกครอง",
    "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปี",
    "ผู้ชนะการเสนอราคาได้แก่ ห้างหุ้นส่วนจำกัด ก้าวหน้าการโยธา เสนอราคาต่ำสุดเป็นเงิน {amount} บาท",
    "รายละเอียดเพิ่มเติมติดต่อกองช่าง โทรศัพท์ ๐ ๔๔๐๐ ๐๐๐๐ ในวันและเวลาราชการ",
]
QUERIES = [
    ("จัดซื้อ", {}), ("จัดซื้อจัดจ้าง", {}), ("ร้องเรียน", {}), ("งบประมาณ", {}), ("ถนนคอนกรีต", {}),
    ("๒๕๖๖", {}), ("ประกาศ", {}), ("รายงานผลการดำเนินงาน ประจำปี", {}), ("ศูนย์พัฒนาเด็กเล็ก", {}),
    ("ไม่มีคำนี้แน่นอน", {}), ("จัดซื้อ", {"category": "procurement", "year": "2566"}), ("ประกาศ", {"page": "20"}),
    ('" OR * NEAR(', {}),
]


def thai_digits(value) -> str:
    return str(value).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


def fake_doc(rng: random.Random, i: int, slug: str) -> dict:
    import datetime as dt

    year = rng.choice([2565, 2566, 2567])
    month = rng.choice(MONTHS)
    fill = {"m": thai_digits(rng.randint(1, 15)), "month": month, "year": thai_digits(year),
            "day": thai_digits(rng.randint(1, 28)), "amount": f"{rng.randint(10, 5000) * 1000:,}"}
    category, title = rng.choice(SUBJECTS)
    body = []
    while sum(len(s) for s in body) < 1100:
        body.append(rng.choice(SENTENCES).format(**fill))
    return {"title": title.format(**fill), "body_text": " ".join(body), "url": f"/{slug}/publications/{i}/",
            "category": category, "fiscal_year": year, "attachments": [],
            "published_at": dt.date(year - 543, rng.randint(1, 12), rng.randint(1, 28))}


def seed(n: int):
    from prongsai.search import services
    from prongsai.search.models import SearchEntry
    from prongsai.tenancy.models import Organization

    rng = random.Random(2566)
    main = Organization.objects.create(slug="bench", base_name="เบนช์")
    other = Organization.objects.create(slug="bench-other", base_name="อื่น")
    started = time.perf_counter()
    for org, count in ((main, n), (other, n // 10)):
        rows = []
        for i in range(count):
            fields = services.entry_fields(fake_doc(rng, i, org.slug))
            rows.append(SearchEntry(organization=org, source="portal.publication", object_id=str(i), **fields))
            if len(rows) == 500:
                SearchEntry.objects.bulk_create(rows)
                rows = []
        SearchEntry.objects.bulk_create(rows)
    return main, time.perf_counter() - started


def child(n: int, runs: int) -> None:
    tmp = tempfile.mkdtemp(prefix="prongsai-search-bench-")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django_scopes import scopes_disabled

    settings.ALLOWED_HOSTS = ["*"]
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    if connection.vendor != "sqlite":
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        with scopes_disabled():
            org, seconds = seed(n)
        print(f"\n== {connection.vendor} ({connection.Database.__name__} "
              f"{getattr(connection.Database, 'sqlite_version', '') or connection.pg_version}) ==")
        print(f"indexed {n + n // 10} entries in {seconds:.1f} s ({(n + n // 10) / seconds:.0f}/s, segmentation included)")
        client = Client()
        url = f"/{org.slug}/search/"
        for q, extra in QUERIES[:3]:  # warm up
            client.get(url, {"q": q, **extra})
        everything = []
        print(f"{'query':<34} {'hits':>6} {'p50 ms':>8} {'p95 ms':>8}")
        for q, extra in QUERIES:
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                response = client.get(url, {"q": q, **extra})
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, response.status_code
            everything.extend(times)
            hits = response.context["found"].total
            label = q + (" " + " ".join(f"{k}={v}" for k, v in extra.items()) if extra else "")
            print(f"{label:<34} {hits:>6} {statistics.median(times):>8.1f} {statistics.quantiles(times, n=20)[18]:>8.1f}")
        print(f"{'all queries':<34} {'':>6} {statistics.median(everything):>8.1f} "
              f"{statistics.quantiles(everything, n=20)[18]:>8.1f}")
    finally:
        if connection.vendor != "sqlite":
            connection.creation.destroy_test_db(old_name, verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.n, args.runs)
        return 0
    cmd = [sys.executable, __file__, "--child", "--n", str(args.n), "--runs", str(args.runs)]
    sqlite_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    rc = subprocess.call(cmd, env=sqlite_env, cwd=ROOT)
    if os.environ.get("DATABASE_URL"):
        rc = subprocess.call(cmd, env=os.environ.copy(), cwd=ROOT) or rc
    return rc


if __name__ == "__main__":
    sys.exit(main())
