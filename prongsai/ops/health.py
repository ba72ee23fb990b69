"""Checks behind /health/: the database answers a query and is writable-ready, the cache answers."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection

log = logging.getLogger("prongsai.health")


def run_checks() -> dict[str, str]:
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 — any failure is "error"; details go to the log only
        log.exception("health: database check failed")
        checks["database"] = "error"
    try:
        key = f"health:{uuid.uuid4().hex}"
        cache.set(key, 1, timeout=5)
        checks["cache"] = "ok" if cache.get(key) == 1 else "error"
        cache.delete(key)
    except Exception:  # noqa: BLE001
        log.exception("health: cache check failed")
        checks["cache"] = "error"
    return checks
