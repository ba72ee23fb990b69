import datetime as dt

import pytest
from django.core.cache import cache

from prongsai.portal import services
from prongsai.tenancy.models import Membership


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def publish(cast):
    """publish(org, user, **data) → a published Publication made through the services."""

    def make(org=None, user=None, *, status="published", rows=None, attachments=None, **data):
        org = org or cast.org_a
        user = user or (cast.alice if org == cast.org_a else cast.olivia)
        membership = Membership.objects.get(organization=org, user=user)
        defaults = {"title": "ข่าวทดสอบ", "category": "news", "fiscal_year": 2566,
                    "publication_date": dt.date(2023, 1, 10), "body": "<p>เนื้อหา</p>",
                    "department": cast.office_a if org == cast.org_a else cast.office_b}
        defaults.update(data)
        pub = services.publication_save(organization=org, acting_user=user, membership=membership, publication=None,
                                        data=defaults, rows=rows, attachments=attachments)
        if status == "published":
            services.publication_publish(organization=org, acting_user=user, membership=membership, publication=pub)
        return pub

    return make
