"""Training's OIT links: published HR criteria → "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล"."""

import datetime as dt

import pytest

from prongsai.ita.models import Framework
from prongsai.training.models import HRAnnouncement
from prongsai.training.oit import oit_checks, oit_links

pytestmark = pytest.mark.django_db


def announce(org, kind, published, start=dt.date(2022, 10, 1), end=dt.date(2023, 3, 31)):
    return HRAnnouncement.objects.create(organization=org, kind=kind, title=f"ประกาศ {kind}", body="x",
                                         round_start=start, round_end=end, published_on=published)


def fw(year):
    return Framework.objects.get(fiscal_year=year)


def test_criteria_in_force_during_the_year_are_linked_one_link_each(cast, client):
    a = announce(cast.org_a, HRAnnouncement.Kind.PERFORMANCE, dt.date(2022, 9, 20))
    b = announce(cast.org_a, HRAnnouncement.Kind.SALARY_STEP, dt.date(2022, 9, 20))
    announce(cast.org_a, HRAnnouncement.Kind.CONTRACT, None)  # draft: not published
    announce(cast.org_a, HRAnnouncement.Kind.CONTRACT, dt.date(2020, 9, 1), dt.date(2020, 10, 1), dt.date(2021, 3, 31))
    announce(cast.org_b, HRAnnouncement.Kind.PERFORMANCE, dt.date(2022, 9, 20))
    links = oit_links(organization=cast.org_a, framework=fw(2566))
    assert [(x["item_code"], x["url"]) for x in links] == [
        ("O25", f"/alpha/hr-announcements/#hr-{a.pk}"), ("O25", f"/alpha/hr-announcements/#hr-{b.pk}")]
    # published in September 2565 for the round starting in 2566: disclosed in both years, not in 2567
    assert len(oit_links(organization=cast.org_a, framework=fw(2565))) == 2
    assert oit_links(organization=cast.org_a, framework=fw(2567)) == []
    page = client.get("/alpha/hr-announcements/").content.decode()
    assert f'id="hr-{a.pk}"' in page
    assert oit_checks(organization=cast.org_a, framework=fw(2566)) == []


def test_criteria_without_the_performance_evaluation_are_incomplete(cast):
    announce(cast.org_a, HRAnnouncement.Kind.SALARY_STEP, dt.date(2022, 9, 20))
    checks = oit_checks(organization=cast.org_a, framework=fw(2566))
    assert [(c["item_code"], c["state"]) for c in checks] == [("O25", "incomplete")]
    assert "ประเมินผลการปฏิบัติงาน" in checks[0]["message"]
    assert oit_checks(organization=cast.org_b, framework=fw(2566)) == []
