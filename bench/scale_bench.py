"""Scale: does one organization's page get slower when the database holds 1,000 organizations?

Builds two PostgreSQL databases: `single` (the demo's organization อบต.กำปัง with a few years of
volume: its demo rows copied VOLUME times) and `many` (the same plus 999 other organizations, each
a copy of it, so every table holds ~1,000× the rows). Then times the same pages of กำปัง in both
(every public and staff page whose route needs only the organization), in-process through Django,
and prints the ratio per page and overall. A ratio near 1.0 means the tenant indexes do their job.

    .venv/bin/python bench/scale_bench.py [--orgs 1000] [--volume 5] [--repeat 15]"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, base_env, emit, machine, manage, pg_url, recreate  # noqa: E402

GROWTH_TABLES = ("audit_", "complaints_complaint", "core_idempotencyrecord", "lending_booking")
GROWTH_COPIES = 3


def measure(repeat: int, many_name: str) -> None:
    """Run inside Django (DATABASE_URL = the single-organization database): for every page of the
    organization, requests alternate between the two databases (A B, B A, …), so both see the same
    load from whatever else runs on the machine; the ratio is taken from these paired samples."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django_scopes import scopes_disabled

    from prongsai.accounts.models import User
    from prongsai.security.discover import all_routes, fill_route

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"  # valid on both databases
    names = {"single": connection.settings_dict["NAME"], "many": many_name}

    def use(which):
        if connection.settings_dict["NAME"] != names[which]:
            connection.close()
            connection.settings_dict["NAME"] = names[which]

    slug = "kampang"
    with scopes_disabled():
        user = User.objects.get(username="coordinator")
    pages = sorted({p for r in all_routes() if (p := fill_route(r, org_slug=slug)) and p.startswith(f"/{slug}/")})
    pages.append("/")
    anon, staff = Client(), Client()
    staff.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    ms = {"single": {}, "many": {}}
    work = {"single": {}, "many": {}}
    for path in pages:
        client = staff if "/staff/" in path else anon
        ok = True
        for which in ("single", "many"):
            use(which)
            r = client.get(path)
            ok = ok and r.status_code == 200 and not r.streaming
        if not ok:
            continue
        samples = {"single": [], "many": []}
        for i in range(repeat):
            for which in (("single", "many") if i % 2 == 0 else ("many", "single")):
                use(which)
                client.get(path)  # warm: connection and caches of this database
                t = time.perf_counter()
                client.get(path)
                samples[which].append((time.perf_counter() - t) * 1000)
        for which in ("single", "many"):
            ms[which][path] = round(statistics.median(samples[which]), 2)
            # Work done in the database, independent of CPU contention: buffers (8 KiB pages)
            # touched by the page's queries, from EXPLAIN (ANALYZE, BUFFERS).
            use(which)
            captured = []

            def collect(execute, sql, params, many, context, captured=captured):
                captured.append((sql, params))
                return execute(sql, params, many, context)

            with connection.execute_wrapper(collect):
                client.get(path)
            blocks = 0
            with connection.cursor() as cursor:
                for sql, params in captured:
                    if not sql.lstrip().upper().startswith("SELECT"):
                        continue
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
                    plan = cursor.fetchone()[0]
                    plan = json.loads(plan) if isinstance(plan, str) else plan
                    top = plan[0]["Plan"]
                    blocks += top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0)
            work[which][path] = {"queries": len(captured), "blocks": blocks}
    print("PAGES " + json.dumps({"ms": ms, "work": work}))


