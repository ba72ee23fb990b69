"""Writes to an organization's profile, departments and members. Each runs in a transaction,
validates with full_clean(), takes the acting user explicitly and leaves an audit entry.

The organization is always passed in by the caller (from the request), never read from a form;
a department or membership of another organization is refused here as well as in the form."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from prongsai.audit.services import audit_record, diff, snapshot

from .models import Department, Membership, Organization

User = get_user_model()

PROFILE_FIELDS = [
    "kind", "base_name", "name_en", "subdistrict", "district", "province", "address", "postcode", "phone", "fax",
    "email", "doc_prefix", "thai_digits", "date_style",
]
MEMBERSHIP_FIELDS = ["role", "department", "position_title", "is_active"]
# Without look-alikes (0/O, 1/l/I) so a password read off a screen is typed right the first time.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_password(length: int = 14) -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


def _same_org(organization: Organization, *objects) -> None:
    for obj in objects:
        if obj is not None and obj.organization_id != organization.id:
            raise ValidationError({"department": _("ส่วนราชการที่เลือกไม่อยู่ในหน่วยงานนี้")})


@transaction.atomic
def organization_update(*, organization: Organization, acting_user, **values) -> Organization:
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    before = snapshot(organization, PROFILE_FIELDS)
    for name, value in values.items():
        setattr(organization, name, value)
    organization.full_clean()
    organization.save()
    changes = diff(before, snapshot(organization, PROFILE_FIELDS))
    if changes:
        audit_record(organization=organization, actor=acting_user, action="organization.update", target=organization,
                     changes=changes)
    return organization


@transaction.atomic
def department_save(*, organization: Organization, acting_user, department: Department | None = None,
                    name: str, position: int | None = None) -> Department:
    creating = department is None
    if creating:
        department = Department(organization=organization)
        last = Department.objects.filter(organization=organization).order_by("-position").first()
        department.position = (last.position + 1) if last else 0
    _same_org(organization, department)
    before = {} if creating else snapshot(department, ["name", "position"])
    department.name = name
    if position is not None:
        department.position = position
    if Department.objects.filter(organization=organization, name=name).exclude(pk=department.pk).exists():
        raise ValidationError({"name": _("มีส่วนราชการชื่อ “%(name)s” อยู่แล้ว กรุณาใช้ชื่ออื่น") % {"name": name}})
    department.full_clean()
    department.save()
    audit_record(organization=organization, actor=acting_user,
                 action="department.create" if creating else "department.update", target=department,
                 changes=diff(before, snapshot(department, ["name", "position"])))
    return department


def department_blockers(department: Department) -> dict[str, int]:
    """What still points at a department: issues it is responsible for and its members."""
    from prongsai.measures.models import IssueDepartment

    org = department.organization
    return {
        "issues": IssueDepartment.objects.filter(organization=org, department=department).count(),
        "members": Membership.objects.filter(organization=org, department=department).count(),
    }


@transaction.atomic
def department_delete(*, organization: Organization, acting_user, department: Department) -> None:
    _same_org(organization, department)
    blockers = department_blockers(department)
    if blockers["issues"]:
        raise ValidationError(_(
            "ลบ “%(name)s” ไม่ได้ เพราะยังเป็นผู้รับผิดชอบประเด็นในแผนมาตรการอยู่ %(n)s ประเด็น "
            "กรุณาเปลี่ยนผู้รับผิดชอบของประเด็นเหล่านั้นก่อน"
        ) % {"name": department.name, "n": blockers["issues"]})
    if blockers["members"]:
        raise ValidationError(_(
            "ลบ “%(name)s” ไม่ได้ เพราะยังมีสมาชิกสังกัดอยู่ %(n)s คน กรุณาย้ายสังกัดของสมาชิกก่อน"
        ) % {"name": department.name, "n": blockers["members"]})
    audit_record(organization=organization, actor=acting_user, action="department.delete", target=department,
                 changes={"name": [department.name, None]})
    try:
        department.delete()
    except ProtectedError as exc:
        # Another app's record still points at it (e.g. a complaint assigned to it).
        raise ValidationError(_(
            "ลบ “%(name)s” ไม่ได้ เพราะยังมีข้อมูลอื่นอ้างถึงอยู่ %(n)s รายการ (เช่น เรื่องร้องเรียนที่มอบหมายไว้)"
        ) % {"name": department.name, "n": len(exc.protected_objects)}) from exc


@transaction.atomic
def department_move(*, organization: Organization, acting_user, department: Department, direction: int) -> None:
    _same_org(organization, department)
    siblings = list(Department.objects.filter(organization=organization).order_by("position", "id"))
    index = next(i for i, d in enumerate(siblings) if d.pk == department.pk)
    other = index + direction
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for pos, dept in enumerate(siblings):
        if dept.position != pos:
            Department.objects.filter(pk=dept.pk).update(position=pos)
    audit_record(organization=organization, actor=acting_user, action="department.move", target=department,
                 changes={"position": [index + 1, other + 1]})


def find_user(identifier: str):
    """An existing account by username or e-mail (case-insensitive); None if none or ambiguous."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    by_name = User.objects.filter(username__iexact=identifier)
    if by_name.count() == 1:
        return by_name.get()
    if "@" in identifier:
        by_email = User.objects.filter(email__iexact=identifier)
        if by_email.count() == 1:
            return by_email.get()
    return None


