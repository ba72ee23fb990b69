"""The production cache (Django's RedisCache with the organization in every key) against a real
Redis server, started here when redis-server is installed (skipped otherwise)."""

import shutil
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import override_settings

from prongsai.ops.context import current_organization_id

from .procs import free_port

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")


@pytest.fixture
def redis_url(tmp_path):
    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=port)
        for _ in range(50):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0", client
    finally:
        proc.terminate()
        proc.wait(10)


def test_redis_keys_carry_the_organization(redis_url):
    url, raw = redis_url
    config = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                          "KEY_FUNCTION": "prongsai.ops.cache.make_key", "KEY_PREFIX": "prongsai"}}
    with override_settings(CACHES=config):
        cache = caches.create_connection("default")
        for org, value in ((11, "eleven"), (12, "twelve")):
            token = current_organization_id.set(org)
            try:
                cache.set("rl:submit", value)
            finally:
                current_organization_id.reset(token)
        keys = sorted(k.decode() for k in raw.keys("*"))
        assert keys == ["prongsai:1:o11:rl:submit", "prongsai:1:o12:rl:submit"]
        token = current_organization_id.set(12)
        try:
            assert cache.get("rl:submit") == "twelve"
        finally:
            current_organization_id.reset(token)
        assert cache.get("rl:submit") is None  # outside any organization
