"""The public OIT index: generated from the providers, in item order, per organization."""

import csv
import io

import pytest
from openpyxl import load_workbook

from prongsai.ita.models import Framework, OITItem
from prongsai.oit import registry, selectors, services

from .conftest import BEFORE_2566, IN_2566, fake_provider

pytestmark = pytest.mark.django_db


def alpha_links():
    return {
        "alpha": [
            {"item_code": "O3", "title": "อำนาจหน้าที่ของ อบต.", "url": "/alpha/duties/", "published_at": IN_2566},
            {"item_code": "O1", "title": "แผนผังโครงสร้าง (ฝ่ายการเมือง)", "url": "/alpha/structure/political/",
             "published_at": None},
            {"item_code": "O1", "title": "แผนผังโครงสร้าง (ฝ่ายประจำ)", "url": "/alpha/structure/staff/",
             "published_at": BEFORE_2566},
            {"item_code": "O9", "title": "Facebook", "url": "https://www.facebook.com/alpha", "published_at": None},
        ],
        "beta": [{"item_code": "O1", "title": "โครงสร้างของเบตา", "url": "/beta/structure/", "published_at": None}],
    }


def test_the_index_lists_every_item_in_order_with_all_its_links(cast, providers):
    providers(fake_provider(alpha_links()))
    index = selectors.oit_index(organization=cast.org_a, fiscal_year=2566)
    codes = [e.item.code for e in index.entries]
    assert codes == list(OITItem.objects.filter(framework__fiscal_year=2566).order_by("position").values_list("code", flat=True))
    assert codes[:3] == ["O1", "O2", "O3"] and len(codes) == 43
    by_code = {e.item.code: e for e in index.entries}
    assert [link.title for link in by_code["O1"].links] == ["แผนผังโครงสร้าง (ฝ่ายการเมือง)", "แผนผังโครงสร้าง (ฝ่ายประจำ)"]
    assert by_code["O2"].links == []
    # the real complaints provider: the corruption channel is always there
    assert [link.url for link in by_code["O28"].links] == ["/alpha/corruption/report/"]


def test_the_page_shows_links_notes_and_requirements_in_order(cast, providers, client):
    providers(fake_provider(alpha_links()))
    services.note_save(organization=cast.org_a, item=OITItem.objects.get(framework__fiscal_year=2566, code="O1"),
                       text="แผนผังทั้งสองฝ่ายอยู่ในหน้าโครงสร้าง", acting_user=cast.alice)
    html = client.get("/alpha/oit/2566/").content.decode()
    assert html.index('id="O1"') < html.index('id="O2"') < html.index('id="O3"') < html.index('id="O43"')
    assert 'href="/alpha/structure/staff/"' in html and 'href="https://www.facebook.com/alpha"' in html
    assert "แผนผังทั้งสองฝ่ายอยู่ในหน้าโครงสร้าง" in html
    assert "both the political side and the permanent-official side" in html  # O1's required components


def test_no_organization_sees_another_ones_links_or_notes(cast, providers, client):
    providers(fake_provider(alpha_links()))
    item = OITItem.objects.get(framework__fiscal_year=2566, code="O1")
    services.note_save(organization=cast.org_a, item=item, text="หมายเหตุของอัลฟา", acting_user=cast.alice)
    services.note_save(organization=cast.org_b, item=item, text="หมายเหตุของเบตา", acting_user=cast.olivia)
    beta = client.get("/beta/oit/2566/").content.decode()
    assert "/beta/structure/" in beta and "หมายเหตุของเบตา" in beta
    assert "/alpha/" not in beta and "หมายเหตุของอัลฟา" not in beta and "โครงสร้าง (ฝ่ายประจำ)" not in beta
    for path in ("/beta/oit/2566/oit.csv", "/beta/oit/2566/oit.txt", "/api/v1/organizations/beta/oit/2566/"):
        body = client.get(path).content.decode("utf-8")
        assert "/alpha/" not in body and "หมายเหตุของอัลฟา" not in body, path


