"""The test cast (after Healthchecks' alice/bob/charlie): two organizations, A and B.

- alice: coordinator of A · bob: department staff of A (กองคลัง) · carol: executive of A ·
  victor: viewer of A · admin_a: admin of A · olivia: coordinator of B (the outsider).

Fixture setup runs with scopes disabled for convenience; every request the test client makes
goes through OrganizationMiddleware, which re-enables scoping, so views are tested scoped."""

from dataclasses import dataclass

import pytest
from django_scopes import scopes_disabled

from prongsai.tenancy.models import Membership
from prongsai.testing.factories import DepartmentFactory, MembershipFactory, OrganizationFactory, UserFactory

Role = Membership.Role


@pytest.fixture(autouse=True)
def _scopes_disabled_for_setup():
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _clean_cache():
    # Cached public fragments (portal.fragments) are keyed by organization id; ids are reused
    # between tests, so no test may see another's cache.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Fast hashing in tests only; production keeps Django's default PBKDF2.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Cast:
    org_a: object
    org_b: object
    office_a: object
    finance_a: object
    office_b: object
    alice: object
    bob: object
    carol: object
    victor: object
    admin_a: object
    olivia: object


@pytest.fixture
def cast(db):
    org_a = OrganizationFactory(slug="alpha", base_name="อัลฟา")
    org_b = OrganizationFactory(slug="beta", base_name="เบตา")
    office_a = DepartmentFactory(organization=org_a, name="สำนักปลัด")
    finance_a = DepartmentFactory(organization=org_a, name="กองคลัง")
    office_b = DepartmentFactory(organization=org_b, name="สำนักปลัด")

    def member(org, username, role, dept=None):
        user = UserFactory(username=username)
        MembershipFactory(organization=org, user=user, role=role, department=dept)
        return user

    return Cast(
        org_a=org_a, org_b=org_b, office_a=office_a, finance_a=finance_a, office_b=office_b,
        alice=member(org_a, "alice", Role.COORDINATOR, office_a),
        bob=member(org_a, "bob", Role.DEPARTMENT_STAFF, finance_a),
        carol=member(org_a, "carol", Role.EXECUTIVE, office_a),
        victor=member(org_a, "victor", Role.VIEWER),
        admin_a=member(org_a, "admin_a", Role.ADMIN, office_a),
        olivia=member(org_b, "olivia", Role.COORDINATOR, office_b),
    )


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as user."""

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login
