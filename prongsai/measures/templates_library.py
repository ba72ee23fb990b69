"""The issue template library: YAML files in issue_templates/, shared by every organization.
Placeholders are replaced as plain text — template text is never evaluated as code."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import yaml

from prongsai.core.thai import digits

TEMPLATE_DIR = Path(__file__).resolve().parent / "issue_templates"


@cache
def template_sets() -> dict[str, dict]:
    sets = {}
    for path in sorted(TEMPLATE_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, issue in enumerate(data["issues"]):
            issue["key"] = f"{data['set']}:{i}"
        sets[data["set"]] = data
    return sets


def all_templates() -> list[dict]:
    return [issue for data in template_sets().values() for issue in data["issues"]]


def get_template(key: str) -> dict | None:
    return next((t for t in all_templates() if t["key"] == key), None)


def fill(text: str, *, organization, fiscal_year: int) -> str:
    return text.replace("{หน่วยงาน}", organization.short_name).replace(
        "{ปีงบประมาณ}", digits(fiscal_year, organization.thai_digits)
    )


def due_in_year(month_day: str, fiscal_year: int) -> dt.date:
    """'03-31' in fiscal year 2566 → 2023-03-31 (Oct–Dec fall in the previous calendar year)."""
    month, day = (int(x) for x in str(month_day).split("-"))
    year = fiscal_year - 543 - (1 if month >= 10 else 0)
    return dt.date(year, month, day)
