"""The search index: one SearchEntry per public document of an organization.

The full-text part lives beside this table and is kept in step by the database itself:
SQLite — an FTS5 table `search_fts` (external content over this table, kept by triggers);
PostgreSQL — a generated `tsv` tsvector column with a GIN index. Both are created by the
vendor-guarded migration 0002 and read only by `search/engine.py`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.tenancy.models import TenantModel


class SearchEntry(TenantModel):
    source = models.CharField(max_length=60)  # "<app>.<model>", e.g. "portal.publication"
    object_id = models.CharField(max_length=64)
    title = models.CharField(_("ชื่อเรื่อง"), max_length=500)
    body = models.TextField(blank=True)  # display text: body and attachment text, for snippets
    url = models.CharField(max_length=500)
    category = models.CharField(max_length=100, blank=True)
    category_label = models.CharField(max_length=200, blank=True)
    fiscal_year = models.PositiveIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Segmented, normalised tokens (see search/text.py): what the full-text index reads.
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "source", "object_id"], name="searchentry_unique_object")
        ]
        # Covers the filter menus (category, label, year of one organization) without reading rows.
        indexes = [models.Index(fields=["organization", "category", "fiscal_year", "category_label"],
                                name="searchentry_filters")]
        verbose_name = _("รายการในดัชนีค้นหา")

    def __str__(self) -> str:
        return self.title
