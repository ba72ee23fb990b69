import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from prongsai.ita.models import Framework
from prongsai.portal import oit, search, services
from prongsai.portal.models import Publication
from prongsai.tenancy.models import Organization

pytestmark = pytest.mark.django_db


def codes(links):
    return {link["item_code"] for link in links}


def test_oit_links_follow_titles_and_years(cast, publish):
    fw66 = Framework.objects.get(fiscal_year=2566)
    fw65 = Framework.objects.get(fiscal_year=2565)
    publish(category="privacy-policy", title="นโยบายคุ้มครองข้อมูลส่วนบุคคล", fiscal_year=2565)
    publish(category="procurement-summary", period=dt.date(2022, 10, 1), department=cast.finance_a,
            title="สขร ตุลาคม", body="<p>ไม่มีการจัดซื้อจัดจ้าง</p>")
    publish(category="annual-report", title="รายงานประจำปี 2565", fiscal_year=2565,
            publication_date=dt.date(2022, 10, 20))
    links66 = oit.oit_links(organization=cast.org_a, framework=fw66)
    by_code = {}
    for link in links66:
        by_code.setdefault(link["item_code"], []).append(link)
    assert by_code["O10"][0]["title"] == "นโยบายคุ้มครองข้อมูลส่วนบุคคล"  # undated item: any year up to 2566
    assert by_code["O21"][0]["url"].startswith("/alpha/p/")  # monthly procurement summary (O21 in 2566)
    assert by_code["O13"][0]["fiscal_year"] == 2565  # only an older annual report → listed, flagged by its year
    assert all(link["published_at"] is None or link["published_at"].tzinfo for link in links66)
    # The same category serves the same-titled item under its 2565 code
    links65 = oit.oit_links(organization=cast.org_a, framework=fw65)
    assert [(x["item_code"], x["fiscal_year"]) for x in links65] == [("O12", 2565), ("O20", 2565)]
    assert by_code["O13"][0]["published_at"].date() == dt.date(2022, 10, 20)  # the document's date
    # another organization gets nothing of A's
    assert oit.oit_links(organization=cast.org_b, framework=fw66) == []


def test_oit_checks_find_incomplete_components(cast, publish):
    fw = Framework.objects.get(fiscal_year=2566)
    org = cast.org_a
    Organization.objects.filter(pk=org.pk).update(address="หมู่ ๑", phone="0 4400 0000", fax="", email="a@b.go.th",
                                                  latitude=None, longitude=None)
    org.refresh_from_db()
    services.executive_save(organization=org, acting_user=cast.alice, executive=None,
                            data={"full_name": "นายไม่มีรูป", "position": "นายก", "side": "political", "order": 0,
                                  "department": cast.office_a})
    publish(category="procurement-summary", period=dt.date(2022, 10, 1), department=cast.finance_a,
            title="สขร ตุลาคม", body="<p>ไม่มีการจัดซื้อจัดจ้าง</p>")
    checks = oit.oit_checks(organization=org, framework=fw)
    assert all(c["state"] == "incomplete" for c in checks)
    messages = {c["item_code"]: [] for c in checks}
    for c in checks:
        messages[c["item_code"]].append(c)
    o2 = " ".join(c["message"] for c in messages["O2"])
    assert "นายไม่มีรูป" in o2 and "รูปถ่าย" in o2 and "ช่องทางติดต่อ" in o2 and "ฝ่ายประจำ" in o2
    assert messages["O2"][0]["department_id"] == cast.office_a.pk
    o5 = messages["O5"][0]["message"]
    assert "โทรสาร" in o5 and "แผนที่" in o5
    o21 = [c for c in messages["O21"]]
    assert len(o21) == 11  # October present, November–September missing (all past months of 2566)
    assert all(c["department_id"] == cast.finance_a.pk for c in o21)
    assert "พฤศจิกายน" in o21[0]["message"]


def test_search_document_shapes(cast, publish, tmp_path):
    from prongsai.portal.tests.test_portal import ROW

    pdf = SimpleUploadedFile("a.pdf", _tiny_pdf(), content_type="application/pdf")
    pub = publish(category="procurement-summary", period=dt.date(2022, 10, 1), department=cast.finance_a,
                  title="สรุปผลการจัดซื้อจัดจ้าง ตุลาคม", rows=[ROW], attachments=[pdf])
    doc = search.document(organization=cast.org_a, source="portal.publication", object_id=pub.pk)
    assert set(doc) == {"title", "body_text", "url", "category", "fiscal_year", "published_at", "attachments"}
    assert "จัดซื้อวัสดุสำนักงาน" in doc["body_text"] and doc["fiscal_year"] == 2566
    assert doc["attachments"] and doc["attachments"][0].endswith(".pdf")
    assert doc["url"] == f"/alpha/p/{pub.pk}/"
    sources = {d["source"] for d in search.documents(organization=cast.org_a)}
    assert {"portal.publication", "portal.contact"} <= sources


def _tiny_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_demo_has_the_planted_gaps_and_is_idempotent(db):
    call_command("load_demo", stdout=io.StringIO())
    org = Organization.objects.get(slug="kampang")
    count = Publication.objects.filter(organization=org).count()
    call_command("load_demo", stdout=io.StringIO())
    assert Publication.objects.filter(organization=org).count() == count >= 40
    fw = Framework.objects.get(fiscal_year=2566)
    links = oit.oit_links(organization=org, framework=fw)
    present = codes(links)
    assert "O10" not in present and "O33" not in present  # planted: missing
    assert {link["fiscal_year"] for link in links if link["item_code"] == "O13"} == {2565}  # planted: outdated
    portal_items = {"O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8", "O9", "O11", "O12", "O14", "O15", "O16", "O17",
                    "O18", "O19", "O20", "O21", "O22", "O23", "O24", "O25", "O26", "O31", "O32", "O34", "O35",
                    "O36", "O37", "O38", "O39", "O40", "O41", "O42", "O43"}
    assert portal_items <= present
    for code in portal_items - {"O4", "O39", "O18", "O1", "O2", "O3", "O5", "O6", "O8", "O9"}:
        assert any(x["fiscal_year"] == 2566 for x in links if x["item_code"] == code), code
    assert oit.oit_checks(organization=org, framework=fw) == []
