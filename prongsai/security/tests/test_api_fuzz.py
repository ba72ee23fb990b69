"""schemathesis against /api/v1/openapi.json through the WSGI app: every operation of every app's
API (they are mounted automatically, so later APIs are covered too), with generated valid and
invalid input, for an existing organization. No answer may be a 5xx."""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

pytestmark = pytest.mark.django_db


def load_schema():
    # Eager (at collection): fetching the schema touches no database. (schemathesis' lazy
    # from_fixture loader does not work with pytest 9.)
    from prongsai.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


schema = load_schema()


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Calls go straight to the WSGI app, whose request signals would close the test's database
    connection (inside its transaction); the Django test client detaches them the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_api_never_answers_a_server_error(case, cast):
    cache.clear()  # rate limits would otherwise answer 429 before the interesting code runs
    if case.path_parameters and "org_slug" in case.path_parameters:
        case.path_parameters["org_slug"] = cast.org_a.slug
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}\n{response.text[:2000]}"
