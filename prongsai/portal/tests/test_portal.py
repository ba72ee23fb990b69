import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from prongsai.core.signals import public_content_changed
from prongsai.portal import search, services
from prongsai.portal.models import Executive, Publication, PublicationEvent, SiteProfile
from prongsai.tenancy.models import Membership

pytestmark = pytest.mark.django_db

ROW = {"item": "จัดซื้อวัสดุสำนักงาน", "amount": Decimal("5000"), "reference_price": Decimal("5000"),
       "method": "เฉพาะเจาะจง", "bidders": "ร้าน ก 5,000.00", "winner": "ร้าน ก", "winner_price": Decimal("5000"),
       "reason": "ราคาต่ำสุด", "contract_no": "1/2566", "contract_date": dt.date(2022, 10, 5)}


def url(name, org, **kw):
    return reverse(name, kwargs={"org_slug": org.slug, **kw})


# --- tenancy ---------------------------------------------------------------------------------


def test_no_page_feed_sitemap_export_or_api_of_one_org_shows_anothers(client, cast, publish):
    a = publish(title="ข่าวของอัลฟาเท่านั้น")
    proc = publish(title="สขร อัลฟา", category="procurement-summary", period=dt.date(2022, 10, 1), rows=[ROW],
                   department=cast.finance_a)
    b = publish(cast.org_b, title="ข่าวของเบตา")
    pages = [url("portal:home", cast.org_b), url("portal:publications", cast.org_b),
             url("portal:category", cast.org_b, category="news"), url("portal:feed_rss", cast.org_b),
             url("portal:feed_atom", cast.org_b), url("portal:sitemap", cast.org_b),
             "/api/v1/orgs/beta/publications", "/api/v1/orgs/beta/publications.csv",
             "/api/v1/orgs/beta/procurement-summaries?format=csv", "/api/v1/orgs/beta/procurement-summaries"]
    for page in pages:
        body = client.get(page).content.decode()
        assert "อัลฟา" not in body, page
        assert "/alpha/" not in body, page
    assert "ข่าวของเบตา" in client.get(url("portal:home", cast.org_b)).content.decode()
    # Another organization's objects under this organization's slug: 404
    assert client.get(url("portal:publication", cast.org_b, pk=a.pk)).status_code == 404
    assert client.get(url("portal:procurement_csv", cast.org_b, pk=proc.pk)).status_code == 404
    assert client.get(f"/api/v1/orgs/beta/publications/{a.pk}").status_code == 404
    assert client.get(url("portal:publication", cast.org_a, pk=b.pk)).status_code == 404
    assert search.document(organization=cast.org_b, source="portal.publication", object_id=a.pk) is None
    assert all(d["title"] != a.title for d in search.documents(organization=cast.org_b))


def test_staff_of_b_cannot_edit_a(client_for, cast, publish):
    a = publish()
    client = client_for(cast.olivia)
    assert client.get(url("portal:staff_publication", cast.org_b, pk=a.pk)).status_code == 404
    assert client.get(url("portal:staff_publication", cast.org_a, pk=a.pk)).status_code == 404
    assert client.post(url("portal:staff_publication_withdraw", cast.org_b, pk=a.pk),
                       {"reason": "x"}).status_code == 404


def test_unknown_slug_category_year_give_thai_404(client, cast):
    for path in ["/no-such-org/", "/alpha/publications/no-such-category/", "/alpha/publications/news/1999/",
                 "/alpha/publications/news/9999/", "/alpha/p/999999/"]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_site_domain_middleware_serves_the_org_on_its_domain(client, cast, publish):
    SiteProfile.objects.create(organization=cast.org_b, domain="www.beta.example.go.th")
    publish(cast.org_b, title="ข่าวบนโดเมนเบตา")
    publish(title="ข่าวของอัลฟา")
    response = client.get("/", HTTP_HOST="www.beta.example.go.th")
    assert response.status_code == 200
    body = response.content.decode()
    assert "ข่าวบนโดเมนเบตา" in body and "ข่าวของอัลฟา" not in body
    assert client.get("/publications/news/", HTTP_HOST="www.beta.example.go.th").status_code == 200
    # links carry the slug and still work on the domain; another org's slug stays another org
    assert client.get("/beta/contact/", HTTP_HOST="www.beta.example.go.th").status_code == 200
    assert client.get("/health/", HTTP_HOST="www.beta.example.go.th").status_code == 200


