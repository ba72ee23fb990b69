"""Production settings from the environment, the SQLite durability settings, the health
endpoint, organization-scoped cache keys, JSON logs, trusted proxies and host-bound sessions."""

import json
import logging
import os
import subprocess

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory

from prongsai.ops.context import current_organization_id
from prongsai.ops.logging import JsonFormatter
from prongsai.ops.middleware import TrustedProxyMiddleware

from .procs import PYTHON, ROOT

PROD_ENV = {
    "PRONGSAI_ENV": "production",
    "SECRET_KEY": "k" * 20 + "Xy9-_QpLm" * 5,
    "ALLOWED_HOSTS": "prongsai.example,kampang.example",
    "DATABASE_URL": "postgres://prongsai:pw@db.internal:5432/prongsai",
    "ENCRYPTION_KEYS": "pW1yR2xYc2F0bU5oQ3V2d0p6eEFiY2RlZmdoaWprbG0=",
}


def run_manage(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PRONGSAI_ENV", "SECRET_KEY", "DJANGO_DEBUG", "DEBUG")}
    env.update(env_overrides)
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_production_environment():
    result = run_manage(PROD_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "ENCRYPTION_KEYS"])
def test_production_fails_fast_naming_the_missing_variable(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert missing in result.stderr and "ImproperlyConfigured" in result.stderr


def test_weak_secret_key_is_refused_in_production():
    result = run_manage({**PROD_ENV, "SECRET_KEY": "short"}, "check")
    assert result.returncode != 0 and "SECRET_KEY is too weak" in result.stderr


def test_production_settings_values():
    code = ("from django.conf import settings as s; import json; print(json.dumps({"
            "'db': s.DATABASES['default']['ENGINE'], 'health': s.DATABASES['default']['CONN_HEALTH_CHECKS'],"
            "'age': s.DATABASES['default']['CONN_MAX_AGE'], 'cache': s.CACHES['default']['BACKEND'],"
            "'keyfn': s.CACHES['default']['KEY_FUNCTION'], 'static': s.STORAGES['staticfiles']['BACKEND'],"
            "'media': s.STORAGES['default']['BACKEND'], 'cookie': s.SESSION_COOKIE_NAME, 'debug': s.DEBUG}))")
    result = run_manage({**PROD_ENV, "REDIS_URL": "redis://cache.internal:6379/0", "S3_BUCKET": "prongsai-media"}, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "db": "django.db.backends.postgresql", "health": True, "age": 60,
        "cache": "django.core.cache.backends.redis.RedisCache", "keyfn": "prongsai.ops.cache.make_key",
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "media": "storages.backends.s3.S3Storage", "cookie": "__Host-sessionid", "debug": False,
    }


@pytest.mark.django_db
def test_sqlite_runs_in_wal_with_full_sync_busy_timeout_and_immediate_transactions():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite run only")
    with connection.cursor() as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] in ("wal", "memory")  # test DB may be in memory
        assert c.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert c.execute("PRAGMA busy_timeout").fetchone()[0] == 20000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in connection.settings_dict["OPTIONS"]["init_command"]


@pytest.mark.django_db
def test_health_checks_the_database_and_cache(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_health_is_503_when_the_database_fails(client, monkeypatch):
    from prongsai.ops import health

    class Broken:
        def cursor(self):
            raise RuntimeError("db down")

    monkeypatch.setattr(health, "connection", Broken())
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"
    assert "db down" not in response.content.decode()


def test_cache_keys_carry_the_organization():
    cache.set("shared-name", "outside")
    token = current_organization_id.set(1)
    try:
        cache.set("shared-name", "org one")
        key_one = cache.make_key("shared-name")
    finally:
        current_organization_id.reset(token)
    token = current_organization_id.set(2)
    try:
        assert cache.get("shared-name") is None  # organization 2 never sees organization 1's value
        assert ":o2:" in cache.make_key("shared-name")
    finally:
        current_organization_id.reset(token)
    assert ":o1:" in key_one
    assert cache.get("shared-name") == "outside"


@pytest.mark.django_db
def test_requests_set_the_organization_for_cache_keys(cast, client, monkeypatch):
    seen = []
    from prongsai.tenancy import middleware as tenancy_middleware

    original = tenancy_middleware.OrganizationMiddleware._serve

    def spy(self, request, organization):
        seen.append(current_organization_id.get())
        return original(self, request, organization)

    monkeypatch.setattr(tenancy_middleware.OrganizationMiddleware, "_serve", spy)
    client.get(f"/{cast.org_a.slug}/complaints/")
    client.get(f"/{cast.org_b.slug}/complaints/")
    assert seen == [cast.org_a.pk, cast.org_b.pk]
    assert current_organization_id.get() is None


def test_json_log_lines():
    record = logging.makeLogRecord({"name": "prongsai.x", "levelname": "WARNING", "levelno": 30, "msg": "ส่ง %s", "args": ("ok",),
                                    "request": RequestFactory().get("/kampang/")})
    token = current_organization_id.set(7)
    try:
        line = json.loads(JsonFormatter().format(record))
    finally:
        current_organization_id.reset(token)
    assert line["message"] == "ส่ง ok" and line["level"] == "WARNING" and line["organization_id"] == 7
    assert line["path"] == "/kampang/" and line["method"] == "GET"


def test_forwarded_for_is_trusted_only_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    seen = []
    mw = TrustedProxyMiddleware(lambda r: seen.append(r.META["REMOTE_ADDR"]))
    rf = RequestFactory()
    mw(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"))
    mw(rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.9"))
    mw(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 127.0.0.1"))
    assert seen == ["203.0.113.9", "198.51.100.4", "203.0.113.9"]
