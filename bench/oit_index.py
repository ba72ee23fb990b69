"""Latency of the OIT index and the readiness self-check (figures only, no assertions).

Run after `manage.py migrate && manage.py load_demo` on the database of the environment:
    env -u DATABASE_URL .venv/bin/python bench/oit_index.py
Prints p50/p95 in ms of: the public index with the real providers; the index when providers
return 5,000 links (a site with 5,000 publications tagged to OIT items); the staff self-check
with every internal link opened through the request stack."""

import os
import statistics
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from prongsai.accounts.models import User  # noqa: E402
from prongsai.ita.models import OITItem  # noqa: E402
from prongsai.oit import registry  # noqa: E402

SLUG, YEAR = "kampang", 2566


def timed(client, path, n):
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def report(label, figures):
    print(f"{label:<58} p50 {figures[0]:7.1f} ms   p95 {figures[1]:7.1f} ms")


def main():
    client = Client()
    client.get(f"/{SLUG}/oit/{YEAR}/")  # warm up
    report("public index, real providers", timed(client, f"/{SLUG}/oit/{YEAR}/", 100))
    codes = list(OITItem.objects.filter(framework__fiscal_year=YEAR).values_list("code", flat=True))
    many = [{"item_code": codes[i % len(codes)], "title": f"ประกาศที่ {i}", "url": f"/{SLUG}/p/{i}/",
             "published_at": None} for i in range(5000)]
    fake = types.SimpleNamespace(__name__="bench.fake.oit", oit_links=lambda **kw: many)
    real = registry.providers()
    registry.providers = lambda: (fake, *real)
    report("public index, 5,000 links", timed(client, f"/{SLUG}/oit/{YEAR}/", 30))
    report("CSV export, 5,000 links", timed(client, f"/{SLUG}/oit/{YEAR}/oit.csv", 30))
    registry.providers = lambda: real
    staff = Client()
    staff.force_login(User.objects.get(username="coordinator"), backend="django.contrib.auth.backends.ModelBackend")
    report("staff self-check, every internal link opened", timed(staff, f"/{SLUG}/staff/oit/{YEAR}/", 20))


if __name__ == "__main__":
    main()