# --- sanitisation ----------------------------------------------------------------------------

DIRTY = ('<p onclick="steal()">สวัสดี<script>alert(1)</script></p><a href="javascript:alert(2)">ลิงก์</a>'
         '<iframe src="https://evil.example"></iframe><img src="x.png" onerror="alert(3)" alt="ภาพ">')


def _assert_clean(html):
    lowered = html.lower()
    for bad in ("<script", "onclick", "onerror", "javascript:", "<iframe", "alert(1)"):
        assert bad not in lowered, bad


def test_rich_text_is_cleaned_on_save_and_on_output(client, cast, publish):
    pub = publish(body=DIRTY)
    pub.refresh_from_db()
    _assert_clean(pub.body)
    assert "สวัสดี" in pub.body
    # something that bypassed the service (e.g. a raw import) is still cleaned when shown
    Publication.objects.filter(pk=pub.pk).update(body=DIRTY)
    page = client.get(url("portal:publication", cast.org_a, pk=pub.pk)).content.decode()
    main = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    _assert_clean(main)
    assert "สวัสดี" in main
    feed = client.get(url("portal:feed_rss", cast.org_a)).content.decode()
    assert "<script" not in feed and "alert(1)" not in feed


def test_info_page_is_cleaned(client, cast):
    services.info_page_save(organization=cast.org_a, acting_user=cast.alice, kind="duties", body=DIRTY)
    body = client.get(url("portal:duties", cast.org_a)).content.decode()
    _assert_clean(body.split('<main id="main"', 1)[1].split("</main>", 1)[0])


# --- permissions by department -----------------------------------------------------------------


def test_department_staff_publish_only_in_their_departments_categories(client_for, cast):
    bob = Membership.objects.get(user=cast.bob)  # กองคลัง
    allowed = services.allowed_categories(bob)
    assert "budget-plan" in allowed and "procurement-summary" in allowed
    assert "news" not in allowed
    admin = Membership.objects.get(user=cast.alice)  # coordinator: all
    assert "news" in services.allowed_categories(admin)
    assert services.allowed_categories(Membership.objects.get(user=cast.victor)) == []

    client = client_for(cast.bob)
    ok = client.post(url("portal:staff_publication_new", cast.org_a), {
        "title": "แผนการใช้จ่ายงบประมาณ", "category": "budget-plan", "fiscal_year": "๒๕๖๖",
        "publication_date": "2023-01-10", "department": cast.finance_a.pk, "body": "x",
        "rows-TOTAL_FORMS": "0", "rows-INITIAL_FORMS": "0"})
    assert ok.status_code == 302
    refused = client.post(url("portal:staff_publication_new", cast.org_a), {
        "title": "ข่าว", "category": "news", "fiscal_year": "2566", "publication_date": "2023-01-10",
        "department": cast.finance_a.pk, "rows-TOTAL_FORMS": "0", "rows-INITIAL_FORMS": "0"})
    assert refused.status_code == 200
    assert "หมวด" in refused.content.decode() and "error-summary" in refused.content.decode()
    assert Publication.objects.filter(organization=cast.org_a).count() == 1
    # an admin may assign a category to กองคลัง
    services.category_departments_set(organization=cast.org_a, acting_user=cast.admin_a, category="news",
                                      departments=[cast.finance_a])
    assert "news" in services.allowed_categories(bob)


def test_department_staff_cannot_edit_another_departments_publication(client_for, cast, publish):
    pub = publish(category="budget-plan", department=cast.office_a)  # สำนักปลัด's, in a กองคลัง category
    client = client_for(cast.bob)
    assert client.get(url("portal:staff_publication", cast.org_a, pk=pub.pk)).status_code == 403
    assert client.post(url("portal:staff_publication_withdraw", cast.org_a, pk=pub.pk),
                       {"reason": "ไม่ใช่ของฉัน"}).status_code == 403
    pub.refresh_from_db()
    assert pub.status == Publication.Status.PUBLISHED


def test_viewer_has_no_publishing_pages(client_for, cast):
    client = client_for(cast.victor)
    assert client.get(url("portal:staff_publications", cast.org_a)).status_code == 403
    assert client.get(url("portal:staff_look", cast.org_a)).status_code == 403


