"""Queries and time per request of the measures/ITA staff pages on the demo organization.

  env -u DATABASE_URL .venv/bin/python bench/measures_pages.py   (after load_demo)

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
from django_scopes import scopes_disabled  # noqa: E402

from prongsai.accounts.models import User  # noqa: E402
from prongsai.measures.models import Issue  # noqa: E402

with scopes_disabled():
    coordinator = User.objects.get(username="coordinator")
    budget = Issue.objects.get(organization__slug="kampang", plan__fiscal_year=2566, title="การใช้จ่ายงบประมาณ")
client = Client()
client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
B = "/kampang/staff"
for url in [f"{B}/", f"{B}/plans/2566/", f"{B}/plans/2566/rounds/1/", f"{B}/plans/2566/rounds/1/issues/{budget.pk}/",
            f"{B}/ita/", f"{B}/ita/2565/", f"{B}/ita/2565/edit/", f"{B}/ita/2565/template.xlsx", f"{B}/audit/"]:
    client.get(url, HTTP_HOST="127.0.0.1")  # warm
    runs = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, HTTP_HOST="127.0.0.1")
            runs.append(time.perf_counter() - start)
    print(f"{response.status_code} {url:55s} {len(ctx.captured_queries):4d} queries  median {sorted(runs)[2]*1000:6.1f} ms")
