"""No double booking when two requests for overlapping dates arrive at the same moment:
exactly one wins, on SQLite (serialised writers) and on PostgreSQL (row lock + exclusion
constraint). Runs on whichever database the suite runs on; the suite runs on both."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import (
    IntegrityError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django_scopes import scopes_disabled

from prongsai.lending import services
from prongsai.lending.models import Booking

from .conftest import days, request_data


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_for_the_same_dates_exactly_one_wins(cast, tent):
    barrier = threading.Barrier(2)
    results = []

    def request(name, start, end):
        # The test database on SQLite is in memory with a shared cache, where a writer that finds
        # the lock taken gets "database table is locked" at once instead of waiting for the busy
        # timeout as it does with the file database of a real deployment: wait and retry here,
        # as the busy timeout would.
        for _ in range(200):
            try:
                return services.booking_request(item=tent, data=request_data(start, end, name=name))
            except OperationalError as exc:
                if "locked" not in str(exc):
                    raise
                time.sleep(0.01)
        raise AssertionError("the database stayed locked")

    def attempt(name, start, end):
        try:
            with scopes_disabled():
                barrier.wait(timeout=10)
                request(name, start, end)
            results.append("won")
        except ValidationError as exc:
            assert "มีผู้จองแล้ว" in exc.messages[0]
            results.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=attempt, args=("ก", days(3), days(5))),
               threading.Thread(target=attempt, args=("ข", days(5), days(6)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == ["refused", "won"]
    assert Booking.objects.filter(item=tent).count() == 1


@pytest.mark.django_db
def test_the_database_itself_refuses_an_overlapping_row_on_postgresql(cast, tent):
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL; SQLite relies on serialised writers")
    Booking.objects.create(organization=cast.org_a, item=tent, code="A1", start_date=days(1), end_date=days(3),
                           borrower_name="x", purpose="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(organization=cast.org_a, item=tent, code="A2", start_date=days(3), end_date=days(4),
                               borrower_name="y", purpose="y")
    # A rejected booking does not hold its dates.
    Booking.objects.create(organization=cast.org_a, item=tent, code="A3", start_date=days(2), end_date=days(2),
                           borrower_name="z", purpose="z", status="rejected")
