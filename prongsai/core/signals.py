"""Signals shared between apps, so that an app can react to another without importing it.

`public_content_changed` is sent (after the transaction commits: use
`transaction.on_commit(lambda: public_content_changed.send(...))`) whenever something visible on
the public site is published, changed, withdrawn or deleted. Keyword arguments:
  organization — the Organization it belongs to,
  source       — "<app>.<model>" in lower case, e.g. "portal.publication",
  object_id    — the primary key of the row.
The search index listens to it; the app named in `source` provides
`<app>/search.py: document(*, organization, source, object_id) -> dict | None` (None: not public).
"""

from django.dispatch import Signal

public_content_changed = Signal()
