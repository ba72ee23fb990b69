"""Abuse resistance for citizens' forms and the public API, shared by every channel
(e-service, complaints, surveys, lending, EIT answers). No puzzle CAPTCHA (accessibility):

- a hidden honeypot field and a minimum fill time (a signed timestamp issued with the form);
  a form that trips either is treated as a bot and answered with a generic acknowledgement;
- rate limits per client IP and per target, counted in the cache (keys include the organization);
- idempotency: the same Idempotency-Key (API) or form token returns the same receipt and never
  creates a second record, also when two copies arrive at the same moment."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable

from django import forms
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from .models import IdempotencyRecord

MIN_FILL_SECONDS = 3
FORM_MAX_AGE = 24 * 3600
_SALT = "prongsai.antiabuse.form"


def issue_form_token() -> str:
    """A signed issue time plus a random nonce; doubles as the form's idempotency key."""
    import secrets

    return signing.dumps({"t": time.time(), "n": secrets.token_hex(8)}, salt=_SALT)


class GuardedFormMixin(forms.Form):
    """Add to a citizen form. After is_valid(), check `form.is_bot` before saving anything."""

    website = forms.CharField(required=False, label=_("เว็บไซต์ (เว้นว่างไว้)"),
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    min_fill_seconds = MIN_FILL_SECONDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = issue_form_token()
        self.is_bot = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            self.is_bot = True
        try:
            data = signing.loads(cleaned.get("form_token") or "", salt=_SALT, max_age=FORM_MAX_AGE)
            if time.time() - float(data["t"]) < self.min_fill_seconds:
                self.is_bot = True
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            self.is_bot = True
        return cleaned

    @property
    def idempotency_key(self) -> str:
        token = self.cleaned_data.get("form_token") or ""
        return hashlib.sha256(token.encode()).hexdigest()[:64]


def client_ip(request) -> str:
    # Behind a proxy, set the real address in REMOTE_ADDR at the proxy (see docs/deploy.md).
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(*, organization, bucket: str, ident: str, limit: int, window: int) -> bool:
    """Count one hit; True when `ident` has exceeded `limit` hits in `window` seconds.
    The IP is hashed before it is used in a cache key; nothing is stored with a submission."""
    digest = hashlib.sha256(ident.encode()).hexdigest()[:24]
    key = f"rl:{organization.pk}:{bucket}:{digest}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window + 5)
            count = 1
    return count > limit


def payload_fingerprint(payload) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


class IdempotencyConflict(Exception):
    """The same key was used with a different payload."""


def idempotent(*, organization, scope: str, key: str, create: Callable[[], dict], fingerprint: str = "") -> tuple[dict, bool]:
    """Run `create()` (which makes the record and returns a JSON-able receipt) once per key.
    Returns (receipt, created). A concurrent duplicate waits on the unique constraint and then
    gets the first one's receipt."""
    existing = IdempotencyRecord.objects.filter(organization=organization, scope=scope, key=key).first()
    if existing is not None:
        if fingerprint and existing.fingerprint and existing.fingerprint != fingerprint:
            raise IdempotencyConflict(key)
        return existing.receipt, False
    try:
        with transaction.atomic():
            receipt = create()
            IdempotencyRecord.objects.create(
                organization=organization, scope=scope, key=key, fingerprint=fingerprint, receipt=receipt
            )
            return receipt, True
    except IntegrityError:
        existing = IdempotencyRecord.objects.filter(organization=organization, scope=scope, key=key).first()
        if existing is None:
            raise
        return existing.receipt, False