def _membership_state(m: Membership) -> dict:
    return {"user": m.user.username, **snapshot(m, MEMBERSHIP_FIELDS)}


@transaction.atomic
def membership_add(*, organization: Organization, acting_user, user, role: str, department: Department | None = None,
                   position_title: str = "") -> Membership:
    _same_org(organization, department)
    if Membership.objects.filter(organization=organization, user=user).exists():
        raise ValidationError({"identifier": _("ผู้ใช้ “%(u)s” เป็นสมาชิกของหน่วยงานนี้อยู่แล้ว") % {"u": user.username}})
    membership = Membership(organization=organization, user=user, role=role, department=department,
                            position_title=position_title)
    membership.full_clean()
    membership.save()
    audit_record(organization=organization, actor=acting_user, action="membership.add", target=membership,
                 changes=diff({}, _membership_state(membership)))
    return membership


@transaction.atomic
def membership_create_user(*, organization: Organization, acting_user, username: str, title: str = "",
                           first_name: str, last_name: str, email: str = "", role: str,
                           department: Department | None = None, position_title: str = "") -> tuple[Membership, str]:
    """A new account and its membership; returns the generated password, which is never stored
    in clear and must be shown to the admin once."""
    _same_org(organization, department)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("ชื่อผู้ใช้ “%(u)s” มีผู้ใช้แล้ว หากเป็นคนเดียวกัน ให้เพิ่มด้วย"
                                             "ชื่อผู้ใช้เดิมแทน") % {"u": username}})
    if email and User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("อีเมลนี้มีบัญชีอยู่แล้ว หากเป็นคนเดียวกัน ให้เพิ่มด้วยอีเมลนี้แทน")})
    password = generate_password()
    user = User(username=username, title=title, first_name=first_name, last_name=last_name, email=email)
    user.set_password(password)
    user.full_clean()
    user.save()
    membership = membership_add(organization=organization, acting_user=acting_user, user=user, role=role,
                                department=department, position_title=position_title)
    audit_record(organization=organization, actor=acting_user, action="user.create", target=user,
                 changes={"username": [None, username]})
    return membership, password


def _admins_left(organization: Organization, excluding: Membership) -> int:
    return (Membership.objects.filter(organization=organization, role=Membership.Role.ADMIN, is_active=True)
            .exclude(pk=excluding.pk).count())


@transaction.atomic
def membership_update(*, organization: Organization, acting_user, membership: Membership, role: str,
                      department: Department | None, position_title: str = "", is_active: bool = True) -> Membership:
    _same_org(organization, membership, department)
    before = _membership_state(membership)
    losing_admin = membership.role == Membership.Role.ADMIN and membership.is_active and (
        role != Membership.Role.ADMIN or not is_active)
    if losing_admin and not _admins_left(organization, membership):
        raise ValidationError({"role": _("หน่วยงานต้องมีผู้ดูแลระบบอย่างน้อยหนึ่งคน กรุณาแต่งตั้งผู้ดูแลคนอื่นก่อน")})
    membership.role = role
    membership.department = department
    membership.position_title = position_title
    membership.is_active = is_active
    membership.full_clean()
    membership.save()
    changes = diff(before, _membership_state(membership))
    if changes:
        audit_record(organization=organization, actor=acting_user, action="membership.update", target=membership,
                     changes=changes)
    return membership


@transaction.atomic
def membership_remove(*, organization: Organization, acting_user, membership: Membership) -> None:
    """Removes the person from this organization only; their account and other memberships stay."""
    _same_org(organization, membership)
    if membership.role == Membership.Role.ADMIN and not _admins_left(organization, membership):
        raise ValidationError(_("นำผู้ดูแลระบบคนสุดท้ายออกไม่ได้ กรุณาแต่งตั้งผู้ดูแลคนอื่นก่อน"))
    audit_record(organization=organization, actor=acting_user, action="membership.remove", target=membership,
                 changes={k: [v, None] for k, v in _membership_state(membership).items()})
    membership.delete()
