"""Submissions through the public e-service API: 50 concurrent clients POST requests (each with
its own Idempotency-Key; one in ten is sent twice, as a client retrying after a timeout) to the
production server (gunicorn, production settings), on SQLite and on PostgreSQL. Prints
submissions/s and latency, then checks that every acknowledged receipt is stored exactly once.

    .venv/bin/python bench/submissions_bench.py [--clients 50] [--per-client 20] [--db sqlite|postgres|both]"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, base_env, emit, machine, manage, pg_admin, recreate  # noqa: E402
from load_bench import free_port, wait_http  # noqa: E402

COUNT = """
import json, os
from django_scopes import scopes_disabled
from prongsai.eservice.models import ServiceRequest
codes = json.load(open(os.environ["BENCH_CODES"]))
with scopes_disabled():
    rows = list(ServiceRequest.objects.filter(code__in=codes).values_list("code", flat=True))
print(json.dumps({"rows": len(rows), "distinct": len(set(rows))}))
"""


def post(url: str, body: dict, key: str, ip: str) -> tuple[int, dict, float]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/json", "Idempotency-Key": key, "X-Forwarded-For": ip})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read()), time.perf_counter() - start
    except urllib.error.HTTPError as e:
        return e.code, {}, time.perf_counter() - start


def run(db: str, clients: int, per_client: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="prongsai-submit-"))
    dbname = "prongsai_bench_submit"
    url = recreate(dbname) if db == "postgres" else f"sqlite:///{work / 'bench.sqlite3'}"
    from cryptography.fernet import Fernet

    env = base_env(PRONGSAI_ENV="production", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="127.0.0.1",
                   DATABASE_URL=url, ENCRYPTION_KEYS=Fernet.generate_key().decode(), SECURE_SSL_REDIRECT="0",
                   PRONGSAI_VAR_DIR=str(work), LOG_LEVEL="WARNING", TRUSTED_PROXIES="127.0.0.1")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    port = free_port()
    workers = (os.cpu_count() or 1) * 2 + 1
    server = subprocess.Popen([PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--workers", str(workers),
                               "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", "prongsai.wsgi"],
                              cwd=ROOT, env=env, stdout=open(work / "gunicorn.log", "w"), stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http(base + "/health/")
        types = json.loads(urllib.request.urlopen(base + "/api/v1/orgs/kampang/eservice/types").read())
        general = next(t for t in types if not any(f.get("required") and f["name"] not in ("name", "details", "phone")
                                                  for f in t["fields"]))
        endpoint = base + "/api/v1/orgs/kampang/eservice/requests"
        acknowledged: dict[str, str] = {}
        latencies: list[float] = []
        errors: list[int] = []
        lock = threading.Lock()

        def client(n: int) -> None:
            for i in range(per_client):
                key = f"bench-{n}-{i}-{secrets.token_hex(4)}"
                ip = f"100.{64 + n}.{i // 250}.{i % 250 + 1}"
                body = {"request_type": general["id"], "data": {
                    "name": "ผู้ทดสอบ ระบบ", "phone": "๐๘๑๒๓๔๕๖๗๘", "details": f"ไฟถนนดับ จุดที่ {n}-{i}"}}
                for _attempt in range(2 if i % 10 == 0 else 1):
                    status, data, seconds = post(endpoint, body, key, ip)
                    with lock:
                        latencies.append(seconds)
                        if status in (200, 201):
                            previous = acknowledged.setdefault(key, data["code"])
                            if previous != data["code"]:
                                errors.append(-1)  # a retry got another receipt: never acceptable
                        else:
                            errors.append(status)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    codes_file = work / "codes.json"
    codes_file.write_text(json.dumps(sorted(set(acknowledged.values()))))
    stored = json.loads(subprocess.run([PYTHON, "manage.py", "shell", "-c", COUNT], cwd=ROOT,
                                       env={**env, "BENCH_CODES": str(codes_file)}, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    if db == "postgres":
        pg_admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    q = statistics.quantiles(latencies, n=100)
    return {"db": db, "clients": clients, "requests": len(latencies), "acknowledged": len(acknowledged),
            "submissions_per_s": round(len(acknowledged) / elapsed, 1), "p50_ms": round(q[49] * 1000, 1),
            "p95_ms": round(q[94] * 1000, 1), "p99_ms": round(q[98] * 1000, 1), "errors": len(errors),
            "stored_rows": stored["rows"], "stored_distinct": stored["distinct"],
            "exactly_once": stored["rows"] == stored["distinct"] == len(set(acknowledged.values()))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--per-client", type=int, default=20)
    ap.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    args = ap.parse_args()
    results = [run(db, args.clients, args.per_client) for db in (["sqlite", "postgres"] if args.db == "both" else [args.db])]
    print(f"{'db':<9} {'subm/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6} {'acked':>6} {'stored':>6} exactly once")
    for r in results:
        print(f"{r['db']:<9} {r['submissions_per_s']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['p99_ms']:>8} {r['errors']:>6} "
              f"{r['acknowledged']:>6} {r['stored_rows']:>6} {r['exactly_once']}")
    emit("submissions_bench", {"machine": machine(), "results": results})


if __name__ == "__main__":
    main()
