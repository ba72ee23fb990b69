import time

import pytest
from cryptography.fernet import Fernet
from django.core.cache import cache

from prongsai.complaints import services
from prongsai.complaints.models import ComplaintOfficer
from prongsai.tenancy.models import Membership


@pytest.fixture(autouse=True)
def _keys_and_clean_cache(settings):
    settings.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    # The cast's six passwords with the production hasher cost seconds per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officers(cast):
    """carol (executive of A) and olivia (coordinator of B) are their organizations' officers."""
    for org, user in ((cast.org_a, cast.carol), (cast.org_b, cast.olivia)):
        ComplaintOfficer.objects.create(organization=org, membership=Membership.objects.get(organization=org, user=user))
    return cast


def report_data(**extra):
    data = {"category": "bribery", "subject": "เรียกรับเงินค่าใบอนุญาต", "details": "เจ้าหน้าที่เรียกเงินสามพันบาท",
            "accused": "นายสมมุติ", "place": "", "when": "", "anonymous": True, "name": "", "phone": "", "email": "",
            "address": "", "evidence": None}
    data.update(extra)
    return data


def make_report(org, **extra):
    receipt = services.report_submit(organization=org, data=report_data(**extra))
    return receipt


def form_token(age: float = 10) -> str:
    """A form token issued `age` seconds ago: a person filling the form at human speed."""
    from unittest import mock

    from prongsai.core.antiabuse import issue_form_token

    real = time.time
    with mock.patch.object(time, "time", lambda: real() - age):
        return issue_form_token()
