"""Thai display helpers: Buddhist-era dates and Thai digits.

Datetimes are stored timezone-aware in UTC; conversion to Thai time and the Buddhist era
happens only here, at display."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit, thai_strftime

BE_OFFSET = 543


def to_thai_digits(value) -> str:
    return arabic_digit_to_thai_digit(str(value))


def to_arabic_digits(value: str) -> str:
    """Accept Thai digits wherever digits are typed."""
    return thai_digit_to_arabic_digit(value) if value else value


def digits(value, thai: bool) -> str:
    return to_thai_digits(value) if thai else str(value)


def _as_date(value) -> dt.date | dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def thai_date(value, *, thai_digits: bool = True, style: str = "long") -> str:
    """long: ๑๐ เมษายน ๒๕๖๖ · short: ๓๑ มี.ค. ๖๖ (as in official tables) ·
    medium: ๓๑ มี.ค. ๒๕๖๖ · datetime: ๑๐ เม.ย. ๒๕๖๖ ๑๔:๓๐ น."""
    value = _as_date(value)
    if value is None:
        return ""
    fmt = {
        "long": "%-d %B %Y",
        "short": "%-d %b %y",
        "medium": "%-d %b %Y",
        "datetime": "%-d %b %Y %H:%M น.",
    }[style]
    return thai_strftime(value, fmt, thaidigit=thai_digits)


def fiscal_year_of(day: dt.date) -> int:
    """Thai government fiscal year (Buddhist era): 1 Oct of the previous year – 30 Sep."""
    return day.year + BE_OFFSET + (1 if day.month >= 10 else 0)


def fiscal_year_bounds(fiscal_year: int) -> tuple[dt.date, dt.date]:
    ce = fiscal_year - BE_OFFSET
    return dt.date(ce - 1, 10, 1), dt.date(ce, 9, 30)


def parse_thai_number(value: str) -> str:
    """Normalise a typed number: Thai digits, spaces and thousands separators."""
    return to_arabic_digits(value or "").replace(",", "").strip()