def timed_pages(single_url: str, many_name: str, repeat: int) -> dict:
    env = base_env(DATABASE_URL=single_url)
    r = subprocess.run([PYTHON, __file__, "--measure", "--repeat", str(repeat), "--many-name", many_name],
                       cwd=ROOT, env=env, capture_output=True, text=True)
    line = next((ln for ln in r.stdout.splitlines() if ln.startswith("PAGES ")), None)
    if line is None:
        raise SystemExit(f"measure failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return json.loads(line[6:])


def table_rows(url: str) -> tuple[int, int, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("ANALYZE")
        total = conn.execute("SELECT COALESCE(SUM(n_live_tup), 0) FROM pg_stat_user_tables").fetchone()[0]
        orgs = conn.execute("SELECT COUNT(*) FROM tenancy_organization").fetchone()[0]
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return int(total), int(orgs), int(size)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orgs", type=int, default=1000)
    ap.add_argument("--volume", type=int, default=5, help="copies of the demo organization's rows it holds")
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--many-name", default="prongsai_prod_scale_many")
    ap.add_argument("--reuse", action="store_true", help="measure databases kept by an earlier run (BENCH_KEEP_DATABASES=1)")
    ap.add_argument("--measure", action="store_true")
    args = ap.parse_args()
    if args.measure:
        return measure(args.repeat, args.many_name)
    import psycopg
    from seed import copy_organization, delete_organization, id_offset

    t0 = time.monotonic()
    if args.reuse:

        single, many = pg_url("prongsai_prod_scale_single"), pg_url("prongsai_prod_scale_many")
        return report(args, single, many, *table_rows(single)[::2], *table_rows(many), 0)
    single = recreate("prongsai_prod_scale_single")
    env = base_env(DATABASE_URL=single, PRONGSAI_VAR_DIR=str(Path("/tmp/prongsai-scale-bench")))
    Path("/tmp/prongsai-scale-bench").mkdir(exist_ok=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    with psycopg.connect(single, autocommit=True) as conn:
        src = conn.execute("SELECT id FROM tenancy_organization WHERE slug = 'kampang'").fetchone()[0]
        # The demo's second organization goes: `single` holds exactly one.
        others = [r[0] for r in conn.execute("SELECT id FROM tenancy_organization WHERE id <> %s", (src,)).fetchall()]
        if args.volume > 1:
            info = copy_organization(conn, src_org=src, copies=range(1, args.volume), offset=0, same_org=True)
            print(f"volume ×{args.volume}: {sum(info['rows'].values())} rows added, skipped {info['skipped']}")
            # Tables that grow every year (audit trail, complaints, receipts, bookings): a few more years.
            info = copy_organization(conn, src_org=src, copies=range(1, GROWTH_COPIES), offset=0, same_org=True,
                                     only=GROWTH_TABLES, log=lambda *_: None)
            print(f"growth tables ×{GROWTH_COPIES}: {sum(info['rows'].values())} rows added")
        for oid in others:
            delete_organization(conn, oid)
    single_rows, _, single_size = table_rows(single)
    many = recreate("prongsai_prod_scale_many", template="prongsai_prod_scale_single")
    with psycopg.connect(many, autocommit=True) as conn:
        step = 100
        offset = id_offset(conn)  # one offset for every batch
        for lo in range(1, args.orgs, step):
            hi = min(lo + step, args.orgs)
            info = copy_organization(conn, src_org=src, copies=range(lo, hi), offset=offset, same_org=False,
                                     org_base=1_000_000, clone_users=True, log=lambda *_: None)
            print(f"  organizations {lo + 1}–{hi}: {sum(info['rows'].values())} rows; skipped {info['skipped']}", flush=True)
    many_rows, many_orgs, many_size = table_rows(many)
    report(args, single, many, single_rows, single_size, many_rows, many_orgs, many_size, time.monotonic() - t0)


def report(args, single, many, single_rows, single_size, many_rows, many_orgs, many_size, seeded):
    print(f"single: 1 organization, {single_rows:,} rows, {single_size / 2**20:.0f} MiB")
    print(f"many:   {many_orgs:,} organizations, {many_rows:,} rows, {many_size / 2**20:.0f} MiB (seeded in {seeded:.0f} s)")

    got = timed_pages(single, "prongsai_prod_scale_many", args.repeat)
    a, b, work = got["ms"]["single"], got["ms"]["many"], got["work"]
    # Only the organization's own pages: the platform's front page lists every organization, so it
    # grows with their number by design (paginate it before a national deployment; see docs/scale.md).
    front = (a.get("/"), b.get("/"))
    common = sorted(p for p in set(a) & set(b) if p.startswith("/kampang/"))
    ratios = {p: round(b[p] / a[p], 2) for p in common if a[p] > 0}
    ws, wm = work["single"], work["many"]
    block_ratios = {p: round(wm[p]["blocks"] / ws[p]["blocks"], 2) for p in common if p in ws and p in wm and ws[p]["blocks"]}
    print(f"\n{'page (อบต.กำปัง)':<40} {'1 org ms':>9} {f'{many_orgs} ms':>8} {'ratio':>6} {'queries':>8} "
          f"{'blocks 1':>9} {f'blocks {many_orgs}':>11} {'ratio':>6}")
    for p in common:
        print(f"{p:<40} {a[p]:>9.1f} {b[p]:>8.1f} {ratios[p]:>6.2f} {ws[p]['queries']:>8} {ws[p]['blocks']:>9} "
              f"{wm[p]['blocks']:>11} {block_ratios.get(p, 0):>6.2f}")
    geo = statistics.geometric_mean(ratios.values()) if ratios else None
    worst = max(ratios.items(), key=lambda kv: kv[1]) if ratios else None
    print(f"\nplatform front page (lists every organization): {front[0]} ms → {front[1]} ms")
    print(f"time: geometric mean ratio ({many_orgs} orgs / 1 org): {geo:.2f}; worst: {worst}")
    bgeo = statistics.geometric_mean(block_ratios.values()) if block_ratios else None
    bworst = max(block_ratios.items(), key=lambda kv: kv[1]) if block_ratios else None
    print(f"database work (buffers touched): geometric mean ratio {bgeo:.2f}; worst: {bworst}")
    emit("scale_bench", {
        "machine": machine(), "organizations": many_orgs, "rows_single": single_rows, "rows_many": many_rows,
        "db_mib_single": round(single_size / 2**20), "db_mib_many": round(many_size / 2**20),
        "pages": len(common), "ratio_geomean": round(geo, 3) if geo else None,
        "ratio_worst": {"page": worst[0], "ratio": worst[1]} if worst else None,
        "front_page_ms": {"single": front[0], "many": front[1]},
        "blocks_ratio_geomean": round(bgeo, 3) if bgeo else None,
        "blocks_ratio_worst": {"page": bworst[0], "ratio": bworst[1]} if bworst else None,
        "work_single": ws, "work_many": wm,
        "median_ms_single": {p: a[p] for p in common}, "median_ms_many": {p: b[p] for p in common},
    })
    if os.environ.get("BENCH_KEEP_DATABASES") != "1":
        from _common import pg_admin

        for name in ("prongsai_prod_scale_many", "prongsai_prod_scale_single"):
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
