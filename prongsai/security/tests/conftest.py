import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_scopes import scopes_disabled

from prongsai.core.antiabuse import GuardedFormMixin


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo (two organizations with data in every app), loaded once per module inside a
    transaction that is rolled back at the end, so other tests never see it."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), scopes_disabled():
        with transaction.atomic():
            call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
            yield "kampang"
            transaction.set_rollback(True)


@pytest.fixture
def humans(monkeypatch):
    """Forms' minimum fill time off: the tests are the fastest 'citizens' there are."""
    monkeypatch.setattr(GuardedFormMixin, "min_fill_seconds", -1)