# --- publishing, withdrawal and history ---------------------------------------------------------


def test_withdrawal_is_kept_in_history_and_hidden_from_lists(client, cast, publish, django_capture_on_commit_callbacks):
    received = []

    def listener(**kwargs):
        received.append((kwargs["source"], kwargs["object_id"], kwargs["organization"].slug))

    public_content_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            pub = publish(title="ประกาศที่จะถอน", body="<p>รายละเอียดลับ</p>")
        assert ("portal.publication", pub.pk, "alpha") in received
        received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.publication_withdraw(organization=cast.org_a, acting_user=cast.alice,
                                          membership=Membership.objects.get(user=cast.alice), publication=pub,
                                          reason="ข้อมูลคลาดเคลื่อน")
        assert received == [("portal.publication", pub.pk, "alpha")]
    finally:
        public_content_changed.disconnect(listener)
    actions = list(PublicationEvent.objects.filter(publication=pub).values_list("action", flat=True))
    assert actions == ["created", "published", "withdrawn"]
    assert PublicationEvent.objects.get(publication=pub, action="withdrawn").note == "ข้อมูลคลาดเคลื่อน"
    page = client.get(url("portal:publication", cast.org_a, pk=pub.pk)).content.decode()
    assert "ถอนการเผยแพร่แล้ว" in page and "ข้อมูลคลาดเคลื่อน" in page and "รายละเอียดลับ" not in page
    assert "ประกาศที่จะถอน" not in client.get(url("portal:publications", cast.org_a)).content.decode()
    assert "ประกาศที่จะถอน" not in client.get(url("portal:feed_rss", cast.org_a)).content.decode()
    assert search.document(organization=cast.org_a, source="portal.publication", object_id=pub.pk) is None
    with pytest.raises(ValidationError):
        services.publication_withdraw(organization=cast.org_a, acting_user=cast.alice,
                                      membership=Membership.objects.get(user=cast.alice), publication=pub, reason="")


def test_drafts_are_not_public(client, cast, publish):
    draft = publish(title="ร่างยังไม่เผยแพร่", status="draft")
    assert client.get(url("portal:publication", cast.org_a, pk=draft.pk)).status_code == 404
    assert "ร่างยังไม่เผยแพร่" not in client.get(url("portal:sitemap", cast.org_a)).content.decode()


def test_monthly_category_needs_a_month_inside_the_fiscal_year(cast, publish):
    with pytest.raises(ValidationError) as exc:
        publish(category="procurement-summary", department=cast.finance_a)
    assert "period" in exc.value.message_dict
    with pytest.raises(ValidationError):
        publish(category="procurement-summary", department=cast.finance_a, period=dt.date(2024, 1, 1))


# --- exports ---------------------------------------------------------------------------------


