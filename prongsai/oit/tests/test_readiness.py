"""The readiness self-check: each state, the predicted score, fixes with departments, rules file."""

import datetime as dt
from decimal import Decimal

import pytest

from prongsai.ita.models import Framework, OITItem
from prongsai.oit import rules, selectors
from prongsai.oit.linkcheck import LinkChecker

from .conftest import BEFORE_2566, IN_2566, fake_provider

pytestmark = pytest.mark.django_db


def link(code, url, when=None, title=None):
    return {"item_code": code, "title": title or url, "url": url, "published_at": when}


def check(cast, providers, links, checks=None, **kwargs):
    providers(fake_provider({"alpha": links}, {"alpha": checks or []}), **kwargs)
    return selectors.readiness(organization=cast.org_a, fiscal_year=2566, link_checker=LinkChecker())


def states(result):
    return {line.item.code: line.state for line in result.items}


def test_each_state_from_links_dates_checks_and_opening_the_links(cast, providers):
    result = check(cast, providers, [
        link("O1", "/alpha/oit/2566/"),                               # a public page that opens → ready
        link("O3", "https://www.example.go.th/duties"),               # external: not fetched → ready
        link("O11", "/alpha/oit/2566/print/", BEFORE_2566),           # needs FY 2566 content, dated before → outdated
        link("O19", "/alpha/oit/2566/itas/", IN_2566),                # dated in the year → ready
        link("O4", "/alpha/no-such-page/"),                           # no such route → broken
        link("O6", "/alpha/staff/"),                                  # staff only → broken (login)
        link("O2", "/alpha/oit/2565/"),                               # opens, but a provider says incomplete
    ], checks=[{"item_code": "O2", "state": "incomplete", "message": "ผู้บริหาร ๑ คนไม่มีรูปถ่าย",
                "department_id": cast.finance_a.id}])
    got = states(result)
    assert got["O1"] == got["O3"] == got["O19"] == "ready"
    assert got["O11"] == "outdated" and got["O4"] == "broken" and got["O6"] == "broken" and got["O2"] == "incomplete"
    assert got["O5"] == "missing"
    assert got["O29"] == "ready"  # the real complaints provider: statistics of a framework year answer (zeros)
    lines = {line.item.code: line for line in result.items}
    status = dict((lnk.url, st) for lnk, st in lines["O3"].links())
    assert status["https://www.example.go.th/duties"].checked is False
    assert "ต้องเข้าสู่ระบบ" in lines["O6"].problems[0].message
    assert "ไม่มีหน้านี้" in lines["O4"].problems[0].message
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๖" in lines["O11"].problems[0].message


def test_an_undated_live_page_counts_as_current_and_one_dated_link_in_the_year_is_enough(cast, providers):
    result = check(cast, providers, [
        link("O7", "/alpha/oit/2566/"),                       # news page with no date: a live page
        link("O21", "/alpha/oit/2566/print/", BEFORE_2566),
        link("O21", "/alpha/oit/2566/itas/", IN_2566),
        link("O21", "/alpha/oit/2565/", dt.date(2023, 10, 1)),  # the day after the year: not in it
        link("O22", "/alpha/oit/2565/", dt.date(2023, 9, 30)),  # the last day of the year: in it
    ], with_complaints=False)
    got = states(result)
    assert got["O7"] == "ready" and got["O21"] == "ready" and got["O22"] == "ready"


def test_a_broken_item_with_other_problems_shows_the_worst_and_lists_them_all(cast, providers):
    result = check(cast, providers, [link("O11", "/alpha/nothing-here/", BEFORE_2566)],
                   checks=[{"item_code": "O11", "state": "incomplete", "message": "ไม่มีงบประมาณรายโครงการ",
                            "department_id": None}], with_complaints=False)
    line = next(x for x in result.items if x.item.code == "O11")
    assert line.state == "broken"
    assert [p.state for p in line.problems] == ["broken", "incomplete", "outdated"]


def test_predicted_score_is_ready_items_over_all_items(cast, providers):
    providers(fake_provider({"alpha": [link(code, "/alpha/oit/2566/") for code in ("O1", "O2", "O3")]}),
              with_complaints=False)
    assert selectors.predicted_oit_score(organization=cast.org_a, fiscal_year=2566) == Decimal("6.98")  # 3/43
    items = OITItem.objects.filter(framework__fiscal_year=2566).values_list("code", flat=True)
    providers(fake_provider({"alpha": [link(code, "/alpha/oit/2566/", IN_2566) for code in items]}),
              with_complaints=False)
    assert selectors.predicted_oit_score(organization=cast.org_a, fiscal_year=2566) == Decimal("100.00")
    assert selectors.predicted_oit_score(organization=cast.org_b, fiscal_year=2566) == Decimal("0.00")
    assert selectors.predicted_oit_score(organization=cast.org_a, fiscal_year=2499) is None


def test_fixes_go_to_the_provider_department_else_the_rules_department_else_the_default(cast, providers):
    result = check(cast, providers, [link("O2", "/alpha/oit/2566/")], checks=[
        {"item_code": "O2", "state": "incomplete", "message": "x", "department_id": cast.finance_a.id},
        {"item_code": "O2", "state": "incomplete", "message": "y", "department_id": cast.office_b.id},  # not alpha's
    ], with_complaints=False)
    lines = {line.item.code: line for line in result.items}
    assert [p.department for p in lines["O2"].problems] == [cast.finance_a, cast.office_a]
    assert lines["O21"].problems[0].department == cast.finance_a      # procurement → กองคลัง (rules.yaml)
    assert lines["O1"].problems[0].department == cast.office_a        # default → สำนักปลัด
    grouped = dict(result.fixes_by_department())
    assert set(grouped) == {cast.office_a, cast.finance_a}


def test_rules_name_only_titles_that_exist_in_a_framework():
    titles = set(OITItem.objects.values_list("title_th", flat=True))
    by_title, default = rules.load()
    assert default == ("สำนักปลัด",)
    assert set(by_title) <= {rules.normalise(t) for t in titles}
    item = OITItem.objects.get(framework__fiscal_year=2566, code="O21")
    assert rules.rule_for(item).needs_current_year and rules.rule_for(item).departments == ("กองคลัง",)
    assert not rules.rule_for(OITItem.objects.get(framework__fiscal_year=2566, code="O1")).needs_current_year


def test_rules_file_errors_are_named():
    with pytest.raises(ValueError, match="titles must be a non-empty list"):
        rules.parse("items:\n- needs_current_year: true\n")
    with pytest.raises(ValueError, match="listed twice"):
        rules.parse("items:\n- titles: [ก]\n- titles: [ก]\n")
    with pytest.raises(ValueError, match="unknown keys"):
        rules.parse("items:\n- titles: [ก]\n  needs_curent_year: true\n")


def test_an_organization_with_a_department_named_differently_still_gets_its_fixes(cast):
    from prongsai.testing.factories import DepartmentFactory

    muni = DepartmentFactory(organization=cast.org_b, name="กองคลังเทศบาล")
    item = OITItem.objects.get(framework=Framework.objects.get(fiscal_year=2566), code="O21")
    assert rules.department_for(item, [cast.office_b, muni]) == muni
    assert rules.department_for(item, []) is None
