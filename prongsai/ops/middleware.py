"""Security headers and host-bound sessions.

Content-Security-Policy: scripts only from this site, plus the inline scripts and event handlers
that are written literally in the project's templates (allowed by their SHA-256 hash, computed
once from the template files). A script injected through data never matches a hash, so it does
not run. Styles allow 'unsafe-inline' because templates use style="" attributes (CSS cannot run
script). Frames: none may embed us (frame-ancestors 'none' together with X-Frame-Options DENY)."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import logout

SCRIPT_RE = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
HANDLER_RE = re.compile(r"\son[a-z]+=\"(?P<code>[^\"]*)\"", re.I)
TEMPLATE_SYNTAX = ("{{", "{%")


def _template_dirs() -> list[Path]:
    dirs = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    dirs += [Path(app.path) / "templates" for app in apps.get_app_configs()]
    return [d for d in dirs if d.is_dir()]


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@cache
def inline_script_hashes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(hashes of literal inline <script> bodies, hashes of literal on*="…" handlers)."""
    scripts, handlers = set(), set()
    for directory in _template_dirs():
        for path in directory.rglob("*.html"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for m in SCRIPT_RE.finditer(text):
                attrs, body = m.group("attrs"), m.group("body")
                if "src=" in attrs or not body.strip() or "application/json" in attrs:
                    continue
                if not any(t in body for t in TEMPLATE_SYNTAX):
                    scripts.add(_digest(body))
            for m in HANDLER_RE.finditer(text):
                if not any(t in m.group("code") for t in TEMPLATE_SYNTAX):
                    handlers.add(_digest(m.group("code")))
    return tuple(sorted(scripts)), tuple(sorted(handlers))


@cache
def content_security_policy() -> str:
    scripts, handlers = inline_script_hashes()
    script_src = ["'self'", *scripts]
    if handlers:
        script_src += ["'unsafe-hashes'", *handlers]
    directives = {
        "default-src": ["'self'"],
        "script-src": script_src,
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    extra = getattr(settings, "CSP_EXTRA", {}) or {}
    for name, sources in extra.items():
        directives.setdefault(name, []).extend(sources)
    policy = "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())
    if getattr(settings, "SECURE_SSL_REDIRECT", False):
        policy += "; upgrade-insecure-requests"
    return policy


class SecurityHeadersMiddleware:
    """CSP, Permissions-Policy and cross-origin isolation headers on every response (Django's
    SecurityMiddleware adds HSTS, nosniff, Referrer-Policy and COOP)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = "Content-Security-Policy-Report-Only" if getattr(settings, "CSP_REPORT_ONLY", False) else "Content-Security-Policy"
        response.headers.setdefault(header, content_security_policy())
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self), payment=(), usb=()")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


SESSION_HOST_KEY = "_prongsai_host"


def bind_session_to_host(sender, request, user, **kwargs):
    """On login, remember the host the session was opened on."""
    meta = getattr(request, "META", {})
    if hasattr(request, "session") and ("HTTP_HOST" in meta or "SERVER_NAME" in meta):
        request.session[SESSION_HOST_KEY] = request.get_host().lower()


class SessionHostMiddleware:
    """A session opened on one host (one organization's domain, or the platform's) is not valid
    on another: the cookie is logged out there. Together with host-only cookies (no
    SESSION_COOKIE_DOMAIN; `__Host-` names in production) a stolen or leaked cookie cannot be
    replayed against another organization's host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bound = request.session.get(SESSION_HOST_KEY) if hasattr(request, "session") else None
        if bound is not None and bound != request.get_host().lower():
            logout(request)
        return self.get_response(request)


class TrustedProxyMiddleware:
    """Behind nginx (or a load balancer) every request arrives from the proxy's address. When the
    direct peer is one of settings.TRUSTED_PROXIES, take the client address from X-Forwarded-For:
    the right-most entry that is not itself a trusted proxy (entries further left are whatever the
    client sent, and could be forged). Rate limits and login lock-outs then count real clients."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = set(getattr(settings, "TRUSTED_PROXIES", ()))

    def __call__(self, request):
        meta = request.META
        if self.trusted and meta.get("REMOTE_ADDR") in self.trusted and meta.get("HTTP_X_FORWARDED_FOR"):
            hops = [h.strip() for h in meta["HTTP_X_FORWARDED_FOR"].split(",") if h.strip()]
            while hops and hops[-1] in self.trusted:
                hops.pop()
            if hops:
                meta["REMOTE_ADDR"] = hops[-1][:45]
        return self.get_response(request)


SHARED_CACHE_ATTR = "prongsai_shared_cache_seconds"


def shared_cacheable(seconds: int = 30):
    """Mark a public page as cacheable by the front proxy (deploy/nginx-prongsai.conf's micro-cache)
    for `seconds` — decided finally by SharedCacheMiddleware, which sees the response last."""
    from functools import wraps

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            setattr(response, SHARED_CACHE_ATTR, seconds)
            return response

        return wrapper

    return decorator


class SharedCacheMiddleware:
    """First in MIDDLEWARE, so it sees the finished response: a page marked shared_cacheable is
    sent `Cache-Control: public, max-age=N` only when it is the same for every visitor — a GET or
    HEAD by an anonymous visitor, answered 200, setting no cookie (no session, no CSRF token, no
    one-time message). Anything else marked so is `private, no-cache`: a staff member's view of the
    public site, or a page that carried a message, never lands in a shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.cache import patch_cache_control

        response = self.get_response(request)
        seconds = getattr(response, SHARED_CACHE_ATTR, None)
        if seconds is None:
            return response
        user = getattr(request, "user", None)
        same_for_everyone = (request.method in ("GET", "HEAD") and response.status_code == 200
                             and not response.cookies and not (user and user.is_authenticated))
        if same_for_everyone:
            patch_cache_control(response, public=True, max_age=seconds)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response


class NulRefusalMiddleware:
    """A NUL character is never part of a real address, and PostgreSQL text refuses it (a lookup by
    a tracking code containing one was a 500). In the path: 400 before any view runs. In the query
    string: removed, so filters and searches answer as for the rest of what was typed. Form fields
    refuse NUL themselves (ProhibitNullCharactersValidator)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import re

        from django.http import HttpResponseBadRequest
        from django.utils.translation import gettext as _

        if "\x00" in request.path:
            return HttpResponseBadRequest(_("ที่อยู่ของหน้ามีอักขระที่ไม่อนุญาต"), content_type="text/plain; charset=utf-8")
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            request.META["QUERY_STRING"] = re.sub(r"%00|\x00", "", query)
        return self.get_response(request)
