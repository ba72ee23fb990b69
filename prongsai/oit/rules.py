"""The self-check rules of oit/rules.yaml, matched to a framework's items by title."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).resolve().parent / "rules.yaml"


@dataclass(frozen=True)
class ItemRule:
    needs_current_year: bool = False
    departments: tuple[str, ...] = ()
    why: str = ""


def normalise(title: str) -> str:
    return re.sub(r"\s+", " ", title or "").strip()


def parse(text: str) -> tuple[dict[str, ItemRule], tuple[str, ...]]:
    """(title → rule, default department names). Raises ValueError naming the problem."""
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError("rules.yaml must be a mapping")
    default = tuple(data.get("default_department") or ())
    by_title: dict[str, ItemRule] = {}
    for n, entry in enumerate(data.get("items") or [], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("titles"), list) or not entry["titles"]:
            raise ValueError(f"items[{n}]: titles must be a non-empty list")
        unknown = set(entry) - {"titles", "needs_current_year", "department", "why"}
        if unknown:
            raise ValueError(f"items[{n}]: unknown keys {sorted(unknown)}")
        rule = ItemRule(bool(entry.get("needs_current_year", False)), tuple(entry.get("department") or ()),
                        str(entry.get("why") or ""))
        for title in entry["titles"]:
            key = normalise(str(title))
            if key in by_title:
                raise ValueError(f"items[{n}]: title {key!r} is listed twice")
            by_title[key] = rule
    return by_title, default


@lru_cache(maxsize=1)
def load() -> tuple[dict[str, ItemRule], tuple[str, ...]]:
    return parse(RULES_FILE.read_text(encoding="utf-8"))


def rule_for(item) -> ItemRule:
    return load()[0].get(normalise(item.title_th), ItemRule())


def department_for(item, departments: list, *, rule: ItemRule | None = None):
    """The first department whose name starts with one of the rule's names (then the default's);
    the first department of the organization when none matches; None when it has none."""
    rule = rule or rule_for(item)
    for name in (*rule.departments, *load()[1]):
        for dept in departments:
            if dept.name.startswith(name):
                return dept
    return departments[0] if departments else None
