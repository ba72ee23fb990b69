"""Where each OIT item is published, collected from the apps — never typed into the index.

Any app in settings.PRONGSAI_APPS may have an `oit.py` (the way `api.py` contributes a router):

    oit_links(*, organization, framework) -> [{"item_code", "title", "url", "published_at"}]
    oit_checks(*, organization, framework) -> [{"item_code", "state": "incomplete", "message",
                                               "department_id"}]            (optional)

`url` is a path on this site ("/<slug>/…") or an absolute http(s) URL; `published_at` is a
date, a timezone-aware datetime, or None for a channel or a page generated for the year.
Providers find items by title in the year's framework (codes move between years). What a
provider returns is checked here: links to items the year does not have, or with a URL that is
not a web address, are dropped and logged; one failing provider does not take the index down."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Link:
    item_code: str
    title: str
    url: str
    published_at: dt.datetime | None
    source: str

    @property
    def internal(self) -> bool:
        return self.url.startswith("/") and not self.url.startswith("//")


@dataclass(frozen=True)
class Check:
    item_code: str
    state: str
    message: str
    department_id: int | None
    source: str


@dataclass
class Collected:
    links: dict[str, list[Link]] = field(default_factory=dict)
    checks: dict[str, list[Check]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # apps whose provider failed


@lru_cache(maxsize=1)
def providers() -> tuple:
    """The `oit` modules of the installed apps, in PRONGSAI_APPS order (tests monkeypatch this)."""
    found = []
    for app in settings.PRONGSAI_APPS:
        try:
            module = import_module(f"{app}.oit")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.oit":
                raise
            continue
        if hasattr(module, "oit_links") or hasattr(module, "oit_checks"):
            found.append(module)
    return tuple(found)


def _source(module) -> str:
    return module.__name__.rsplit(".", 1)[0].rsplit(".", 1)[-1]


def _when(value) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value
    if isinstance(value, dt.date):
        return timezone.make_aware(dt.datetime.combine(value, dt.time(12)))
    raise TypeError(f"published_at must be a date, a datetime or None, not {type(value).__name__}")


def _valid_url(url) -> bool:
    if not isinstance(url, str) or not url or len(url) > 2000 or any(c.isspace() for c in url):
        return False
    return (url.startswith("/") and not url.startswith("//")) or url.startswith(("https://", "http://"))


def collect(*, organization, framework, with_checks: bool = True, codes=None) -> Collected:
    codes = set(codes) if codes is not None else set(framework.oit_items.values_list("code", flat=True))
    out = Collected()
    for module in providers():
        source = _source(module)
        try:
            links = list(module.oit_links(organization=organization, framework=framework)) if hasattr(
                module, "oit_links") else []
            checks = list(module.oit_checks(organization=organization, framework=framework)) if (
                with_checks and hasattr(module, "oit_checks")) else []
            for raw in links:
                code, url = raw.get("item_code"), raw.get("url")
                if code not in codes or not _valid_url(url):
                    logger.warning("oit: %s gave an unusable link %r for %s", source, url, code)
                    continue
                bucket = out.links.setdefault(code, [])
                if any(existing.url == url for existing in bucket):
                    continue
                title = str(raw.get("title") or url)[:300]
                bucket.append(Link(code, title, url, _when(raw.get("published_at")), source))
            for raw in checks:
                code = raw.get("item_code")
                if code not in codes:
                    logger.warning("oit: %s gave a check for unknown item %r", source, code)
                    continue
                dept = raw.get("department_id")
                out.checks.setdefault(code, []).append(Check(
                    code, raw.get("state") or "incomplete", str(raw.get("message") or "")[:500],
                    dept if isinstance(dept, int) else None, source,
                ))
        except Exception:  # one app's bug must not take the public index down
            logger.exception("oit: provider %s failed", source)
            out.errors.append(source)
    return out
