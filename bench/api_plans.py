"""Queries and time per request of the read-only JSON API on the demo (after load_demo).

  env -u DATABASE_URL .venv/bin/python bench/api_plans.py

Prints figures only; no assertions."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

client = Client()
for url in ["/api/v1/organizations/", "/api/v1/organizations/kampang/", "/api/v1/frameworks/",
            "/api/v1/frameworks/2566/", "/api/v1/organizations/kampang/plans/",
            "/api/v1/organizations/kampang/plans/2566/", "/api/v1/openapi.json"]:
    client.get(url, HTTP_HOST="127.0.0.1")  # warm
    runs = []
    for _ in range(7):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, HTTP_HOST="127.0.0.1")
            runs.append(time.perf_counter() - start)
    print(f"{response.status_code} {url:45s} {len(ctx.captured_queries):4d} queries  "
          f"median {sorted(runs)[3] * 1000:6.1f} ms  {len(response.content) / 1024:7.1f} KiB")
