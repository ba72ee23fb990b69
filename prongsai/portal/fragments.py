"""Per-organization cache of the public home page's content (the publication lists, the
executives and the social links): on a busy site the home page is most of the traffic, and its
content changes only when staff publish or edit something.

The rendered fragment is cached under a key that carries the organization, the language and the
organization's *public version*. `core.signals.public_content_changed` (sent after commit by every
service that changes something visible on the public site) gives the organization a new version,
so the next request renders afresh; the old entries simply expire. Changes that do not announce
themselves (a department renamed in the tenancy settings) show within FRAGMENT_SECONDS, which is
also shorter than the life of a signed S3 URL of an executive's photo (10 minutes).

Only content that is the same for every visitor goes in: no CSRF token, no session, no user."""

from __future__ import annotations

import secrets
from contextlib import contextmanager

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from prongsai.ops.context import current_organization_id

FRAGMENT_SECONDS = 300
VERSION_SECONDS = 7 * 24 * 3600


@contextmanager
def _organization(org_id: int):
    # The cache key function adds the organization of the request; a signal sent from a
    # management command or a task has none, so set it explicitly for both reads and writes.
    token = current_organization_id.set(org_id)
    try:
        yield
    finally:
        current_organization_id.reset(token)


def _version_key(org_id: int) -> str:
    return f"portal:public-version:{org_id}"


def public_version(organization) -> str:
    with _organization(organization.pk):
        version = cache.get(_version_key(organization.pk))
        if version is None:
            cache.add(_version_key(organization.pk), secrets.token_hex(6), VERSION_SECONDS)
            version = cache.get(_version_key(organization.pk)) or "0"
        return version


def public_changed(organization) -> None:
    """The organization's public content changed: cached fragments of it are no longer used."""
    with _organization(organization.pk):
        cache.set(_version_key(organization.pk), secrets.token_hex(6), VERSION_SECONDS)


def on_public_content_changed(sender=None, *, organization, **kwargs) -> None:
    public_changed(organization)


def home_body(request) -> SafeString:
    """The HTML of the home page's publication lists, executives and links, from the cache when
    the organization's public content has not changed since it was rendered."""
    from . import selectors

    org = request.organization
    key = f"portal:home-body:{org.pk}:{get_language()}:{public_version(org)}"
    with _organization(org.pk):
        html = cache.get(key)
        if html is None:
            html = render_to_string("portal/_home_body.html", selectors.home(organization=org), request=request)
            cache.set(key, str(html), FRAGMENT_SECONDS)
    return mark_safe(html)  # noqa: S308 — our own template's output
