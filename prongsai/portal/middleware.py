"""An organization's own domain: `www.kampang.go.th/` serves `/kampang/`.

SiteDomainMiddleware runs before tenancy's OrganizationMiddleware. When the Host header is the
domain an organization's admin set in its site profile, the path is prefixed with the
organization's slug (`/news/` → `/kampang/news/`); OrganizationMiddleware then resolves the
organization from the URL as usual, so tenancy has one path. Shared routes (static, media,
admin, accounts, i18n, API, health) are left alone, and so is a path that already carries the
slug, so the site's own links (which include it) keep working on either host. The host name
must also be in ALLOWED_HOSTS (the deployment's setting).

It also makes the site Thai first: the browser's Accept-Language is ignored unless the visitor
chose a language with the switch (the language cookie)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django_scopes import scopes_disabled

SHARED_PREFIXES = ("/static/", "/media/", "/admin/", "/accounts/", "/i18n/", "/api/", "/health/", "/favicon.ico")
CACHE_SECONDS = 60


def slug_for_host(host: str) -> str | None:
    host = (host or "").split(":")[0].strip().lower().rstrip(".")
    if not host or host in ("localhost", "testserver") or host.replace(".", "").isdigit():
        return None
    key = f"portal:host:{host}"
    slug = cache.get(key)
    if slug is None:
        from .models import SiteProfile

        with scopes_disabled():
            slug = (SiteProfile.objects.filter(domain=host, organization__is_active=True)
                    .values_list("organization__slug", flat=True).first()) or ""
        cache.set(key, slug, CACHE_SECONDS)
    return slug or None


def forget_host(host: str | None) -> None:
    if host:
        cache.delete(f"portal:host:{host.lower()}")


class SiteDomainMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Thai first: a browser's Accept-Language does not switch the site to English; only the
        # visitor's explicit choice (the language cookie set by /i18n/setlang/) does.
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        try:
            host = request.get_host()
        except Exception:  # DisallowedHost: let CommonMiddleware answer as usual
            host = ""
        slug = slug_for_host(host)
        if slug:
            path = request.path_info
            if not path.startswith(SHARED_PREFIXES) and not (path == f"/{slug}" or path.startswith(f"/{slug}/")):
                request.path_info = f"/{slug}{path}"
                request.path = f"{request.META.get('SCRIPT_NAME', '').rstrip('/')}{request.path_info}"
            request.site_domain = host
        return self.get_response(request)
