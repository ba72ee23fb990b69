"""Reads of the OIT index and the readiness self-check. Both are computed on each request from
the providers (registry.py); nothing here is stored."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.thai import digits, fiscal_year_bounds, fiscal_year_of, thai_date
from prongsai.ita.models import Framework, OITItem, quantize
from prongsai.tenancy.models import Department

from . import registry, rules
from .linkcheck import NOT_CHECKED, LinkStatus
from .models import OITNote

UNKNOWN_REQUIREMENT = ("not found", "2566 wording not found", "text truncated")

# Most severe first: the state an item shows when it has several problems.
READY, MISSING, BROKEN, INCOMPLETE, OUTDATED = "ready", "missing", "broken", "incomplete", "outdated"
STATE_ORDER = (MISSING, BROKEN, INCOMPLETE, OUTDATED, READY)


def framework_for(fiscal_year: int) -> Framework | None:
    return Framework.objects.filter(fiscal_year=fiscal_year).first()


def current_fiscal_year(today: dt.date | None = None) -> int | None:
    """The fiscal year of today when its framework exists, else the latest framework before it
    (else the earliest there is); None when no framework is loaded."""
    year = fiscal_year_of(today or timezone.localdate())
    years = list(Framework.objects.order_by("fiscal_year").values_list("fiscal_year", flat=True))
    if not years:
        return None
    past = [y for y in years if y <= year]
    return past[-1] if past else years[0]


@dataclass
class IndexEntry:
    item: OITItem
    links: list[registry.Link]
    note: str

    @property
    def requirements(self) -> list[str]:
        """The components assessors require, when known (research notes such as "not found" are left out)."""
        if not self.item.requirements_known:
            return []
        return [r for r in self.item.requirements if not str(r).lower().startswith(UNKNOWN_REQUIREMENT)]


@dataclass
class OITIndex:
    organization: object
    framework: Framework
    entries: list[IndexEntry]
    checks: dict[str, list[registry.Check]]
    errors: list[str]

    @property
    def fiscal_year(self) -> int:
        return self.framework.fiscal_year

    def groups(self):
        """[(indicator, [entries])] in item order."""
        out = []
        for entry in self.entries:
            if not out or out[-1][0].pk != entry.item.indicator_id:
                out.append((entry.item.indicator, []))
            out[-1][1].append(entry)
        return out


def oit_index(*, organization, fiscal_year: int, with_checks: bool = False) -> OITIndex | None:
    """The year's items in order, each with every link the apps publish for it and the note."""
    framework = framework_for(fiscal_year)
    if framework is None:
        return None
    items = list(OITItem.objects.filter(framework=framework).select_related("indicator").order_by("position"))
    notes = dict(OITNote.objects.filter(organization=organization, item__framework=framework)
                 .values_list("item_id", "text"))
    collected = registry.collect(organization=organization, framework=framework, with_checks=with_checks,
                                 codes=[item.code for item in items])
    entries = [IndexEntry(item, collected.links.get(item.code, []), notes.get(item.id, "")) for item in items]
    return OITIndex(organization, framework, entries, collected.checks, collected.errors)


@dataclass
class Problem:
    state: str
    message: str
    department: Department | None


@dataclass
class ItemReadiness:
    entry: IndexEntry
    state: str
    problems: list[Problem]
    link_status: dict[str, LinkStatus]
    department: Department | None

    @property
    def item(self) -> OITItem:
        return self.entry.item

    def links(self):
        """[(link, status)] for the page."""
        return [(link, self.link_status.get(link.url, NOT_CHECKED)) for link in self.entry.links]


@dataclass
class Readiness:
    index: OITIndex
    items: list[ItemReadiness]
    links_checked: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def framework(self) -> Framework:
        return self.index.framework

    @property
    def score(self) -> Decimal:
        total = len(self.items)
        return quantize(Decimal(self.counts.get(READY, 0)) * 100 / total) if total else Decimal("0.00")

    @property
    def fixes(self) -> list[tuple[ItemReadiness, Problem]]:
        return [(line, p) for line in self.items for p in line.problems]

    def fixes_by_department(self):
        """[(department or None, [(item readiness, problem)])] in department order."""
        groups: dict = {}
        for line, problem in self.fixes:
            groups.setdefault(problem.department, []).append((line, problem))
        return sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0].position if kv[0] else 0,
                                                      kv[0].pk if kv[0] else 0))


def _in_year(when: dt.datetime | None, start: dt.date, end: dt.date) -> bool:
    if when is None:  # a channel or a page generated for the year: as current as the site
        return True
    return start <= timezone.localtime(when).date() <= end


def readiness(*, organization, fiscal_year: int, link_checker=None) -> Readiness | None:
    """ready / missing / outdated / incomplete / broken per item, the fixes with their departments.

    link_checker: a linkcheck.LinkChecker; None leaves internal links unchecked (they count as
    working), which is what the predicted score on other pages uses."""
    index = oit_index(organization=organization, fiscal_year=fiscal_year, with_checks=True)
    if index is None:
        return None
    start, end = fiscal_year_bounds(fiscal_year)
    departments = list(Department.objects.filter(organization=organization).order_by("position", "id"))
    by_id = {d.id: d for d in departments}
    statuses = {}
    if link_checker is not None:
        statuses = link_checker.check([link.url for entry in index.entries for link in entry.links])
    lines, counts = [], {state: 0 for state in STATE_ORDER}
    thai = organization.thai_digits
    for entry in index.entries:
        rule = rules.rule_for(entry.item)
        dept = rules.department_for(entry.item, departments, rule=rule)
        problems = []
        if not entry.links:
            problems.append(Problem(MISSING, _("ยังไม่มีลิงก์ที่เผยแพร่ข้อมูลข้อนี้บนเว็บไซต์"), dept))
        for link in entry.links:
            status = statuses.get(link.url, NOT_CHECKED)
            if status.checked and not status.ok:
                problems.append(Problem(BROKEN, _("ลิงก์ “%(t)s” ใช้ไม่ได้: %(r)s") % {"t": link.title, "r": status.reason},
                                        dept))
        for check in index.checks.get(entry.item.code, []):
            problems.append(Problem(INCOMPLETE, check.message, by_id.get(check.department_id, dept)))
        if entry.links and rule.needs_current_year and not any(
            _in_year(link.published_at, start, end) for link in entry.links
        ):
            problems.append(Problem(OUTDATED, _(
                "ไม่มีข้อมูลที่เผยแพร่ในปีงบประมาณ พ.ศ. %(y)s (%(a)s – %(b)s)%(why)s"
            ) % {"y": digits(fiscal_year, thai), "a": thai_date(start, thai_digits=thai, style="medium"),
                 "b": thai_date(end, thai_digits=thai, style="medium"), "why": f" — {rule.why}" if rule.why else ""},
                dept))
        state = min((p.state for p in problems), key=STATE_ORDER.index, default=READY)
        counts[state] += 1
        lines.append(ItemReadiness(entry, state, problems, statuses, dept))
    return Readiness(index, lines, link_checker is not None, counts)


def predicted_oit_score(*, organization, fiscal_year: int, link_checker=None) -> Decimal | None:
    """Items ready ÷ items × 100 (ITA scores each OIT item 100 or 0); None for an unknown year."""
    result = readiness(organization=organization, fiscal_year=fiscal_year, link_checker=link_checker)
    return result.score if result is not None else None
