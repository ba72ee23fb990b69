"""The search index on both databases: Thai matching, attachments, ranking, filters, tenancy,
hostile queries, and the index following public_content_changed."""

from __future__ import annotations

import datetime as dt
import io
import json
import types

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from prongsai.core.signals import public_content_changed
from prongsai.search import selectors, services
from prongsai.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def add(org, object_id, title, body="", **extra):
    doc = {"title": title, "body_text": body, "url": f"/{org.slug}/doc/{object_id}/", "category": "news",
           "fiscal_year": 2566, "published_at": timezone.now(), "attachments": [], **extra}
    return services.index_document(organization=org, source="portal.publication", object_id=object_id, doc=doc)


def titles(org, q, **kw):
    with scope(organization=org):
        return [r.entry.title for r in selectors.search(organization=org, q=q, **kw).results]


def page(client, org="alpha", **params):
    return client.get(reverse("search:search", kwargs={"org_slug": org}), params)


def results_html(response) -> str:
    body = response.content.decode()
    if '<ol class="search-results"' not in body:
        return ""
    return body.split('<ol class="search-results"', 1)[1].split("</ol>", 1)[0]


def test_thai_word_parts_and_digits_match(cast):
    org = cast.org_a
    add(org, 1, "ประกาศจัดซื้อจัดจ้างวัสดุสำนักงาน", "ตามแผนการจัดซื้อจัดจ้าง ปี ๒๕๖๖")
    add(org, 2, "ช่องทางแจ้งเรื่องร้องเรียน", "ติดต่อได้ทุกวัน")
    add(org, 3, "ตารางเวลาให้บริการ", "เปิดบริการวันจันทร์ถึงวันศุกร์ ปี 2567")
    assert titles(org, "จัดซื้อ") == ["ประกาศจัดซื้อจัดจ้างวัสดุสำนักงาน"]
    assert titles(org, "จัดจ้าง") == ["ประกาศจัดซื้อจัดจ้างวัสดุสำนักงาน"]
    assert titles(org, "ร้องเรียน") == ["ช่องทางแจ้งเรื่องร้องเรียน"]
    assert titles(org, "2566") == titles(org, "๒๕๖๖") == ["ประกาศจัดซื้อจัดจ้างวัสดุสำนักงาน"]
    assert titles(org, "๒๕๖๗") == ["ตารางเวลาให้บริการ"]
    assert titles(org, "ตา") == []  # not the letters inside ตาราง
    assert titles(org, "จัดซื้อ ร้องเรียน") == []  # every word must match


def test_title_match_ranks_above_body_match(cast):
    org = cast.org_a
    add(org, 1, "รายงานการประชุมสภา", "มีวาระเรื่องงบประมาณ งบประมาณ และงบประมาณ")
    add(org, 2, "ข้อบัญญัติงบประมาณรายจ่ายประจำปี", "รายละเอียดตามเอกสารแนบ")
    assert titles(org, "งบประมาณ") == ["ข้อบัญญัติงบประมาณรายจ่ายประจำปี", "รายงานการประชุมสภา"]


def _pdf(path, text):
    weasyprint = pytest.importorskip("weasyprint")
    # The vendored Thai font, not whatever the machine has (a machine without a Thai system font
    # would render .notdef glyphs with no text behind them).
    from django.conf import settings

    font = (settings.BASE_DIR / "prongsai" / "core" / "static" / "fonts" / "sarabun" / "Sarabun_400Regular.ttf").as_uri()
    weasyprint.HTML(string=f"<html lang='th'><head><style>@font-face {{ font-family: T; src: url('{font}'); }} "
                           f"body {{ font-family: T; }}</style></head><body><p>{text}</p></body></html>").write_pdf(path)
    return str(path)


def _docx(path, text):
    import docx

    document = docx.Document()
    document.add_paragraph("ส่วนนำ")
    table = document.add_table(rows=1, cols=1)
    table.rows[0].cells[0].text = text
    document.save(path)
    return str(path)


