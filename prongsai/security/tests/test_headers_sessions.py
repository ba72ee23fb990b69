"""Security headers (CSP, HSTS in production, nosniff, Referrer-Policy, frame-ancestors),
sessions bound to their host, login lock-out after repeated failures."""

import re
from pathlib import Path

import pytest
from django.test import Client

from prongsai.ops import middleware as ops_middleware

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_paths(cast):
    return ["/", f"/{cast.org_a.slug}/complaints/", "/accounts/login/", "/api/v1/openapi.json", "/no-such-page/"]


def test_security_headers_on_every_kind_of_page(client, public_paths):
    for path in public_paths:
        r = client.get(path)
        csp = r["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "base-uri 'self'" in csp, path
        script_src = re.search(r"script-src ([^;]*)", csp).group(1)
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src and "*" not in script_src
        assert r["X-Content-Type-Options"] == "nosniff", path
        assert r["Referrer-Policy"] == "same-origin", path
        assert r["X-Frame-Options"] == "DENY", path
        assert r["Cross-Origin-Opener-Policy"] == "same-origin", path
        assert "camera=()" in r["Permissions-Policy"]


def test_hsts_and_https_redirect_in_production_settings(settings, client):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    r = client.get("/health/")
    assert r.status_code == 301 and r["Location"].startswith("https://")
    r = client.get("/health/", HTTP_X_FORWARDED_PROTO="https")
    assert r.status_code == 200
    assert r["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_every_literal_inline_script_in_templates_is_allowed_by_the_csp():
    """Inline scripts run under the CSP only through their hash, so they must be literal text."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        for m in ops_middleware.SCRIPT_RE.finditer(text):
            attrs, body = m.group("attrs"), m.group("body")
            if "src=" in attrs or "application/json" in attrs or not body.strip():
                continue
            if "{{" in body or "{%" in body:
                offenders.append(f"{path.relative_to(root)}: inline <script> with template syntax (blocked by the CSP; "
                                 "pass data through a data-* attribute or json_script instead)")
            elif ops_middleware._digest(body) not in ops_middleware.content_security_policy():
                offenders.append(f"{path.relative_to(root)}: inline script not in the CSP")
    assert not offenders, "\n".join(offenders)


def test_injected_script_is_not_allowed_by_the_policy():
    policy = ops_middleware.content_security_policy()
    assert ops_middleware._digest("alert('pxss')") not in policy


def test_session_is_bound_to_the_host_it_was_opened_on(cast, settings):
    settings.ALLOWED_HOSTS = ["alpha.example", "beta.example"]
    cast.alice.set_password("pw-for-alice-123")
    cast.alice.save()
    client = Client(HTTP_HOST="alpha.example")
    r = client.post("/accounts/login/", {"username": "alice", "password": "pw-for-alice-123"})
    assert r.status_code == 302
    staff = f"/{cast.org_a.slug}/staff/"
    assert client.get(staff).status_code == 200
    # The same cookie presented to another host is logged out there …
    r = client.get(staff, HTTP_HOST="beta.example")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    # … and the session is gone for good (flushed), also on the original host.
    assert client.get(staff).status_code == 302


def test_session_cookie_flags(client, cast):
    cast.alice.set_password("pw-for-alice-123")
    cast.alice.save()
    r = client.post("/accounts/login/", {"username": "alice", "password": "pw-for-alice-123"})
    cookie = r.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and not cookie["domain"]


def test_login_locks_out_after_repeated_failures(cast, settings):
    cast.alice.set_password("pw-for-alice-123")
    cast.alice.save()
    client = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        r = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
        assert r.status_code == 200
    assert client.post("/accounts/login/", {"username": "alice", "password": "wrong"}).status_code == 429
    r = client.post("/accounts/login/", {"username": "alice", "password": "pw-for-alice-123"})
    assert r.status_code == 429  # locked: even the right password is refused for now
    assert "_auth_user_id" not in client.session
    # Another address is not locked out by someone else's failures (lock-out per user and address).
    other = Client(REMOTE_ADDR="192.0.2.11")
    assert other.post("/accounts/login/", {"username": "alice", "password": "pw-for-alice-123"}).status_code == 302
