"""Load: the production server (gunicorn, production settings, PostgreSQL) under 50 concurrent
clients, for the public home page and the complaint-submission API; then nginx serving a saved
copy of the same home page as a static file on the same machine, the physical limit here.
Prints requests/s, p50/p95/p99 latency and errors for each, and the ratios.

Uses wrk (Debian package) as the client; installs it and nginx with apt when missing (root).
Traffic goes only to 127.0.0.1. Each run is bounded by --seconds per target.

    .venv/bin/python bench/load_bench.py [--seconds 15] [--connections 50] [--workers N] [--threads N]
        [--port P --nginx-port Q] [--redis redis://127.0.0.1:6379/N | --redis ""]

The cache is Redis, as in production (docs/deploy.md), when one answers at --redis (default
redis://127.0.0.1:6379/0, keys under a prefix of this run's own); --redis "" uses the local-memory
cache of each worker instead."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, base_env, emit, machine, manage, pg_admin, recreate  # noqa: E402

DONE_LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""

POST_LUA = r"""
local counter = 1
function setup(thread) thread:set("tid", counter); counter = counter + 1 end
function init(args) n = 0 end
request = function()
  n = n + 1
  local id = tid * 10000000 + n
  -- A different citizen per request (through the trusted proxy, as behind nginx): per-address
  -- rate limits stay realistic. The address is only a header; no traffic goes there.
  local ip = string.format("100.%d.%d.%d", 64 + (id % 50), math.floor(id / 250) % 250, id % 250)
  local body = string.format('{"category": "infrastructure", "subject": "ไฟฟ้าส่องสว่างดับ จุดที่ %d", '
    .. '"details": "ไฟถนนหน้าบ้านเลขที่ %d ดับมาสามคืนแล้ว รบกวนตรวจสอบด้วย", "name": "ผู้ทดสอบ ระบบ", "phone": "0812345678"}', id, id)
  return wrk.format("POST", PATH, {["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. id,
    ["X-Forwarded-For"] = ip}, body)
end
"""


def ensure_tools() -> None:
    missing = [pkg for cmd, pkg in (("wrk", "wrk"), ("nginx", "nginx")) if not shutil.which(cmd) and not Path(f"/usr/sbin/{cmd}").exists()]
    if missing:
        if os.geteuid() != 0:
            raise SystemExit(f"install {' '.join(missing)} (apt-get install {' '.join(missing)})")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 — no Redis here: the local-memory cache
        return False


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:  # noqa: BLE001
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def wrk(url: str, *, seconds: int, connections: int, script: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script + DONE_LUA)
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", f.name, url],
                             capture_output=True, text=True, timeout=seconds + 60).stdout
    finally:
        os.unlink(f.name)
    line = next(ln for ln in out.splitlines() if ln.startswith("WRK "))
    r = json.loads(line[4:])
    errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    return {
        "rps": round(r["requests"] / (r["duration_us"] / 1e6), 1), "requests": r["requests"],
        "p50_ms": round(r["p50_us"] / 1000, 2), "p95_ms": round(r["p95_us"] / 1000, 2), "p99_ms": round(r["p99_us"] / 1000, 2),
        "max_ms": round(r["max_us"] / 1000, 2), "errors": errors,
        "error_detail": {k: r[k] for k in ("connect", "read", "write", "status", "timeout") if r[k]},
    }


def production_site(work: Path, *, app_port: int, listen_port: int) -> str:
    """deploy/nginx-prongsai.conf as shipped, moved onto this run's ports and folders, without TLS
    (no certificate here; wrk speaks plain HTTP): the same proxy, micro-cache and static rules."""
    import re

    text = (ROOT / "deploy" / "nginx-prongsai.conf").read_text(encoding="utf-8")
    text = text.replace("server 127.0.0.1:8000", f"server 127.0.0.1:{app_port}")
    text = text.replace("/var/lib/nginx/prongsai-cache", str(work / "nginx-cache"))
    text = text.replace("/opt/prongsai/var/static/", f"{work}/static/")
    text = text.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{listen_port};")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{free_port()};")
    return "\n".join(line for line in text.splitlines()
                     if not re.match(r"\s*(listen \[::\]|ssl_)", line))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    ap.add_argument("--threads", type=int, default=1, help="> 1: gthread workers with this many threads each")
    ap.add_argument("--port", type=int, default=0, help="gunicorn's port (default: a free one)")
    ap.add_argument("--nginx-port", type=int, default=0, help="nginx's port (default: a free one)")
    ap.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0"))
    args = ap.parse_args()
    ensure_tools()
    work = Path(tempfile.mkdtemp(prefix="prongsai-load-"))
    work.chmod(0o755)  # nginx's workers (www-data) read the saved page from here
    dbname = "prongsai_prod_load"
    url = recreate(dbname)
    from cryptography.fernet import Fernet

    redis_url = args.redis if args.redis and redis_answers(args.redis) else ""
    cache_env = {"REDIS_URL": redis_url, "CACHE_KEY_PREFIX": f"load-bench-{secrets.token_hex(4)}"} if redis_url else {}
    env = base_env(
        **cache_env, PRONGSAI_ENV="production", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=url, ENCRYPTION_KEYS=Fernet.generate_key().decode(), SECURE_SSL_REDIRECT="0",
        PRONGSAI_VAR_DIR=str(work), LOG_LEVEL="WARNING", TRUSTED_PROXIES="127.0.0.1",
    )
    print("preparing: migrate, demo, collectstatic …", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    port = args.port or free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--workers", str(args.workers),
         "--threads", str(args.threads), "--worker-class", "gthread" if args.threads > 1 else "sync",
         "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "/dev/null", "prongsai.wsgi"],
        cwd=ROOT, env=env, stdout=open(work / "gunicorn.log", "w"), stderr=subprocess.STDOUT, start_new_session=True)
    nginx = None
    results = {}
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http(base + "/health/")
        home = "/kampang/"
        try:
            urllib.request.urlopen(base + home, timeout=5)
        except Exception:  # noqa: BLE001 — no organization home page on this branch yet: the front page
            home = "/"
        page = urllib.request.urlopen(base + home, timeout=5).read()
        api = "/api/v1/orgs/kampang/complaints"
        kind = f"gthread workers × {args.threads} threads" if args.threads > 1 else "sync workers"
        print(f"gunicorn: {args.workers} {kind}, production settings, PostgreSQL, cache: "
              f"{'Redis' if redis_url else 'local memory'}; home page {home} ({len(page):,} bytes)")
        for path in (home, "/static/css/prongsai.css"):
            for _ in range(20):
                urllib.request.urlopen(base + path, timeout=5).read()  # warm up every worker
        load_before = os.getloadavg()[0]
        results["home_page"] = wrk(base + home, seconds=args.seconds, connections=args.connections, script="")
        results["submission_api"] = wrk(base + api, seconds=args.seconds, connections=args.connections,
                                        script=f'PATH = "{api}"\n' + POST_LUA)
        import psycopg

        with psycopg.connect(url) as conn:
            stored = conn.execute("SELECT COUNT(*) FROM complaints_complaint WHERE subject LIKE 'ไฟฟ้าส่องสว่างดับ%%'").fetchone()[0]
        results["submission_api"]["stored"] = stored

        # nginx: the same page as a static file, and (same nginx) the production site file in front
        # of gunicorn with its micro-cache of public pages.
        www = work / "www"
        www.mkdir()
        (www / "index.html").write_bytes(page)
        nport = args.nginx_port or free_port()
        pport = free_port()
        conf = work / "nginx.conf"
        conf.write_text(f"""worker_processes auto;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  default_type text/html;
  sendfile on;
  client_body_temp_path {work}/body; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;
  uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;
  server {{ listen 127.0.0.1:{nport}; root {www}; location / {{ try_files /index.html =404; }} }}
{production_site(work, app_port=port, listen_port=pport)}
}}
""")
        nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
        nginx = subprocess.Popen([nginx_bin, "-c", str(conf), "-g", "daemon off;"], start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_http(f"http://127.0.0.1:{nport}/")
        results["nginx_static_home"] = wrk(f"http://127.0.0.1:{nport}/", seconds=args.seconds, connections=args.connections, script="")
        proxied = f"http://127.0.0.1:{pport}{home}"
        wait_http(proxied)
        results["home_page_via_nginx"] = wrk(proxied, seconds=args.seconds, connections=args.connections, script="")
        with urllib.request.urlopen(proxied, timeout=5) as r:
            results["home_page_via_nginx"]["x_cache"] = r.headers.get("X-Cache", "")
            results["home_page_via_nginx"]["cache_control"] = r.headers.get("Cache-Control", "")
    finally:
        for proc in (server, nginx):
            if proc is not None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(30)
        pg_admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{args.connections} concurrent clients, {args.seconds} s each, wrk on 127.0.0.1; "
          f"machine load average before: {load_before:.1f} on {os.cpu_count()} cores (other processes share them)")
    print(f"{'target':<22} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, r in results.items():
        print(f"{name:<22} {r['rps']:>9.1f} {r['p50_ms']:>8.2f} {r['p95_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['errors']:>7}")
    print("home_page: gunicorn directly; home_page_via_nginx: through deploy/nginx-prongsai.conf "
          f"(micro-cache; last answer X-Cache: {results['home_page_via_nginx'].get('x_cache') or '-'}, "
          f"Cache-Control: {results['home_page_via_nginx'].get('cache_control') or '-'})")
    ratio = results["nginx_static_home"]["rps"] / results["home_page"]["rps"]
    print(f"\nnginx static / Django home page: {ratio:.1f}× the requests per second")
    print(f"submissions acknowledged and stored: {results['submission_api']['stored']:,}")
    target = {k: r["p99_ms"] < 100 and r["errors"] == 0 for k, r in results.items() if k != "nginx_static_home"}
    print(f"target p99 < 100 ms and zero errors: {target}")
    emit("load_bench", {"machine": machine(), "connections": args.connections, "seconds": args.seconds,
                        "gunicorn_workers": args.workers, "gunicorn_threads": args.threads,
                        "cache": "redis" if redis_url else "locmem", "home_path": home, **results,
                        "ratio_nginx_static_to_home": round(ratio, 2), "target_met": target,
                        "load_average_before": round(load_before, 2)})


if __name__ == "__main__":
    main()
