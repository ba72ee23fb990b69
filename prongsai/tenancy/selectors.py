"""Reads for the organization admin pages and the "my organizations" page."""

from __future__ import annotations

from django.db.models import Count
from django_scopes import scopes_disabled

from .models import Department, Membership, Organization

LOGGED_TYPES = ["tenancy.organization", "tenancy.department", "tenancy.membership", "accounts.user"]


def departments_with_counts(*, organization):
    return Department.objects.filter(organization=organization).annotate(
        member_count=Count("members", distinct=True),
        issue_count=Count("issues", distinct=True),
    ).order_by("position", "id")


def members_of(*, organization):
    return (Membership.objects.filter(organization=organization)
            .select_related("user", "department").order_by("-is_active", "role", "user__first_name", "user__username"))


def other_organizations(*, user, organization) -> list[Organization]:
    """The other organizations a member belongs to (names only), so an admin knows the account is shared."""
    return list(Organization.objects.filter(membership__user=user, membership__is_active=True)
                .exclude(pk=organization.pk).distinct())


def organizations_of(user) -> list[tuple[Organization, Membership]]:
    """Every active organization where the user is an active member, with the membership.

    Crosses tenants on purpose (a person's own memberships), so it runs unscoped and filters
    by the user explicitly."""
    with scopes_disabled():
        memberships = (Membership.objects.filter(user=user, is_active=True, organization__is_active=True)
                       .select_related("organization", "department").order_by("organization__base_name"))
        return [(m.organization, m) for m in memberships]


