"""The English switch reaches the citizen-facing pages of every public app, not only the portal's."""
import pytest
from django.conf import settings

PAGES = [
    # (path under the organization, English heading, Thai source it replaces)
    ("eservice/track/", "Track a request", "ติดตามสถานะคำร้อง"),
    ("services/", "Citizen's manual and E-Service", "คู่มือสำหรับประชาชนและ E-Service"),
    ("complaints/", "Complaints and whistleblowing", "ร้องเรียน ร้องทุกข์ และแจ้งเบาะแส"),
    ("satisfaction/results/", "Service satisfaction survey report", "รายงานผลการสำรวจความพึงพอใจการให้บริการ"),
    ("lending/", "Borrow equipment and book venues", "ยืมครุภัณฑ์และขอใช้สถานที่"),
    ("search/", "Search the website", "ค้นหาข้อมูลบนเว็บไซต์"),
]


@pytest.mark.parametrize("path,english,thai", PAGES)
def test_public_page_in_english(client, cast, path, english, thai):
    url = f"/{cast.org_a.slug}/{path}"
    assert thai in client.get(url).content.decode()  # Thai first
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    assert english in page and thai not in page
    assert "Skip to content" in page  # the shared frame follows too


def test_oit_index_in_english(client, cast):
    client.get("/i18n/lang/en/?next=/")
    page = client.get(f"/{cast.org_a.slug}/oit/", follow=True).content.decode()
    assert '<html lang="en">' in page
    assert "OIT" in page and ("There is no ITA framework" in page or "Other fiscal years and formats" in page)
