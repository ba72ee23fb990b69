"""Keeps the index in step with `core.signals.public_content_changed`."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from prongsai.core.signals import public_content_changed

from . import services

logger = logging.getLogger(__name__)


@receiver(public_content_changed, dispatch_uid="search.public_content_changed")
def on_public_content_changed(sender=None, *, organization, source, object_id, **kwargs):
    # Sent after the change committed: a failure here must not turn the editor's saved
    # change into an error page. The entry stays as it was until the next save or rebuild.
    try:
        services.sync(organization=organization, source=source, object_id=object_id)
    except Exception:
        logger.exception("search: could not index %s %s of %s", source, object_id, organization)
