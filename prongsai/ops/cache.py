"""Cache keys always carry the organization (`o<id>`, or `o-` outside a tenant route), so two
organizations can never read each other's cached values, whatever key an app chooses."""

from .context import current_organization_id


def make_key(key, key_prefix, version):
    org = current_organization_id.get()
    return f"{key_prefix}:{version}:o{org if org is not None else '-'}:{key}"
