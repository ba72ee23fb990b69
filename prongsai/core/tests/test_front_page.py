"""The deployment's front page: every hosted organization, searchable and paged."""

import re

import pytest

from prongsai.testing.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_organizations_are_searchable_by_name_and_province_and_paged(cast, client):
    OrganizationFactory(slug="kampang-test", base_name="กำปังทดสอบ", province="นครราชสีมา")
    for n in range(60):
        OrganizationFactory(slug=f"org{n:02d}", base_name=f"ตำบลทดสอบ{n:02d}", province="ขอนแก่น")
    page = client.get("/").content.decode()
    assert "หน้า 1 จาก 2" in page
    assert len(re.findall(r'<li><a href="/(?:org\d\d|alpha|beta|kampang-test)/">', page)) == 50
    found = client.get("/", {"q": "นครราชสีมา"}).content.decode()
    assert "/kampang-test/" in found and "/org01/" not in found
    assert "/org07/" in client.get("/", {"q": "ทดสอบ07"}).content.decode()
    assert "/kampang-test/" in client.get("/", {"q": "อบต.กำปังทดสอบ"}).content.decode()
    none = client.get("/", {"q": "ไม่มีหน่วยงานนี้"}).content.decode()
    assert "ไม่พบหน่วยงานที่ตรงกับคำค้น" in none


def test_staff_see_their_own_organizations_first(cast, client_for):
    page = client_for(cast.olivia).get("/").content.decode()
    mine = page.split("หน่วยงานที่ใช้ระบบ")[0]
    assert cast.org_b.short_name in mine and cast.org_a.short_name not in mine