def test_unknown_year_and_unknown_organization_are_thai_404s(cast, client):
    for path in ("/alpha/oit/2499/", "/alpha/oit/2499/print/", "/alpha/oit/2499/oit.csv", "/nosuch/oit/2566/",
                 "/alpha/oit/2566/oit.exe"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "ไม่พบ" in response.content.decode(), path
    assert client.get("/api/v1/organizations/alpha/oit/2499/").status_code == 404


def test_oit_root_redirects_to_the_current_fiscal_year(cast, client, monkeypatch):
    response = client.get("/alpha/oit/")
    assert response.status_code == 302
    assert response["Location"] == f"/alpha/oit/{selectors.current_fiscal_year()}/"
    import datetime as dt

    assert selectors.current_fiscal_year(dt.date(2023, 10, 1)) == 2567
    assert selectors.current_fiscal_year(dt.date(2023, 9, 30)) == 2566
    assert selectors.current_fiscal_year(dt.date(2030, 1, 1)) == max(Framework.objects.values_list("fiscal_year", flat=True))


def test_unusable_links_are_dropped_and_a_failing_provider_does_not_break_the_page(cast, providers, client):
    def boom(*, organization, framework):
        raise RuntimeError("bug in an app")

    import types

    broken = types.SimpleNamespace(__name__="tests.broken.oit", oit_links=boom)
    providers(fake_provider({"alpha": [
        {"item_code": "O99", "title": "no such item", "url": "/alpha/x/", "published_at": None},
        {"item_code": "O1", "title": "script", "url": "javascript:alert(1)", "published_at": None},
        {"item_code": "O1", "title": "ok", "url": "/alpha/ok/", "published_at": None},
        {"item_code": "O1", "title": "ok twice", "url": "/alpha/ok/", "published_at": None},
    ]}), broken)
    collected = registry.collect(organization=cast.org_a, framework=Framework.objects.get(fiscal_year=2566))
    assert [link.title for link in collected.links["O1"]] == ["ok"] and "O99" not in collected.links
    assert collected.errors == ["broken"]
    assert client.get("/alpha/oit/2566/").status_code == 200


def test_the_real_providers_are_discovered_from_the_installed_apps():
    names = {m.__name__ for m in registry.providers()}
    assert {"prongsai.complaints.oit", "prongsai.training.oit", "prongsai.lending.oit"} <= names


def test_csv_has_absolute_urls_and_neutralises_formulas(cast, providers, client):
    providers(fake_provider({"alpha": [
        {"item_code": "O1", "title": "=HYPERLINK(\"http://evil\",\"x\")", "url": "/alpha/structure/", "published_at": IN_2566},
    ]}))
    services.note_save(organization=cast.org_a, item=OITItem.objects.get(framework__fiscal_year=2566, code="O2"),
                       text="+ผู้บริหาร", acting_user=cast.alice)
    response = client.get("/alpha/oit/2566/oit.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "ข้อ"
    o1 = next(r for r in rows if r[0] == "O1")
    assert o1[2].startswith("'=") and o1[3] == "http://testserver/alpha/structure/"
    assert next(r for r in rows if r[0] == "O2")[5] == "'+ผู้บริหาร"
    assert len([r for r in rows[1:] if r[0].startswith("O")]) >= 43  # every item has a row
    api = client.get("/api/v1/organizations/alpha/oit/2566/?format=csv")
    assert api.status_code == 200 and "http://testserver/alpha/structure/" in api.content.decode("utf-8-sig")
    assert client.get("/api/v1/organizations/alpha/oit/2566.csv").content == api.content


def test_xlsx_cells_are_strings_never_formulas(cast, providers, client):
    providers(fake_provider({"alpha": [
        {"item_code": "O1", "title": "=1+1", "url": "/alpha/structure/", "published_at": None},
        {"item_code": "O1", "title": "@SUM(A1)", "url": "https://example.org/a", "published_at": None},
    ]}))
    response = client.get("/alpha/oit/2566/oit.xlsx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value}
    assert cells["=1+1"].data_type == "s" and cells["@SUM(A1)"].data_type == "s"
    assert "http://testserver/alpha/structure/" in cells and "https://example.org/a" in cells


def test_itas_text_lists_each_item_with_its_urls_and_note(cast, providers, client):
    providers(fake_provider(alpha_links()))
    services.note_save(organization=cast.org_a, item=OITItem.objects.get(framework__fiscal_year=2566, code="O1"),
                       text="สองบรรทัด\nบรรทัดที่สอง", acting_user=cast.alice)
    text = client.get("/alpha/oit/2566/oit.txt").content.decode()
    block = text[text.index("O1 โครงสร้าง"):text.index("O2 ข้อมูลผู้บริหาร")]
    assert block.splitlines()[1:4] == [
        "http://testserver/alpha/structure/political/", "http://testserver/alpha/structure/staff/",
        "คำอธิบาย: สองบรรทัด บรรทัดที่สอง"]
    assert "O2 ข้อมูลผู้บริหาร\n(ยังไม่มีลิงก์)" in text
    page = client.get("/alpha/oit/2566/itas/").content.decode()
    assert "http://testserver/alpha/structure/staff/" in page
    printed = client.get("/alpha/oit/2566/print/").content.decode()
    assert "http://testserver/alpha/structure/staff/" in printed and "https://www.facebook.com/alpha" in printed


def test_api_json_lists_items_with_absolute_links(cast, providers, client):
    providers(fake_provider(alpha_links()))
    data = client.get("/api/v1/organizations/alpha/oit/2566/").json()
    assert data["fiscal_year"] == 2566 and data["slug"] == "alpha" and len(data["items"]) == 43
    o1 = data["items"][0]
    assert o1["code"] == "O1" and [link["url"] for link in o1["links"]] == [
        "http://testserver/alpha/structure/political/", "http://testserver/alpha/structure/staff/"]
    assert o1["links"][1]["published_at"].startswith("2022-06-01")
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/organizations/{org_slug}/oit/{year}/" in schema["paths"]
