"""Read replica routing: anonymous public GETs read the replica; staff, sessions and every write use
the primary. Two SQLite files stand in for primary and replica, holding different names for the
same organization, so the page shows which database it read."""

import json

from .procs import fresh_database, manage

CHECK = r"""
import json
from django.test import Client
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled
from prongsai.tenancy.models import Organization
out = {}
anon = Client()
out["anonymous_get"] = anon.get("/alpha/complaints/").content.decode()
with scopes_disabled():
    user = get_user_model().objects.create_user("staffer", password="pw-123-long-enough")
logged = Client()
logged.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
out["session_get"] = logged.get("/alpha/complaints/").content.decode()
out["users_on_primary"] = get_user_model().objects.using("default").filter(username="staffer").count()
print("RESULT " + json.dumps({k: ("PRIMARY" if "ต้นฉบับ" in v else "REPLICA" if "สำเนา" in v else v) if isinstance(v, str) else v
                               for k, v in out.items()}))
"""


def test_anonymous_public_reads_go_to_the_replica(tmp_path):
    with fresh_database(tmp_path, "primary", vendor="sqlite") as primary, fresh_database(tmp_path, "replica", vendor="sqlite") as replica:
        for env, name in ((primary, "ต้นฉบับ"), (replica, "สำเนา")):
            manage(env, "migrate", "--noinput", "-v0")
            manage(env, "shell", "-c", "from prongsai.tenancy.models import Organization; "
                                       f"Organization.objects.create(slug='alpha', base_name='{name}')")
        env = {**primary, "DATABASE_REPLICA_URL": f"sqlite:///{tmp_path / 'replica' / 'prongsai.sqlite3'}"}
        out = manage(env, "shell", "-c", CHECK)
        result = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT "))[7:])
        assert result == {"anonymous_get": "REPLICA", "session_get": "PRIMARY", "users_on_primary": 1}
