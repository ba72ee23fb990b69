"""axe-core in headless Chromium: no serious or critical WCAG 2.1 A/AA violations on the home
page, a publication (with its สขร.๑ table) and the contact page, at phone and desktop widths.
Skipped when Chromium or Playwright is missing."""

import datetime as dt
import os
import shutil

import pytest

from prongsai.portal import a11y, services

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(a11y.CHROMIUM) or shutil.which("chromium") is None,
                       reason="Chromium is not installed"),
]


def test_public_pages_have_no_serious_axe_violations(live_server, cast, publish):
    pytest.importorskip("playwright")
    from prongsai.portal.tests.test_portal import ROW

    services.executive_save(organization=cast.org_a, acting_user=cast.alice, executive=None,
                            data={"full_name": "นางทดสอบ ใจดี", "position": "นายก", "side": "political",
                                  "order": 0, "phone": "0800000000"})
    services.social_link_save(organization=cast.org_a, acting_user=cast.alice, link=None,
                              data={"network": "facebook", "label": "อัลฟา", "url": "https://facebook.com/x", "order": 0})
    publish(title="ข่าวประชาสัมพันธ์ทดสอบ")
    pub = publish(category="procurement-summary", period=dt.date(2022, 10, 1), rows=[ROW],
                  department=cast.finance_a, title="สรุปผลการจัดซื้อจัดจ้าง ตุลาคม")
    base = f"{live_server.url}/alpha"
    urls = [f"{base}/", f"{base}/p/{pub.pk}/", f"{base}/contact/", f"{base}/publications/",
            f"{base}/oit/2566/", f"{base}/search/?q=ประกาศ"]
    for width in (390, 1280):
        results = a11y.check(urls, width=width)
        problems = {url: a11y.serious(v) for url, v in results.items() if a11y.serious(v)}
        assert problems == {}, problems
