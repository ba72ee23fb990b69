"""gunicorn settings for Prongsai (`gunicorn -c deploy/gunicorn.conf.py prongsai.wsgi`).

Sync workers: Django views are synchronous and short; nginx in front buffers slow clients.
Every value can be overridden from the environment (GUNICORN_WORKERS, PORT/BIND …)."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# 2 × cores + 1 is gunicorn's rule of thumb for sync workers; on 2 cores that is 5. Measured with
# bench/load_bench.py (docs/scale.md): gthread (GUNICORN_THREADS=4) helps the submission API, which
# waits on PostgreSQL, but widens the public pages' p99 (one GIL per worker); sync stays the default.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # PDF/XLSX exports may take a while
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))  # bounds slow memory growth
max_requests_jitter = 200
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"  # fork after import: shared pages, fast start
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
access_log_format = (
    '{"time":"%(t)s","remote":"%(h)s","method":"%(m)s","path":"%(U)s","status":%(s)s,'
    '"bytes":"%(B)s","ms":%(M)s,"agent":"%(a)s"}'
)
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_fork(server, worker):
    # Connections opened before the fork (preload) must not be shared between workers.
    from django.db import connections

    for conn in connections.all():
        conn.close()
