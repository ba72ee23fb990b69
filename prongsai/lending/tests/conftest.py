import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from prongsai.lending import services
from prongsai.lending.models import LendableItem
from prongsai.tenancy.models import Membership


@pytest.fixture(autouse=True)
def _fast_passwords_and_clean_cache(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


def member(org, user):
    return Membership.objects.get(organization=org, user=user)


@pytest.fixture
def tent(cast):
    """A tent of A looked after by bob (กองคลัง), one approval step."""
    return services.item_save(item=LendableItem(organization=cast.org_a), acting_user=cast.admin_a, data={
        "name": "เต็นท์", "kind": "equipment", "asset_number": "", "description": "", "location": "",
        "department": cast.finance_a, "responsible": member(cast.org_a, cast.bob), "second_approver": None,
        "conditions": "", "max_days": 7, "public": True, "is_active": True})


@pytest.fixture
def hall(cast):
    """A hall of A: bob approves first, then carol."""
    return services.item_save(item=LendableItem(organization=cast.org_a), acting_user=cast.admin_a, data={
        "name": "หอประชุม", "kind": "venue", "asset_number": "", "description": "", "location": "",
        "department": cast.office_a, "responsible": member(cast.org_a, cast.bob),
        "second_approver": member(cast.org_a, cast.carol), "conditions": "", "max_days": 3, "public": True,
        "is_active": True})


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def request_data(start, end, name="ผู้ยืม"):
    return {"start_date": start, "end_date": end, "borrower_name": name, "borrower_phone": "0811111111",
            "borrower_email": "borrower@example.com", "purpose": "งานบุญ"}
