"""The organization of the request being served, for code that has no request at hand (the cache
key function). Set by tenancy.middleware.OrganizationMiddleware; None outside a tenant route."""

from contextvars import ContextVar

current_organization_id: ContextVar[int | None] = ContextVar("current_organization_id", default=None)

# True while serving a request whose reads may go to a read replica (anonymous GET of a public page).
reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)
