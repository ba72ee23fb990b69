"""The audit trail page: coordinators and admins see who changed what, when, old → new."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from prongsai.measures.models import Issue, Plan
from prongsai.tenancy.access import PLAN_MANAGERS, staff_view
from prongsai.tenancy.models import Membership

from . import selectors

PAGE_SIZE = 50


def _int(value) -> int | None:
    from prongsai.core.thai import to_arabic_digits

    value = to_arabic_digits(value or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


@staff_view(*PLAN_MANAGERS)
def trail(request, org_slug):
    org = request.organization
    kind = request.GET.get("kind", "")
    if kind not in selectors.KINDS:
        kind = ""
    plans = list(Plan.objects.filter(organization=org).order_by("-fiscal_year"))
    plan_year = _int(request.GET.get("plan"))
    plan = next((p for p in plans if p.fiscal_year == plan_year), None)
    issue_id = _int(request.GET.get("issue"))
    # An id from another organization simply finds nothing: the lookup is scoped to this one.
    issue = Issue.objects.filter(organization=org, pk=issue_id).first() if issue_id else None
    members = Membership.objects.filter(organization=org).select_related("user").order_by("user__first_name")
    actor_id = _int(request.GET.get("actor"))
    if actor_id and not any(m.user_id == actor_id for m in members):
        actor_id = None
    entries = selectors.trail(organization=org, kind=kind, plan=plan, issue=issue, actor_id=actor_id)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.lines = selectors.change_lines(entry.changes)
        entry.type_label = selectors.type_label(entry.target_type)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/trail.html", {
        "page": page, "kinds": [(k, label) for k, (_t, label) in selectors.KINDS.items()], "kind": kind,
        "plans": plans, "plan": plan, "issue": issue, "members": members, "actor_id": actor_id,
        "query": query.urlencode(),
    })
