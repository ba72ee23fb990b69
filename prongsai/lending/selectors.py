"""Reads for lending pages: the registry, the month calendar of an item, staff queues."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from .models import HOLDING, Booking, ItemPhoto, LendableItem, Procedure

WEEKDAYS_SUNDAY_FIRST = 6  # calendar.Calendar(firstweekday=6): Thai wall calendars start on Sunday


def public_items(*, organization):
    return (
        LendableItem.objects.filter(organization=organization, is_active=True)
        .select_related("responsible__user", "department")
        .prefetch_related(Prefetch("photos", queryset=ItemPhoto.objects.order_by("position", "id")))
    )


def staff_items(*, organization):
    return LendableItem.objects.filter(organization=organization).select_related(
        "responsible__user", "second_approver__user", "department")


def procedure_for(*, organization) -> Procedure | None:
    return Procedure.objects.filter(organization=organization).first()


@dataclass
class Day:
    date: dt.date | None
    busy: bool = False
    past: bool = False
    today: bool = False


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def month_calendar(*, item: LendableItem, year: int, month: int, today: dt.date) -> dict:
    """Weeks of the month (Sunday first), each day marked busy when a booking holds it, plus
    the list of bookings in the month for the accessible listing (no personal data)."""
    first, last = month_bounds(year, month)
    bookings = list(
        Booking.objects.filter(organization=item.organization, item=item, status__in=HOLDING,
                               start_date__lte=last, end_date__gte=first).order_by("start_date")
    )
    busy = set()
    for b in bookings:
        day = max(b.start_date, first)
        while day <= min(b.end_date, last):
            busy.add(day)
            day += dt.timedelta(days=1)
    weeks = []
    for week in calendar.Calendar(firstweekday=WEEKDAYS_SUNDAY_FIRST).monthdatescalendar(year, month):
        weeks.append([
            Day(date=d, busy=d in busy, past=d < today, today=d == today) if d.month == month else Day(date=None)
            for d in week
        ])
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = last + dt.timedelta(days=1)
    return {"weeks": weeks, "bookings": bookings, "first": first, "prev": prev_month, "next": next_month,
            "free_days": sum(1 for w in weeks for d in w if d.date and not d.busy and not d.past)}


def staff_bookings(*, organization, view: str, user, today: dt.date):
    qs = Booking.objects.filter(organization=organization).select_related(
        "item__responsible__user", "item__second_approver__user")
    if view == "mine":
        qs = qs.filter(status=Booking.Status.PENDING).filter(
            Q(step=1, item__responsible__user=user) | Q(step=2, item__second_approver__user=user))
    elif view == "overdue":
        qs = qs.filter(status=Booking.Status.HANDED_OVER, end_date__lt=today)
    elif view == "active":
        qs = qs.filter(status__in=HOLDING)
    return qs.order_by("-start_date", "-id")