def test_text_of_attached_pdf_and_docx_is_found(cast, tmp_path):
    org = cast.org_a
    add(org, 1, "ประกาศ ก", "", attachments=[_pdf(tmp_path / "a.pdf", "เครื่องคอมพิวเตอร์ notebook รุ่นพิเศษ")])
    add(org, 2, "ประกาศ ข", "", attachments=[_docx(tmp_path / "b.docx", "ระเบียบการใช้รถยนต์ส่วนกลาง")])
    add(org, 3, "ประกาศ ค", "", attachments=[str(tmp_path / "missing.pdf"), str(tmp_path / "x.exe")])
    assert titles(org, "คอมพิวเตอร์") == ["ประกาศ ก"]
    assert titles(org, "notebook") == ["ประกาศ ก"]
    assert titles(org, "รถยนต์ส่วนกลาง") == ["ประกาศ ข"]
    assert SearchEntry.objects.filter(title="ประกาศ ค").exists()  # a broken attachment does not stop indexing


def test_results_never_include_another_organizations_entries(cast, client):
    add(cast.org_a, 1, "งบประมาณของอัลฟา")
    add(cast.org_b, 1, "งบประมาณของเบตา")
    add(cast.org_b, 2, "ลับเฉพาะเบตา")
    assert titles(cast.org_a, "งบประมาณ") == ["งบประมาณของอัลฟา"]
    found = results_html(page(client, q="งบประมาณ"))
    assert "อัลฟา</a>" in found and "เบตา" not in found
    assert results_html(page(client, q="ลับเฉพาะเบตา")) == ""
    api = client.get("/api/v1/orgs/alpha/search", {"q": "เบตา"}).json()
    assert api["count"] == 0
    assert page(client, org="no-such-org", q="x").status_code == 404


