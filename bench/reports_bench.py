"""Time to generate the demo's 6-month report (PDF and DOCX) and a 300-issue report.

  env -u DATABASE_URL .venv/bin/python bench/reports_bench.py     (after load_demo)

Targets: demo report under 1 s, 300 issues under 5 s (2-core machine). The 300-issue plan is
created inside a transaction that is rolled back. Each figure is the median of 3 runs; the load
average is printed first and last, as other work on the machine slows WeasyPrint (CPU-bound, one
core) in proportion. Prints figures only; no assertions."""

import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from prongsai.accounts.models import User  # noqa: E402
from prongsai.measures import services as measures  # noqa: E402
from prongsai.measures.models import Plan, RoundResult  # noqa: E402
from prongsai.reports import build  # noqa: E402
from prongsai.reports.models import Document, Kind  # noqa: E402
from prongsai.reports.render_docx import docx_bytes  # noqa: E402
from prongsai.reports.render_pdf import pdf_bytes  # noqa: E402
from prongsai.tenancy.models import Department, Organization  # noqa: E402


class Rollback(Exception):
    pass


def timed(label, fn, runs=3):
    times, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(f"{label:40s} median {sorted(times)[len(times) // 2]:6.2f} s  (runs: "
          + ", ".join(f"{t:.2f}" for t in times) + f"; CPU median {sorted(cpu)[len(cpu) // 2]:.2f} s)"
          + f"  {len(result) / 1024:7.1f} KiB")
    return result


def report(doc):
    model = build.assemble(doc, build.live_content(doc))
    return model


print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f"; {os.cpu_count()} cores")
with scopes_disabled():
    org = Organization.objects.get(slug="kampang")
    user = User.objects.get(username="coordinator")
    plan = Plan.objects.get(organization=org, fiscal_year=2566)
    rnd = plan.rounds.get(number=1)
    doc = Document(organization=org, kind=Kind.ROUND, plan=plan, round=rnd, prepared_by=user,
                   doc_date=dt.date(2023, 4, 10), number=1)
    pdf_bytes(report(doc))  # warm: fonts derived, dictionary loaded
    print(f"demo report: {plan.issues.count()} issues")
    timed("demo report: build model", lambda: str(report(doc)).encode())
    timed("demo report: model + PDF", lambda: pdf_bytes(report(doc)))
    timed("demo report: model + DOCX", lambda: docx_bytes(report(doc)))
    timed("demo report: model + PDF + DOCX", lambda: pdf_bytes(report(doc)) + docx_bytes(report(doc)))
    try:
        with transaction.atomic():
            big = Organization.objects.create(slug="bench-300", base_name="ทดสอบเวลา", district="โนนไทย",
                                              province="นครราชสีมา", doc_prefix="นม ๐๐๐๐๐")
            dept = Department.objects.create(organization=big, name="สำนักปลัด")
            p = measures.plan_create(organization=big, fiscal_year=2566, acting_user=user)
            for n in range(300):
                measures.issue_save(
                    issue=p.issues.model(organization=big, plan=p), acting_user=user,
                    instrument=("IIT", "EIT", "OIT")[n % 3], title=f"ประเด็นที่ต้องปรับปรุงที่ {n + 1} การดำเนินงาน",
                    due_date=dt.date(2023, 3, 31), departments=[dept],
                    methods=[f"จัดทำแผนผังขั้นตอนการให้บริการและกำหนดผู้รับผิดชอบงานลำดับที่ {k}" for k in (1, 2, 3)],
                    follow_up=["รายงานผลให้ผู้บริหารทราบ"], audit=False)
            r1 = p.rounds.get(number=1)
            RoundResult.objects.filter(round=r1).update(
                result="ดำเนินการปรับปรุงข้อมูลบนเว็บไซต์ให้เป็นปัจจุบัน\nรายงานผลให้ผู้บริหารทราบในการประชุมประจำเดือน")
            big_doc = Document(organization=big, kind=Kind.ROUND, plan=p, round=r1, prepared_by=user)
            big_pdf = timed("300 issues: model + PDF", lambda: pdf_bytes(report(big_doc)))
            timed("300 issues: model + DOCX", lambda: docx_bytes(report(big_doc)))
            import io

            import pypdf  # noqa: E401
            print("300 issues: PDF pages", len(pypdf.PdfReader(io.BytesIO(big_pdf)).pages))
            raise Rollback
    except Rollback:
        pass
print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
