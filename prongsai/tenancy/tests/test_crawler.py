"""The tenancy crawler: every route under /<org_slug>/ (found by walking the URL resolver, so
routes added later by any app are covered without touching this file), requested by staff of
organization A in every role, GET and POST, with the ids and keys of organization B's rows.

World: the demo. B = the main demo organization (อบต.กำปัง, data from every app's demo), A = the
second demo organization, with one member per role (each also designated as a corruption-report
officer, so the officer-only routes reach their object lookup).

Two passes:
- B's slug with B's ids (A's staff are not members of B): every staff route answers 404 (405 for
  a GET to a POST-only view, which is decided before any lookup); public routes may show B's
  public pages, but nothing of B changes.
- A's slug with B's ids: every object-scoped route answers exactly as it does for an id that
  does not exist at all (404, or a 403/405 decided before the lookup), so B's objects are
  indistinguishable from missing ones; nothing of B changes.

"Nothing of B changes" is checked on a fingerprint of every row of B in every TenantModel table
(row counts and contents), taken before and after each route's requests.

Filling route kwargs with B's ids goes by convention (see `resolve_kwarg`): `pk` is the object
named by the path segment before it (".../bookings/<int:pk>/" → Booking) or by the URL name
("complaint_detail" → Complaint); `<x>_pk`/`<x>_id` name their model; a str kwarg such as
`code` is the field of that name. Odd names are in OVERRIDES; parameters that are not object
keys (a year of statistics, a register kind) in FREE. A route whose kwargs cannot be filled must
be listed, with a reason, in UNFILLABLE — so a new route is either filled or reviewed."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import itertools
import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_scopes import scopes_disabled

from prongsai.accounts.models import User
from prongsai.tenancy.models import Department, Membership, Organization, TenantModel

pytestmark = pytest.mark.django_db(transaction=False)

ORG_KWARGS = {"org_slug"}
# The JSON API names the organization `slug` (/api/v1/organizations/{slug}/…).
ORG_KWARGS_BY_NAMESPACE = {"api": {"slug", "org_slug"}}
MISSING_INT = 987654321
MISSING_STR = "zz-missing-key-0000"


def _lazy_register_kinds():
    from prongsai.training.views import REGISTERS

    return {kind: spec[0] for kind, spec in REGISTERS.items()}


# (namespace:url_name or namespace:*, kwarg) → "app_label.Model" or ("app_label.Model", field)
OVERRIDES = {
    ("complaints:comment_moderate", "pk"): "complaints.Topic",
    ("complaints:complaint_file", "file_pk"): "complaints.ComplaintAttachment",
    ("eservice:attachment", "att"): "eservice.RequestAttachment",
    ("preassessment:add_issue", "pk"): "preassessment.Survey",
    ("preassessment:answer_iit", "pk"): "preassessment.Survey",
    ("preassessment:answer_eit", "token"): ("preassessment.Survey", "public_token"),
    ("measures:*", "year"): ("measures.Plan", "fiscal_year"),
    ("api:*", "fiscal_year"): ("measures.Plan", "fiscal_year"),
    ("api:publication_detail", "pub_id"): "portal.Publication",
    ("reports:*", "pk"): "reports.Document",
    ("portal:staff_question", "pk"): "portal.FaqEntry",
    ("portal:staff_question_delete", "pk"): "portal.FaqEntry",
}
# Parameters that are not keys of an object: (namespace:url_name, kwarg) → values to use.
FREE = {
    ("preassessment:add_issue", "number"): [1],  # an indicator number of the framework
    ("training:*", "kind"): lambda: sorted(_lazy_register_kinds()),  # which register; pk follows
    # By name, in every app: a fiscal year (a filter or a framework year, not an object of B — where a
    # year IS the key of an organization's object, as for plans, OVERRIDES maps it to the model), a file
    # format suffix, a position within a parent object.
    ("*:*", "year"): [2566],
    ("*:*", "fmt"): ["pdf", "xlsx"],
    ("*:*", "position"): [0],
    # Publication categories and OIT item codes are the same for every organization (data files).
    ("portal:*", "category"): ["news"],
    ("oit:*", "code"): ["O1"],
    ("reports:template_edit", "kind"): ["round"],  # a document kind (reports.Kind), not a row
    ("portal:staff_page", "kind"): ["structure"],  # a fixed kind of page (portal.InfoPage.Kind)
}
# The model of a kwarg that depends on another kwarg: (namespace:*, kwarg) → fn(kwargs so far) → model
DEPENDENT = {
    (f"training:{name}", "pk"): lambda kw: _lazy_register_kinds().get(kw.get("kind"))
    for name in ("record_detail", "record_edit", "attach_evidence")
}
# Routes whose kwargs cannot be filled, with the reason (reviewed). Keep empty if possible.
UNFILLABLE: dict[str, str] = {}
# Routes exempt from the checks, with the reason (reviewed).
SKIPPED: dict[str, str] = {}


@dataclass
class Route:
    route: str  # e.g. "<slug:org_slug>/staff/plans/<int:year>/"
    namespace: str
    name: str

    @property
    def key(self) -> str:
        return f"{self.namespace}:{self.name}"

    @property
    def kwargs(self) -> list[tuple[str, str]]:
        """[(converter, name)] in order, without the organization."""
        org_kwargs = ORG_KWARGS_BY_NAMESPACE.get(self.namespace, ORG_KWARGS)
        return [(conv or "str", name) for conv, name in re.findall(r"<(?:(\w+):)?(\w+)>", self.route)
                if name not in org_kwargs]

    @property
    def org_kwarg(self) -> str:
        org_kwargs = ORG_KWARGS_BY_NAMESPACE.get(self.namespace, ORG_KWARGS)
        return next(name for _, name in re.findall(r"<(?:(\w+):)?(\w+)>", self.route) if name in org_kwargs)

    @property
    def is_staff(self) -> bool:
        rest = self.route.split(">/", 1)[1] if self.route.startswith("<") else ""
        return rest.startswith("staff/")

    def url(self, org_slug: str, values: dict) -> str:
        def sub(match):
            name = match.group(2)
            return str(org_slug if name == self.org_kwarg else values[name])

        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", sub, self.route)


def tenant_routes() -> list[Route]:
    """Every URL pattern that carries an organization in its route, from the live resolver."""
    found = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if "^" in route or "(?P" in route:
                    continue  # regex routes (admin, media) carry no organization
                names = {name for _, name in re.findall(r"<(?:(\w+):)?(\w+)>", route)}
                if names & ORG_KWARGS_BY_NAMESPACE.get(namespace or "", ORG_KWARGS):
                    found.append(Route(route, namespace or "", p.name or ""))

    walk(get_resolver().url_patterns, "", None)
    return found


def _tenant_models():
    return [m for m in apps.get_models() if issubclass(m, TenantModel) and not m._meta.abstract]


def _singular(token: str) -> str:
    token = token.replace("-", "").replace("_", "").lower()
    return token[:-1] if token.endswith("s") and not token.endswith("ss") else token


def _match_model(token: str, app_label: str):
    token = _singular(token)
    if not token:
        return None
    models = [m for m in _tenant_models() if m._meta.app_label == app_label]
    for test in (lambda n: n == token, lambda n: n.endswith(token), lambda n: n.startswith(token)):
        hits = [m for m in models if test(m.__name__.lower())]
        if len(hits) == 1:
            return hits[0]
    return None


def _lookup(table, route: Route, kwarg: str):
    for key in ((route.key, kwarg), (f"{route.namespace}:*", kwarg), ("*:*", kwarg)):
        if key in table:
            return table[key]
    return None


@dataclass
class Spec:
    kind: str  # "model", "free", "dependent"
    model: type | None = None
    field: str = "pk"
    values: list = dataclasses.field(default_factory=list)
    fn: object = None


def resolve_kwarg(route: Route, converter: str, kwarg: str) -> Spec | None:
    override = _lookup(OVERRIDES, route, kwarg)
    if override is not None:
        label, fld = (override, "pk") if isinstance(override, str) else override
        return Spec("model", apps.get_model(label), fld)
    free = _lookup(FREE, route, kwarg)
    if free is not None:
        return Spec("free", values=list(free() if callable(free) else free))
    dependent = _lookup(DEPENDENT, route, kwarg)
    if dependent is not None:
        return Spec("dependent", fn=dependent)
    app_label = route.namespace
    if kwarg == "pk" or kwarg.endswith(("_pk", "_id")):
        tokens = []
        if kwarg != "pk":
            tokens.append(kwarg.rsplit("_", 1)[0])
        before = re.search(r"([\w-]+)/<(?:\w+:)?" + kwarg + ">", route.route)
        if before and not before.group(1).startswith("<"):
            tokens.append(before.group(1))
        if kwarg == "pk":
            tokens += route.name.split("_")
        for token in tokens:
            model = _match_model(token, app_label)
            if model is not None:
                return Spec("model", model, "pk")
        return None
    # A key field, e.g. <str:code> → the model of this app with a field named "code".
    before = re.search(r"([\w-]+)/<(?:\w+:)?" + kwarg + ">", route.route)
    preferred = _match_model(before.group(1), app_label) if before else None
    candidates = [m for m in _tenant_models() if m._meta.app_label == app_label
                  and any(f.name == kwarg for f in m._meta.fields)]
    if preferred in candidates:
        return Spec("model", preferred, kwarg)
    if len(candidates) == 1:
        return Spec("model", candidates[0], kwarg)
    return None


def route_specs(route: Route) -> dict[str, Spec] | None:
    specs = {}
    for converter, kwarg in route.kwargs:
        spec = resolve_kwarg(route, converter, kwarg)
        if spec is None:
            return None
        specs[kwarg] = spec
    return specs


def _values(model, fld, org, limit=2):
    qs = model._default_manager.filter(organization=org).order_by("pk")
    values = list(dict.fromkeys(qs.values_list(fld, flat=True)))
    values = [v for v in values if v not in (None, "")]
    return values[:1] + values[-1:] if len(values) > 1 and limit == 2 else values[:limit]


def combos(route: Route, specs: dict[str, Spec], org) -> list[tuple[dict, dict]]:
    """[(kwargs with org's ids, the same kwargs with every object id replaced by a missing one)]."""
    partial: list[tuple[dict, dict]] = [({}, {})]
    for _converter, kwarg in route.kwargs:
        spec = specs[kwarg]
        grown = []
        for real, fake in partial:
            if spec.kind == "free":
                grown += [({**real, kwarg: v}, {**fake, kwarg: v}) for v in spec.values]
                continue
            model, fld = (spec.model, spec.field) if spec.kind == "model" else (spec.fn(real), "pk")
            if model is None:
                continue
            grown += [({**real, kwarg: v}, {**fake, kwarg: MISSING_INT if isinstance(v, int) else MISSING_STR})
                      for v in _values(model, fld, org)]
        partial = grown
    return partial[:12]


def fingerprint(org) -> dict[str, str]:
    """model label → digest of all of org's rows (contents and count)."""
    out = {}
    for model in _tenant_models():
        rows = list(model._default_manager.filter(organization=org).order_by("pk").values_list())
        out[model._meta.label] = f"{len(rows)}:" + hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    return out


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from cryptography.fernet import Fernet

    settings.ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    call_command("load_demo", stdout=io.StringIO())
    b = Organization.objects.get(slug="kampang")
    a = Organization.objects.get(slug="thungsawang")
    _complete(b)
    dept = Department.objects.filter(organization=a).first()
    users = {}
    for role in Membership.Role.values:
        user = User.objects.create(username=f"crawler-{role}")
        membership = Membership.objects.create(organization=a, user=user, role=role, department=dept)
        _grant_everything(a, membership)
        users[role] = user
    return a, b, users


def _complete(org) -> None:
    """Rows the demo does not have, so every object route has something of B to try."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from prongsai.complaints import services as complaints
    from prongsai.complaints.forms import clean_evidence_upload
    from prongsai.complaints.models import Complaint, CorruptionReport

    def png():
        buf = io.BytesIO()
        Image.new("RGB", (4, 4), "white").save(buf, "PNG")
        return clean_evidence_upload(SimpleUploadedFile("x.png", buf.getvalue(), content_type="image/png"))

    complaint = Complaint.objects.filter(organization=org).first()
    complaints.complaint_attachment_add(complaint=complaint, upload=png())
    report = CorruptionReport.objects.filter(organization=org).exclude(status=CorruptionReport.Status.CONCLUDED).first()
    complaints.report_evidence_add(report=report, upload=png())

    from prongsai.eservice import services as eservice
    from prongsai.eservice.models import ServiceRequest

    eservice._store_attachment(ServiceRequest.objects.filter(organization=org).first(), "photo", png())

    from prongsai.measures import services as measures
    from prongsai.measures.models import RoundResult
    from prongsai.tenancy.models import Membership

    result = RoundResult.objects.filter(organization=org).first()
    coordinator = Membership.objects.filter(organization=org, role=Membership.Role.COORDINATOR).first().user
    measures.evidence_add(result=result, acting_user=coordinator, title="หลักฐานทดสอบ", url="https://example.org/x")


def _grant_everything(org, membership) -> None:
    """Designations beyond the role, so officer-only routes reach their object lookups."""
    from prongsai.complaints.models import ComplaintOfficer

    ComplaintOfficer.objects.create(organization=org, membership=membership)


def _clients(users):
    out = {}
    for role, user in users.items():
        c = Client(raise_request_exception=False)
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        out[role] = c
    return out


def _request(client, method, url):
    cache.clear()  # rate limits must not decide the answer
    return client.get(url) if method == "GET" else client.post(url, {})


def test_every_route_is_either_fillable_or_reviewed():
    routes = tenant_routes()
    assert len(routes) > 20  # the walker found the apps' routes
    unfillable = {r.key for r in routes if r.kwargs and route_specs(r) is None}
    assert unfillable == set(UNFILLABLE), (
        "Routes whose kwargs the crawler cannot fill (add an OVERRIDES/FREE/DEPENDENT entry, "
        f"or list them in UNFILLABLE with a reason): {sorted(unfillable - set(UNFILLABLE))}; "
        f"listed but now fillable or gone: {sorted(set(UNFILLABLE) - unfillable)}")
    keys = {r.key for r in routes} | {f"{r.namespace}:*" for r in routes} | {"*:*"}
    stale = [k for k, _ in [*OVERRIDES, *FREE, *DEPENDENT] if k not in keys] + [k for k in SKIPPED if k not in keys]
    assert not stale, f"override entries for routes that no longer exist: {stale}"


def test_the_convention_maps_kwargs_to_the_right_models():
    def model_of(key, kwarg):
        route = next(r for r in tenant_routes() if r.key == key)
        spec = route_specs(route)[kwarg]
        return spec.model._meta.label if spec.model else spec.kind

    assert model_of("tenancy:department_edit", "pk") == "tenancy.Department"
    assert model_of("tenancy:member_edit", "pk") == "tenancy.Membership"
    assert model_of("complaints:complaint_detail", "pk") == "complaints.Complaint"
    assert model_of("complaints:report_evidence_file", "pk") == "complaints.CorruptionReport"
    assert model_of("complaints:report_evidence_file", "evidence_pk") == "complaints.ReportEvidence"
    assert model_of("lending:photo_remove", "pk") == "lending.LendableItem"
    assert model_of("lending:photo_remove", "photo_pk") == "lending.ItemPhoto"
    assert model_of("lending:booking_status", "code") == "lending.Booking"
    assert model_of("measures:plan_detail", "year") == "measures.Plan"


def crawl(routes, a, b, users) -> tuple[list[str], dict]:
    """Request every route as each of `users` (staff of a) with b's ids; return the failures."""
    clients = _clients(users)
    failures, report = [], {"requests": 0, "routes": 0, "object_routes": 0, "no_rows_in_b": []}
    with scopes_disabled():
        before = fingerprint(b)
    for route in routes:
        specs = route_specs(route)
        if specs is None:
            continue  # reviewed in UNFILLABLE
        with scopes_disabled():
            pairs = combos(route, specs, b) if route.kwargs else [({}, {})]
        if route.kwargs and not pairs:
            report["no_rows_in_b"].append(route.key)
            continue
        report["routes"] += 1
        object_scoped = any(s.kind != "free" for s in specs.values())
        report["object_routes"] += object_scoped
        for (real, fake), (role, client), method in itertools.product(pairs, clients.items(), ("GET", "POST")):
            # 1. B's slug, B's ids: A's staff are not members of B.
            url = route.url(b.slug, real)
            status = _request(client, method, url).status_code
            report["requests"] += 1
            if status >= 500 or (route.is_staff and status not in (404, 405)) \
                    or (route.is_staff and status == 405 and method == "POST"):
                failures.append(f"{method} {url} as {role} of A → {status}")
            # 2. A's slug, B's ids: the same answer as for an id that does not exist.
            if object_scoped:
                url = route.url(a.slug, real)
                status = _request(client, method, url).status_code
                baseline = _request(client, method, route.url(a.slug, fake)).status_code
                report["requests"] += 2
                if status != baseline or status not in (403, 404, 405):
                    failures.append(f"{method} {url} as {role} of A → {status} (missing id → {baseline})")
        with scopes_disabled():
            after = fingerprint(b)
        changed = [label for label in before if before[label] != after[label]]
        if changed:
            failures.append(f"{route.key}: rows of B changed in {changed}")
            before = after
    return failures, report


def test_staff_of_a_get_404_for_every_object_of_b_and_change_nothing(world):
    a, b, users = world
    routes = [r for r in tenant_routes() if r.key not in SKIPPED]
    failures, report = crawl(routes, a, b, users)
    print(f"\ncrawler: {report['routes']} routes ({report['object_routes']} object-scoped), "
          f"{report['requests']} requests; routes with no rows of B to try: {report['no_rows_in_b']}")
    assert not failures, "\n".join(failures[:60])
    assert report["object_routes"] >= 30
    # Every object route found rows of B to try, so the demo exercises them all.
    assert report["no_rows_in_b"] == []


# --- the crawler catches a leak (a deliberately broken view, in a test-only URLconf) --------------


def _leaky_view(request, org_slug, pk):
    """Reads and renames a department of ANY organization: what the crawler must catch."""
    from django.http import HttpResponse

    with scopes_disabled():
        dept = Department.objects.get(pk=pk)
        if request.method == "POST":
            Department.objects.filter(pk=pk).update(name=dept.name + "!")
    return HttpResponse(dept.name)


def test_the_crawler_catches_a_view_that_leaks_and_writes_across_tenants(cast, settings):
    import sys
    import types

    from django.urls import clear_url_caches, include, path

    leaky = types.ModuleType("prongsai_leaky_urls")
    leaky.app_name = "tenancy"
    leaky.urlpatterns = [path("staff/leaky/departments/<int:pk>/", _leaky_view, name="leaky")]
    root = types.ModuleType("prongsai_leaky_root")
    root.urlpatterns = [path("<slug:org_slug>/", include((leaky.urlpatterns, "tenancy")))]
    sys.modules["prongsai_leaky_root"] = root
    settings.ROOT_URLCONF = "prongsai_leaky_root"
    clear_url_caches()
    try:
        routes = tenant_routes()
        assert [r.key for r in routes] == ["tenancy:leaky"]
        failures, report = crawl(routes, cast.org_a, cast.org_b, {"coordinator": cast.alice})
    finally:
        clear_url_caches()
    assert report["object_routes"] == 1
    assert any(f"/alpha/staff/leaky/departments/{cast.office_b.pk}/ as coordinator of A → 200 (missing id → 500)" in f
               for f in failures), failures
    assert any("rows of B changed in ['tenancy.Department']" in f for f in failures), failures
