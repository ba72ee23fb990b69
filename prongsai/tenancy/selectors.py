"""Reads for the organization admin pages and the "my organizations" page."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from .models import DATE_STYLES, Department, Membership, Organization

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




ACTION_LABELS = {
    "organization.update": _("แก้ไขข้อมูลหน่วยงาน"),
    "department.create": _("เพิ่มส่วนราชการ"),
    "department.update": _("แก้ไขส่วนราชการ"),
    "department.move": _("เลื่อนลำดับส่วนราชการ"),
    "department.delete": _("ลบส่วนราชการ"),
    "membership.add": _("เพิ่มสมาชิก"),
    "membership.update": _("แก้ไขสมาชิก"),
    "membership.remove": _("นำสมาชิกออก"),
    "user.create": _("สร้างบัญชีผู้ใช้"),
}


CHOICE_LABELS = {
    "role": dict(Membership.Role.choices),
    "kind": dict(Organization.Kind.choices),
    "date_style": dict(DATE_STYLES),
}


def _field_labels() -> dict[str, str]:
    from prongsai.accounts.models import User

    labels = {"user": str(_("ผู้ใช้")), "username": str(_("ชื่อผู้ใช้")), "position": str(_("ลำดับ"))}
    for model in (Membership, Department, Organization, User):
        for f in model._meta.fields:
            labels.setdefault(f.name, str(f.verbose_name))
    return labels


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return str(_("ใช่"))
    if value is False:
        return str(_("ไม่"))
    return str(value)


def settings_log(*, organization, limit: int = 200) -> list[dict]:
    """The organization's own settings changes, newest first, with Thai labels for fields and actions."""
    from prongsai.audit.models import AuditEntry

    labels = _field_labels()
    rows = []
    entries = (AuditEntry.objects.filter(organization=organization, target_type__in=LOGGED_TYPES)
               .select_related("actor")[:limit])
    for e in entries:
        changes = []
        for name, change in (e.changes or {}).items():
            old, new = (change + [None, None])[:2] if isinstance(change, list) else (None, change)
            choices = CHOICE_LABELS.get(name, {})
            old, new = _shown(choices.get(old, old)), _shown(choices.get(new, new))
            if old != new:
                changes.append({"label": labels.get(name, name), "old": old, "new": new})
        rows.append({"entry": e, "action": ACTION_LABELS.get(e.action, e.action), "changes": changes})
    return rows
