"""Writes to the search index. Apps never call these: they send
`core.signals.public_content_changed` and `search/receivers.py` calls `sync`; a rebuild
(`manage.py rebuild_search_index`) asks every app's `search.py: documents()`."""

from __future__ import annotations

import datetime as dt
import logging
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from .models import SearchEntry
from .text import MAX_BODY_CHARS, attachment_text, display_text, index_tokens

logger = logging.getLogger(__name__)


def provider(source: str):
    """The `search` module of the app named in `source` ("<app>.<model>"), or None."""
    app = (source or "").split(".", 1)[0]
    if not app.isidentifier():
        return None
    for name in settings.PRONGSAI_APPS:
        if name.rsplit(".", 1)[-1] == app:
            try:
                return import_module(f"{name}.search")
            except ModuleNotFoundError as exc:
                if exc.name != f"{name}.search":
                    raise
                return None
    return None


def _category_label(module, category: str, doc: dict) -> str:
    """The category's display name: doc["category_label"], else the provider's
    `category_label(category)`, else the app's `categories.get(category).name` (the portal keeps
    its categories as data there), else the category key itself."""
    label = doc.get("category_label")
    if not label and module is not None and hasattr(module, "category_label"):
        label = module.category_label(category)
    if not label and module is not None and category:
        package = module.__name__.rsplit(".", 1)[0]
        try:
            found = import_module(f"{package}.categories").get(category)
            label = getattr(found, "name", None)
        except Exception:  # no such module or function: fall back to the key
            label = None
    return str(label or category or "")[:200]


def _published_at(value):
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, dt.date):
        return timezone.make_aware(dt.datetime.combine(value, dt.time()))
    return None


def entry_fields(doc: dict, *, module=None) -> dict:
    """The SearchEntry columns for one provider document (attachment text extracted here)."""
    title = display_text(str(doc.get("title") or ""))[:500]
    texts = [str(doc.get("body_text") or "")]
    for path in doc.get("attachments") or ():
        texts.append(attachment_text(str(path)))
    body = display_text(" ".join(t for t in texts if t))[:MAX_BODY_CHARS]
    category = str(doc.get("category") or "")[:100]
    year = doc.get("fiscal_year")
    return {
        "title": title,
        "body": body,
        "url": str(doc.get("url") or "")[:500],
        "category": category,
        "category_label": _category_label(module, category, doc),
        "fiscal_year": int(year) if year else None,
        "published_at": _published_at(doc.get("published_at")),
        "title_tokens": index_tokens(title),
        "body_tokens": index_tokens(body),
    }


@transaction.atomic
def index_document(*, organization, source: str, object_id, doc: dict, module=None) -> SearchEntry:
    fields = entry_fields(doc, module=module)
    entry, _created = SearchEntry.objects.update_or_create(
        organization=organization, source=source, object_id=str(object_id), defaults=fields
    )
    return entry


@transaction.atomic
def remove_document(*, organization, source: str, object_id) -> int:
    deleted, _ = SearchEntry.objects.filter(organization=organization, source=source, object_id=str(object_id)).delete()
    return deleted


def sync(*, organization, source: str, object_id) -> SearchEntry | None:
    """Bring one document's entry up to date with what its app says is public now."""
    module = provider(source)
    with scope(organization=organization):
        doc = module.document(organization=organization, source=source, object_id=object_id) if module else None
        if doc is None:
            remove_document(organization=organization, source=source, object_id=object_id)
            return None
        return index_document(organization=organization, source=source, object_id=object_id, doc=doc, module=module)


def _all_documents(organization):
    """(source, object_id, doc, module) from every app's `search.py: documents()`. Accepts
    both (source, object_id, doc) tuples and dicts carrying "source" and "object_id"."""
    for name in settings.PRONGSAI_APPS:
        try:
            module = import_module(f"{name}.search")
        except ModuleNotFoundError as exc:
            if exc.name != f"{name}.search":
                raise
            continue
        if not hasattr(module, "documents"):
            continue
        for item in module.documents(organization=organization):
            if isinstance(item, dict):
                doc = dict(item)
                yield doc.pop("source"), doc.pop("object_id"), doc, module
            else:
                source, object_id, doc = item
                yield source, object_id, doc, module


@transaction.atomic
def rebuild(*, organization) -> int:
    """Re-index every public document of one organization; entries no longer public go."""
    count = 0
    with scope(organization=organization):
        SearchEntry.objects.filter(organization=organization).delete()
        rows = []
        for source, object_id, doc, module in _all_documents(organization):
            if doc is None:
                continue
            rows.append(SearchEntry(organization=organization, source=source, object_id=str(object_id),
                                    **entry_fields(doc, module=module)))
            if len(rows) >= 500:
                SearchEntry.objects.bulk_create(rows)
                count += len(rows)
                rows = []
        SearchEntry.objects.bulk_create(rows)
        count += len(rows)
    return count