def test_csv_and_xlsx_are_safe_from_formula_injection(client, cast, publish):
    evil = {**ROW, "item": '=HYPERLINK("http://evil.example","คลิก")', "winner": "+66 cmd", "reason": "@SUM(A1)",
            "bidders": "-2+3"}
    pub = publish(category="procurement-summary", period=dt.date(2022, 10, 1), rows=[evil],
                  department=cast.finance_a)
    response = client.get(url("portal:procurement_csv", cast.org_a, pk=pub.pk))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1].startswith("'=HYPERLINK")
    assert rows[1][6] == "'+66 cmd" and rows[1][8] == "'@SUM(A1)" and rows[1][5] == "'-2+3"
    assert rows[1][2] == "5000.00"  # numbers stay numbers

    from openpyxl import load_workbook

    response = client.get(url("portal:procurement_xlsx", cast.org_a, pk=pub.pk))
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(row=2, column=2).value.startswith("'=")
    assert ws.cell(row=2, column=2).data_type == "s"
    api = client.get("/api/v1/orgs/alpha/procurement-summaries.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in api and "\n=HYPERLINK" not in api and ",=HYPERLINK" not in api


def test_api_json_lists_publications_executives_contact(client, cast, publish):
    publish(title="ข่าวหนึ่ง")
    services.executive_save(organization=cast.org_a, acting_user=cast.alice, executive=None,
                            data={"full_name": "นายทดสอบ ผู้บริหาร", "position": "นายก", "side": "political",
                                  "order": 0, "phone": "0800000000", "email": ""})
    data = client.get("/api/v1/orgs/alpha/publications?fiscal_year=2566").json()
    assert data["count"] == 1 and data["items"][0]["title"] == "ข่าวหนึ่ง"
    assert client.get("/api/v1/orgs/alpha/executives").json()[0]["full_name"] == "นายทดสอบ ผู้บริหาร"
    assert "นายทดสอบ" in client.get("/api/v1/orgs/alpha/executives?format=csv").content.decode("utf-8-sig")
    assert client.get("/api/v1/orgs/alpha/contact").status_code == 200
    assert client.get("/api/v1/orgs/alpha/publications?category=nope").status_code == 404
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/orgs/{org_slug}/procurement-summaries" in schema["paths"]


# --- pagination ------------------------------------------------------------------------------


def test_every_list_paginates(client, cast, publish):
    for n in range(25):
        publish(title=f"ข่าวลำดับ {n:02d}", publication_date=dt.date(2023, 1, 1) + dt.timedelta(days=n))
    first = client.get(url("portal:category", cast.org_a, category="news")).content.decode()
    second = client.get(url("portal:category", cast.org_a, category="news") + "?page=2").content.decode()
    assert first.count("ข่าวลำดับ") == 20 and second.count("ข่าวลำดับ") == 5
    assert "ข่าวลำดับ 24" in first and "ข่าวลำดับ 00" in second
    assert "?year=2566&amp;page=2" in client.get(url("portal:publications", cast.org_a) + "?year=2566").content.decode()
    # out of range or junk page numbers give a page, not an error
    assert client.get(url("portal:publications", cast.org_a) + "?page=999").status_code == 200
    assert client.get(url("portal:publications", cast.org_a) + "?page=abc").status_code == 200
    api = client.get("/api/v1/orgs/alpha/publications?page=1").json()
    assert api["count"] == 25 and api["pages"] == 1


# --- uploads ---------------------------------------------------------------------------------


def _jpeg_with_exif() -> bytes:
    img = Image.new("RGB", (60, 80), "#336699")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x013B] = "Photographer Name"  # Artist
    buf = io.BytesIO()
    img.save(buf, format="JPEG", exif=exif)
    return buf.getvalue()


def test_executive_photo_is_reencoded_without_metadata(cast):
    data = _jpeg_with_exif()
    assert b"SecretCamera" in data
    e = services.executive_save(organization=cast.org_a, acting_user=cast.alice, executive=None,
                                photo=SimpleUploadedFile("me.jpg", data, content_type="image/jpeg"),
                                data={"full_name": "นางทดสอบ", "position": "ปลัด", "side": "official", "order": 0})
    stored = e.photo.read()
    assert b"SecretCamera" not in stored and b"Photographer" not in stored
    assert "me" not in e.photo.name.rsplit("/", 1)[-1]
    with pytest.raises(ValidationError):
        services.executive_save(organization=cast.org_a, acting_user=cast.alice, executive=None,
                                photo=SimpleUploadedFile("fake.jpg", b"%PDF-1.4 not an image"),
                                data={"full_name": "x", "position": "y", "side": "official", "order": 0})
    assert Executive.objects.filter(organization=cast.org_a).count() == 1


def test_site_colour_must_have_contrast(cast):
    with pytest.raises(ValidationError) as exc:
        services.site_profile_update(organization=cast.org_a, acting_user=cast.admin_a,
                                     data={"primary_colour": "#ffff66"})
    assert "primary_colour" in exc.value.message_dict
    profile = services.site_profile_update(organization=cast.org_a, acting_user=cast.admin_a,
                                           data={"primary_colour": "#7a1f1f"})
    assert profile.primary_colour == "#7a1f1f"


