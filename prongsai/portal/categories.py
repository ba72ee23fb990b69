"""Publication categories, loaded once from categories.yaml (data, not code: a new LAO menu or
a renamed OIT item is an edit of that file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

PATH = Path(__file__).with_name("categories.yaml")

GROUPS = {
    "news": _("ข่าวสาร"),
    "plans": _("แผนและงบประมาณ"),
    "procurement": _("การจัดซื้อจัดจ้าง"),
    "services": _("การให้บริการ"),
    "hr": _("การบริหารงานบุคคล"),
    "integrity": _("คุณธรรมและความโปร่งใส"),
    "about": _("ข้อมูลหน่วยงาน"),
}


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    name_en: str
    group: str
    oit: tuple[str, ...] = ()
    yearly: bool = True
    monthly: bool = False
    table: str = ""
    feed: bool = False
    department: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        lang = (get_language() or "th")[:2]
        return self.name_en if lang == "en" and self.name_en else self.name

    @property
    def is_procurement_table(self) -> bool:
        return self.table == "procurement"

    def __str__(self) -> str:
        return self.label


def load(path: Path = PATH) -> dict[str, Category]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out: dict[str, Category] = {}
    for n, row in enumerate(raw, 1):
        slug = row.get("slug")
        if not slug or slug in out:
            raise ValueError(f"{path.name}: entry {n}: missing or duplicate slug {slug!r}")
        if row.get("group") not in GROUPS:
            raise ValueError(f"{path.name}: {slug}: unknown group {row.get('group')!r}")
        out[slug] = Category(
            slug=slug, name=row["name"], name_en=row.get("name_en", ""), group=row["group"],
            oit=tuple(row.get("oit") or ()), yearly=bool(row.get("yearly", True)),
            monthly=bool(row.get("monthly", False)), table=row.get("table", "") or "",
            feed=bool(row.get("feed", False)), department=row.get("department", "") or "",
        )
    return out


@lru_cache(maxsize=1)
def all_categories() -> dict[str, Category]:
    return load()


def get(slug: str) -> Category | None:
    return all_categories().get(slug)


def choices() -> list[tuple[str, str]]:
    return [(c.slug, c.name) for c in all_categories().values()]


def by_group() -> list[tuple[str, str, list[Category]]]:
    """[(group key, group label, [categories])] in file order."""
    groups: dict[str, list[Category]] = {}
    for c in all_categories().values():
        groups.setdefault(c.group, []).append(c)
    return [(key, GROUPS[key], groups[key]) for key in GROUPS if key in groups]


def for_oit_title(title: str) -> list[Category]:
    """Categories that serve the OIT item with this title."""
    return [c for c in all_categories().values() if any(title.startswith(p) for p in c.oit)]
