"""Access helpers: the one path by which views reach tenant data and check roles.

- `staff_view(...)` guards a staff page: anonymous → login, not a member of this
  organization → 404 (the same answer as a missing page, so nothing leaks), wrong role → 403.
- `get_owned(model, request, **lookup)` fetches one object of the request's organization or
  raises 404 for both "missing" and "not yours"."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import Membership

Role = Membership.Role
ALL_ROLES = tuple(Role.values)
PLAN_MANAGERS = (Role.ADMIN, Role.COORDINATOR)


def staff_view(*roles: str):
    """Decorator for staff pages. With no roles, any member may enter."""
    allowed = set(roles) if roles else set(ALL_ROLES)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if request.organization is None or request.membership is None:
                raise Http404(_("ไม่พบหน้าที่ต้องการ"))
            if request.membership.role not in allowed:
                raise PermissionDenied(_("บทบาทของคุณไม่มีสิทธิ์ทำรายการนี้"))
            return view(request, *args, **kwargs)

        wrapper.staff_roles = allowed
        return wrapper

    return decorator


def get_owned(model_or_qs, request, **lookup):
    qs = model_or_qs._default_manager.all() if hasattr(model_or_qs, "_default_manager") else model_or_qs
    return get_object_or_404(qs.filter(organization=request.organization), **lookup)


def require(condition: bool, message: str | None = None) -> None:
    if not condition:
        raise PermissionDenied(message or _("บทบาทของคุณไม่มีสิทธิ์ทำรายการนี้"))