def test_thai_first_with_an_english_switch(client, cast, publish):
    publish(title="ข่าวหนึ่ง")
    home = url("portal:home", cast.org_a)
    thai = client.get(home, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "เอกสารเผยแพร่ล่าสุด" in thai and '<html lang="th">' in thai  # the browser's language is not enough
    import html as htmllib
    import re

    switch = htmllib.unescape(re.search(r'href="(/i18n/lang/en/[^"]+)"', thai).group(1))
    response = client.get(switch)
    assert response.status_code == 302 and response["Location"] == home
    english = client.get(home).content.decode()
    assert "Latest publications" in english and "Skip to content" in english and '<html lang="en">' in english
    assert "ข่าวหนึ่ง" in english  # content stays as written


def test_the_language_switch_stays_on_this_site(client, cast):
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.get("/i18n/lang/en/", {"next": target})
        assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/i18n/lang/xx/").status_code == 404


def test_an_anonymous_public_page_sets_no_cookie_and_carries_no_token(client, cast, publish):
    """So every visitor gets the same bytes and the front proxy may cache them (deploy/nginx)."""
    publish(title="ข่าวหนึ่ง")
    response = client.get(url("portal:home", cast.org_a))
    assert response.status_code == 200 and not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["portal:structure", "portal:executives", "portal:contact", "portal:publications"])
def test_public_pages_without_forms_are_shareable_and_a_form_page_is_not(client, cast, name):
    assert "public" in client.get(url(name, cast.org_a))["Cache-Control"]
    form_page = client.get(url("portal:questions", cast.org_a))  # marked too, but its form sets a CSRF cookie
    assert form_page.cookies and "private" in form_page["Cache-Control"]


def test_a_signed_in_view_of_the_public_site_is_never_shared(client, client_for, cast):
    response = client_for(cast.alice).get(url("portal:home", cast.org_a))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def _png_bytes(colour="#336699") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(buf, format="PNG")
    return buf.getvalue()


def test_staff_forms_store_good_input_and_explain_bad_input_in_thai(client_for, cast):
    admin = client_for(cast.admin_a)
    look = url("portal:staff_look", cast.org_a)
    bad = admin.post(look, {"primary_colour": "#ffff99", "tagline": "", "cover_alt": "", "domain": "NOT A DOMAIN"})
    body = bad.content.decode()
    assert bad.status_code == 200 and "error-summary" in body and "ชื่อโดเมนไม่ถูกต้อง" in body
    assert not SiteProfile.objects.filter(organization=cast.org_a, domain__isnull=False).exists()
    ok = admin.post(look, {"primary_colour": "#1d5e3a", "tagline": "ยินดีต้อนรับ", "cover_alt": "ทุ่งนา",
                           "domain": "www.alpha.example.go.th",
                           "logo_file": SimpleUploadedFile("logo.png", _png_bytes(), content_type="image/png")})
    assert ok.status_code == 302
    profile = SiteProfile.objects.get(organization=cast.org_a)
    assert profile.primary_colour == "#1d5e3a" and profile.logo and profile.domain == "www.alpha.example.go.th"
    assert "#1d5e3a" in admin.get(url("portal:home", cast.org_a)).content.decode()

    new_exec = url("portal:staff_executive_new", cast.org_a)
    bad = admin.post(new_exec, {"full_name": "", "position": "นายก", "side": "political", "order": "๐",
                                "email": "ไม่ใช่อีเมล"})
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()
    assert not Executive.objects.filter(organization=cast.org_a).exists()
    ok = admin.post(new_exec, {"full_name": "นายทดสอบ ดีมาก", "position": "นายก", "side": "political", "order": "๑",
                               "email": "a@example.go.th", "department": cast.office_a.pk,
                               "photo_file": SimpleUploadedFile("p.png", _png_bytes(), content_type="image/png")})
    assert ok.status_code == 302
    e = Executive.objects.get(organization=cast.org_a)
    assert e.order == 1 and e.photo and e.department == cast.office_a

    coordinator = client_for(cast.alice)
    contact = coordinator.post(url("portal:staff_contact", cast.org_a), {
        "address": "หมู่ ๑", "postcode": "30220", "phone": "044", "fax": "045", "email": "x@example.go.th",
        "latitude": "15.1", "longitude": ""})
    assert contact.status_code == 200 and "ลองจิจูด" in contact.content.decode()
    contact = coordinator.post(url("portal:staff_contact", cast.org_a), {
        "address": "หมู่ ๑", "postcode": "30220", "phone": "044", "fax": "045", "email": "x@example.go.th",
        "latitude": "๑๕.๑", "longitude": "102.05"})
    assert contact.status_code == 302
    cast.org_a.refresh_from_db()
    assert cast.org_a.fax == "045" and cast.org_a.latitude == Decimal("15.1")
    assert "leaflet.js" in coordinator.get(url("portal:contact", cast.org_a)).content.decode()


