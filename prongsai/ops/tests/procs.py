"""Helpers for tests that run Prongsai in subprocesses against a database of their own: the
PostgreSQL server of the test run (from DATABASE_URL) or a fresh SQLite file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[3]
PYTHON = sys.executable


def on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def pg_url(dbname: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + dbname))


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(pg_url("postgres"), autocommit=True) as conn:
        conn.execute(sql)


@contextlib.contextmanager
def fresh_database(tmp_path: Path, name: str, *, vendor: str | None = None):
    """Yield an environment dict for a new, empty database (not migrated)."""
    vendor = vendor or ("postgresql" if on_postgres() else "sqlite")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE="prongsai.settings", PRONGSAI_VAR_DIR=str(tmp_path / name),
               MEDIA_ROOT=str(tmp_path / name / "media"), PYTHONUNBUFFERED="1")
    (tmp_path / name).mkdir(parents=True, exist_ok=True)
    dbname = f"prongsai_prod_{name}_{os.getpid()}"
    if vendor == "postgresql":
        if not on_postgres():
            pytest.skip("PostgreSQL run only")
        pg_admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        pg_admin(f'CREATE DATABASE "{dbname}"')
        env["DATABASE_URL"] = pg_url(dbname)
    try:
        yield env
    finally:
        if vendor == "postgresql":
            pg_admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def manage(env: dict, *args: str, timeout: int = 300) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def query(env: dict, sql: str, params: tuple = ()) -> list[tuple]:
    """Run SQL directly against the database of `env`, not through Django."""
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as conn:
            return conn.execute(sql, params).fetchall()
    path = Path(env["PRONGSAI_VAR_DIR"]) / "prongsai.sqlite3"
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql.replace("%s", "?"), params).fetchall()
    finally:
        conn.close()


def tables(env: dict) -> list[str]:
    if "DATABASE_URL" in env:
        rows = query(env, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    else:
        rows = query(env, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%%'")
    return sorted(r[0] for r in rows)


def counts_per_org(env: dict) -> dict[str, dict[str, int]]:
    """Independent of the code under test: {table: {organization_id|'*': rows}}."""
    out = {}
    for table in tables(env):
        try:
            rows = query(env, f'SELECT organization_id, COUNT(*) FROM "{table}" GROUP BY organization_id')
            out[table] = {str(org): n for org, n in rows}
        except Exception:  # noqa: BLE001 — no organization_id column
            out[table] = {"*": query(env, f'SELECT COUNT(*) FROM "{table}"')[0][0]}
    return out


def file_checksums(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server on port {port} did not start in {timeout}s")
