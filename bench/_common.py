"""Shared by the bench scripts: a PostgreSQL database of their own, a manage.py runner, figures."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"))


def pg_url(dbname: str) -> str:
    return urlunsplit(urlsplit(PG_SERVER)._replace(path="/" + dbname))


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(pg_url("postgres"), autocommit=True) as conn:
        conn.execute(sql)


def recreate(dbname: str, template: str | None = None) -> str:
    pg_admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    pg_admin(f'CREATE DATABASE "{dbname}"' + (f' TEMPLATE "{template}"' if template else ""))
    return pg_url(dbname)


def base_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PRONGSAI_ENV", "DJANGO_SETTINGS_MODULE")}
    env.update(DJANGO_SETTINGS_MODULE="prongsai.settings", PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


def manage(env: dict, *args: str) -> str:
    r = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if r.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{r.stdout}\n{r.stderr}")
    return r.stdout


def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        mem = f"{int(open('/proc/meminfo').readline().split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(), "system": platform.platform()}


def emit(name: str, figures: dict) -> None:
    """The last line of a bench script's output: its figures as JSON, read by run_all.py."""
    print("BENCH-RESULT " + json.dumps({"bench": name, **figures}, ensure_ascii=False))