def test_structured_pages_and_files_stay_with_their_org(client, cast, publish):
    services.executive_save(organization=cast.org_a, acting_user=cast.alice, executive=None,
                            data={"full_name": "นายอัลฟา ผู้บริหาร", "position": "นายก", "side": "political", "order": 0})
    services.info_page_save(organization=cast.org_a, acting_user=cast.alice, kind="duties", body="<p>หน้าที่อัลฟา</p>")
    services.question_save(organization=cast.org_a, acting_user=cast.alice, question=None,
                           data={"question": "คำถามอัลฟา", "answer": "ตอบ", "order": 0, "is_published": True})
    services.social_link_save(organization=cast.org_a, acting_user=cast.alice, link=None,
                              data={"network": "line", "label": "ไลน์อัลฟา", "url": "https://line.me/x", "order": 0})
    for name in ("portal:executives", "portal:structure", "portal:duties", "portal:questions", "portal:contact"):
        body = client.get(url(name, cast.org_b)).content.decode()
        assert "อัลฟา" not in body, name
    assert client.get("/api/v1/orgs/beta/executives").json() == []
    pdf = SimpleUploadedFile("a.pdf", _tiny_pdf(), content_type="application/pdf")
    pub = publish(attachments=[pdf])
    att = pub.attachments.get()
    served = client.get(url("portal:attachment", cast.org_a, pk=pub.pk, file_pk=att.pk))
    assert served.status_code == 200
    # a shared cache must not keep serving it after a withdrawal
    assert "private" in served["Cache-Control"] and "public" not in served["Cache-Control"]
    assert client.get(url("portal:attachment", cast.org_b, pk=pub.pk, file_pk=att.pk)).status_code == 404
    services.publication_withdraw(organization=cast.org_a, acting_user=cast.alice,
                                  membership=Membership.objects.get(user=cast.alice), publication=pub, reason="ผิด")
    assert client.get(url("portal:attachment", cast.org_a, pk=pub.pk, file_pk=att.pk)).status_code == 404
    # beta's own domain does not reach alpha's pages
    SiteProfile.objects.create(organization=cast.org_b, domain="beta.example.go.th")
    assert client.get(f"/alpha/p/{pub.pk}/", HTTP_HOST="beta.example.go.th").status_code == 404


def _tiny_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _token(age=10):
    import time

    from django.core import signing

    from prongsai.core import antiabuse

    return signing.dumps({"t": time.time() - age, "n": "t"}, salt=antiabuse._SALT)


def test_citizens_ask_on_the_qa_page_and_staff_answer(client, client_for, cast):
    from prongsai.portal.models import FaqEntry

    qa = url("portal:questions", cast.org_a)
    empty = client.post(qa, {"question": "", "form_token": _token()})
    assert empty.status_code == 200 and "กรุณาพิมพ์คำถาม" in empty.content.decode()
    assert client.post(qa, {"question": "ขอถามเรื่องเบี้ยยังชีพ", "form_token": _token()}).status_code == 302
    bot = client.post(qa, {"question": "spam spam", "website": "http://spam", "form_token": _token()})
    assert bot.status_code == 302
    asked = FaqEntry.objects.get(organization=cast.org_a)
    assert asked.question == "ขอถามเรื่องเบี้ยยังชีพ" and not asked.is_published and asked.asked_at
    assert "ขอถามเรื่องเบี้ยยังชีพ" not in client.get(qa).content.decode()  # not shown before it is answered
    with pytest.raises(ValidationError):
        services.question_save(organization=cast.org_a, acting_user=cast.alice, question=asked,
                               data={"is_published": True})
    staff = client_for(cast.alice)
    assert "รอคำตอบ" in staff.get(url("portal:staff_questions", cast.org_a)).content.decode()
    services.question_save(organization=cast.org_a, acting_user=cast.alice, question=asked,
                           data={"answer": "ลงทะเบียนที่กองสวัสดิการสังคม", "is_published": True})
    client.logout()
    assert "ลงทะเบียนที่กองสวัสดิการสังคม" in client.get(qa).content.decode()
    for _ in range(6):
        last = client.post(qa, {"question": "คำถามซ้ำ ๆ", "form_token": _token()})
    assert last.status_code == 429
