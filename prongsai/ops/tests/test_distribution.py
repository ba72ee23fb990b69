"""Sharding readiness (docs/scale.md): every table the project adds either carries the tenant
column (organization_id: a Citus distributed table, co-located by organization) or is a small
shared reference table that holds no organization's data. Apps merged later are checked too."""

from django.apps import apps
from django.conf import settings

from prongsai.tenancy.models import Organization, TenantModel

# Shared by every organization: Citus reference tables (replicated to every node).
REFERENCE = {"accounts.User", "tenancy.Organization", "ita.Framework", "ita.Indicator", "ita.Instrument", "ita.OITItem"}


def project_models():
    labels = {a.rsplit(".", 1)[-1] for a in settings.PRONGSAI_APPS}
    return [m for m in apps.get_models(include_auto_created=True) if m._meta.app_label in labels and not m._meta.proxy]


def test_every_project_table_is_distributed_by_organization_or_a_reference_table():
    offenders = []
    for model in project_models():
        label = model._meta.label
        if issubclass(model, TenantModel) or label in REFERENCE:
            continue
        if model._meta.auto_created:  # a many-to-many link table
            targets = [f.related_model for f in model._meta.fields if f.is_relation]
            if not any(issubclass(t, TenantModel) for t in targets):  # e.g. users ↔ auth groups
                continue
            offenders.append(f"{label}: many-to-many link to a tenant table without organization_id "
                             "(use an explicit through model that inherits TenantModel)")
            continue
        offenders.append(f"{label}: neither a TenantModel nor a listed reference table")
    assert not offenders, "\n".join(offenders)


def test_reference_tables_never_point_at_an_organizations_rows():
    for label in REFERENCE:
        model = apps.get_model(label)
        for f in model._meta.get_fields():
            if f.is_relation and f.concrete and f.related_model is not None:
                assert not issubclass(f.related_model, TenantModel), f"{label}.{f.name} → {f.related_model._meta.label}"
                assert f.related_model is not Organization or label == "tenancy.Organization", f"{label}.{f.name}"
