"""Factories for tests. Every fixture world has two organizations (see prongsai/conftest.py)."""

import datetime as dt

import factory

from prongsai.accounts.models import User
from prongsai.tenancy.models import Department, Membership, Organization


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"org{n}")
    kind = Organization.Kind.SAO
    base_name = factory.Sequence(lambda n: f"ทดสอบ{n}")
    district = "เมือง"
    province = "ขอนแก่น"
    doc_prefix = "ขก ๐๐๐๐๑"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"กองทดสอบ{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "ทดสอบ"
    last_name = factory.Sequence(lambda n: f"คนที่{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-secret-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.COORDINATOR


def fy_date(fiscal_year: int, month: int = 3, day: int = 31) -> dt.date:
    return dt.date(fiscal_year - 543 - (1 if month >= 10 else 0), month, day)