HOSTILE = [
    "ก" * 2000, "x" * 2000, "!!!???...,,,;;;", "\"", "*", "NEAR(a b)", "a OR b", "-a", "a:b", "'", "''", "\"\"\"",
    "title_tokens: x", "organization_id : 2", "{title_tokens body_tokens}: x", "'; DROP TABLE search_searchentry; --",
    "1' OR '1'='1", "%", "_", "\\", "\x00", "<script>alert(1)</script>", "จัดซื้อ\" OR \"x", "a & b | !c <-> d",
    "'_org2'", "จัด* ซื้อ^", "((((", "🙂", "\u200b", "NOT", "AND",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_give_ordinary_results_or_none(cast, client, q):
    add(cast.org_a, 1, "ประกาศจัดซื้อจัดจ้าง", "b c d x")
    add(cast.org_b, 1, "จัดซื้อ x a b c d เบตา", "title organization 2 _org2 เบตา")
    response = page(client, q=q, category=q[:50], year=q[:20], page=q[:20])
    assert response.status_code == 200
    assert "เบตา" not in results_html(response)
    api = client.get("/api/v1/orgs/alpha/search", {"q": q, "page": q[:10], "year": q[:10]})
    assert api.status_code == 200
    assert all("/alpha/" in r["url"] for r in api.json()["results"])


def test_snippets_escape_then_mark(cast, client):
    add(cast.org_a, 1, "<b>ประกาศ</b> งบประมาณ", "ข้อความ <script>alert('x')</script> งบประมาณรายจ่าย & อื่น ๆ")
    body = page(client, q="งบประมาณ").content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;" in body
    assert "<mark>งบประมาณ</mark>" in body and "&lt;b&gt;ประกาศ&lt;/b&gt;" in body


def test_filters_and_pagination(cast, client):
    for i in range(1, 16):
        add(cast.org_a, i, f"ประกาศรับสมัครงาน {i}", category="jobs" if i % 2 else "news", fiscal_year=2566 if i <= 10 else 2567)
    with scope(organization=cast.org_a):
        assert selectors.search(organization=cast.org_a, q="ประกาศ").total == 15
        assert selectors.search(organization=cast.org_a, q="ประกาศ", category="jobs").total == 8
        assert selectors.search(organization=cast.org_a, q="ประกาศ", fiscal_year="๒๕๖๗").total == 5
        second = selectors.search(organization=cast.org_a, q="ประกาศ", page=2)
        assert len(second.results) == 5 and second.page.number == 2
    body = page(client, q="ประกาศ", category="jobs").content.decode()
    assert "พบ" in body and "ก่อนหน้า" not in body
    body = page(client, q="ประกาศ").content.decode()
    assert "page=2" in body and "q=%E0%B8%9B" in body  # the next-page link keeps the query


def test_empty_states(cast, client):
    assert "พิมพ์คำที่ต้องการค้นหา" in page(client).content.decode()
    assert "ไม่มีตัวอักษรหรือตัวเลข" in page(client, q="!!!").content.decode()
    assert "ไม่พบผลการค้นหา" in page(client, q="ไม่มีเรื่องนี้แน่นอน").content.decode()


def test_public_menu_has_search(cast, client):
    response = client.get(reverse("complaints:home", kwargs={"org_slug": "alpha"}))
    assert reverse("search:search", kwargs={"org_slug": "alpha"}) in response.content.decode()


def test_api_returns_ranked_marked_results(cast, client):
    add(cast.org_a, 1, "แผนการจัดซื้อจัดจ้าง", "ประจำปีงบประมาณ ๒๕๖๖")
    data = client.get("/api/v1/orgs/alpha/search", {"q": "จัดซื้อ"}).json()
    assert data["count"] == 1 and data["words"] == ["จัดซื้อ"]
    assert data["results"][0]["title_html"] == "แผนการ<mark>จัดซื้อ</mark>จัดจ้าง"
    assert data["results"][0]["url"].endswith("/alpha/doc/1/")
    assert client.get("/api/v1/organizations/alpha/search/", {"q": "จัดซื้อ"}).json()["count"] == 1
    assert "/api/v1/orgs/{org_slug}/search" in json.dumps(client.get("/api/v1/openapi.json").json()["paths"])


# --- the index follows public_content_changed ----------------------------------------------

def test_signal_indexes_and_unindexes_through_the_provider(cast, monkeypatch):
    state = {"doc": {"title": "ประกาศผลผู้ชนะการเสนอราคา", "body_text": "โครงการก่อสร้างถนน", "url": "/alpha/x/",
                     "category": "procurement", "fiscal_year": 2566, "published_at": dt.date(2023, 1, 5),
                     "attachments": []}}
    calls = []

    def document(*, organization, source, object_id):
        calls.append((organization.slug, source, object_id))
        return state["doc"]

    fake = types.SimpleNamespace(document=document, category_label=lambda c: "จัดซื้อจัดจ้าง")
    monkeypatch.setattr(services, "provider", lambda source: fake if source == "fake.notice" else None)

    public_content_changed.send(sender=None, organization=cast.org_a, source="fake.notice", object_id=7)
    entry = SearchEntry.objects.get(organization=cast.org_a, source="fake.notice", object_id="7")
    assert entry.category_label == "จัดซื้อจัดจ้าง" and calls == [("alpha", "fake.notice", 7)]
    assert titles(cast.org_a, "ถนน") == ["ประกาศผลผู้ชนะการเสนอราคา"]

    state["doc"] = {**state["doc"], "title": "ประกาศผลผู้ชนะ (แก้ไข)", "body_text": "โครงการขุดลอกคลอง"}
    public_content_changed.send(sender=None, organization=cast.org_a, source="fake.notice", object_id=7)
    assert SearchEntry.objects.filter(source="fake.notice").count() == 1
    assert titles(cast.org_a, "ถนน") == [] and titles(cast.org_a, "คลอง") == ["ประกาศผลผู้ชนะ (แก้ไข)"]

    state["doc"] = None  # withdrawn
    public_content_changed.send(sender=None, organization=cast.org_a, source="fake.notice", object_id=7)
    assert not SearchEntry.objects.filter(source="fake.notice").exists()
    assert titles(cast.org_a, "คลอง") == []


def test_a_failing_provider_does_not_break_the_sender(cast, monkeypatch):
    def document(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "provider", lambda source: types.SimpleNamespace(document=document))
    public_content_changed.send(sender=None, organization=cast.org_a, source="fake.notice", object_id=1)
    assert not SearchEntry.objects.exists()


def test_real_apps_index_their_public_content(cast, django_capture_on_commit_callbacks):
    from prongsai.complaints import services as complaints
    from prongsai.complaints.models import Topic

    today = timezone.localdate()
    data = {"title": "ร่างแผนพัฒนาท้องถิ่นห้าปี", "kind": "plan", "description": "ขอความเห็นเรื่องถนนและประปา",
            "department": None, "opens_on": today, "closes_on": today + dt.timedelta(days=5), "is_published": True}
    with django_capture_on_commit_callbacks(execute=True):
        topic = complaints.topic_save(topic=Topic(organization=cast.org_a), acting_user=cast.alice, data=data)
    assert titles(cast.org_a, "ประปา") == ["ร่างแผนพัฒนาท้องถิ่นห้าปี"]
    with django_capture_on_commit_callbacks(execute=True):
        complaints.topic_save(topic=topic, acting_user=cast.alice, data={**data, "is_published": False})
    assert titles(cast.org_a, "ประปา") == []


def test_rebuild_command_reindexes_from_the_apps(cast):
    from prongsai.complaints.models import Topic

    today = timezone.localdate()
    Topic.objects.create(organization=cast.org_a, title="ประชาคมหมู่บ้าน", description="รับฟังความเห็นเรื่องฝาย",
                         opens_on=today, closes_on=today, is_published=True)
    Topic.objects.create(organization=cast.org_a, title="ยังไม่เผยแพร่", description="ฝาย", opens_on=today,
                         closes_on=today, is_published=False)
    add(cast.org_a, 99, "รายการเก่าที่ถูกถอนแล้ว ฝาย")
    call_command("rebuild_search_index", "--org", "alpha", stdout=io.StringIO())
    assert titles(cast.org_a, "ฝาย") == ["ประชาคมหมู่บ้าน"]
    entry = SearchEntry.objects.get(organization=cast.org_a, source="complaints.topic")
    assert entry.category_label == "การมีส่วนร่วม"
    assert entry.url == reverse("complaints:topic_detail", kwargs={"org_slug": "alpha", "pk": entry.object_id})


def test_deleting_an_organization_removes_its_index(cast):
    from prongsai.testing.factories import OrganizationFactory

    gamma = OrganizationFactory(slug="gamma", base_name="แกมมา")
    add(gamma, 1, "ข้อมูลของแกมมา")
    gamma.delete()
    assert not SearchEntry.objects.exclude(organization__in=[cast.org_a, cast.org_b]).exists()
    add(cast.org_a, 1, "ข้อมูลของอัลฟา")
    assert titles(cast.org_a, "ข้อมูล") == ["ข้อมูลของอัลฟา"]


def test_many_matches_still_rank_title_matches_first(cast, monkeypatch):
    from prongsai.search import engine

    monkeypatch.setattr(engine, "PG_FULL_RANK_LIMIT", 1)  # PostgreSQL: the title-then-date order
    org = cast.org_a
    add(org, 1, "รายงานการประชุมสภา", "งบประมาณ งบประมาณ", published_at=timezone.now())
    add(org, 2, "ข้อบัญญัติงบประมาณรายจ่าย", "เอกสารแนบ", published_at=timezone.now() - dt.timedelta(days=30))
    add(org, 3, "ประกาศเก่า", "งบประมาณ", published_at=timezone.now() - dt.timedelta(days=60))
    assert titles(org, "งบประมาณ")[0] == "ข้อบัญญัติงบประมาณรายจ่าย"


def test_huge_words_and_bodies_are_indexed_without_error(cast):
    blob = "QUJD" * 2000  # a pasted base64 run: one 8,000-letter "word"
    nonsense = "ฆฌฆฌฆฌ" * 1000
    add(cast.org_a, 1, "ไฟล์แนบยาวมาก", f"{blob} {nonsense} " + "งบประมาณ " * 30000)
    assert titles(cast.org_a, "งบประมาณ") == ["ไฟล์แนบยาวมาก"]
    assert titles(cast.org_a, blob) == ["ไฟล์แนบยาวมาก"]  # cut alike in the index and in the query
