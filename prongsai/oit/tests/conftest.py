import datetime as dt
import types

import pytest
from django.utils import timezone

from prongsai.complaints import oit as complaints_oit
from prongsai.oit import registry

IN_2566 = timezone.make_aware(dt.datetime(2023, 3, 15, 10, 0))   # inside FY 2566 (1 Oct 2022 – 30 Sep 2023)
BEFORE_2566 = timezone.make_aware(dt.datetime(2022, 6, 1, 10, 0))


def fake_provider(links_by_slug: dict, checks_by_slug: dict | None = None, name="tests.fake.oit"):
    """An app's oit.py as the registry sees it; answers per organization slug."""

    def oit_links(*, organization, framework):
        return [dict(link) for link in links_by_slug.get(organization.slug, [])]

    def oit_checks(*, organization, framework):
        return [dict(check) for check in (checks_by_slug or {}).get(organization.slug, [])]

    return types.SimpleNamespace(__name__=name, oit_links=oit_links, oit_checks=oit_checks)


@pytest.fixture
def providers(monkeypatch):
    """providers(*fakes) → the registry sees the fakes plus the real complaints provider."""

    def install(*fakes, with_complaints=True):
        chosen = (*fakes, complaints_oit) if with_complaints else tuple(fakes)
        monkeypatch.setattr(registry, "providers", lambda: chosen)

    return install
