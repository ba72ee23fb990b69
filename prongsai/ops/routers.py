"""Read replicas for the public site (enabled by DATABASE_REPLICA_URL).

Anonymous GET/HEAD requests of public pages (no session cookie; not staff, accounts, admin) read
from the replica; everything else — staff, every write, a citizen's POST and the receipt it shows —
uses the primary, so nobody misses their own write. Replica lag only delays a new publication on
the public site by the lag (normally under a second)."""

from django.conf import settings

from .context import reads_from_replica

PRIMARY_ONLY_PREFIXES = ("/admin/", "/accounts/", "/health/", "/i18n/")


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return "replica" if reads_from_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Decides, before anything reads the database, whether this request may read the replica."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = "replica" in settings.DATABASES

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        path = request.path_info
        public = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "/staff/" not in path
            and not path.startswith(PRIMARY_ONLY_PREFIXES)
        )
        token = reads_from_replica.set(public)
        try:
            return self.get_response(request)
        finally:
            reads_from_replica.reset(token)
