"""File-upload attacks through core.uploads and through every upload form the crawler finds
(public and staff) and the API's multipart endpoints: wrong content behind the right extension,
polyglots, a pixel flood, oversize and too many files. Expected: a 4xx answer, never a 500, and
no stored file that carries the attack's HTML."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_scopes import scopes_disabled

from prongsai.accounts.models import User
from prongsai.core.uploads import validate_upload
from prongsai.security import discover
from prongsai.security.attacks import MARK, attacks, png

pytestmark = pytest.mark.django_db
MAX = 60_000
# A PDF may legitimately contain any text; served as application/pdf with nosniff it is no page.
MAY_ACCEPT = {"PDF/HTML polyglot"}


@pytest.fixture
def small_limit(settings):
    settings.UPLOAD_MAX_BYTES = MAX


@pytest.mark.parametrize("name,data,what", [a for a in attacks(MAX) if a[2] not in MAY_ACCEPT])
def test_validate_upload_refuses(name, data, what, small_limit):
    kinds = {"pdf", "image", "docx"}
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile(name, data), kinds=kinds)


def stored_with_mark(root):
    root = Path(root)
    if not root.exists():
        return []
    return [p for p in root.rglob("*") if p.is_file() and p.suffix != ".pdf" and MARK in p.read_bytes()]


def stored_count(root):
    root = Path(root)
    return sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0


def upload_forms(client, start, prefix):
    found = []
    for path, response in discover.crawl(client, start, prefix=prefix, limit=250):
        found += [f for f in discover.forms_on(path, response) if f.file_fields]
    return discover.unique_forms(found)


def check_form(client, form, problems, ips=None):
    """Find values the form's other fields accept (adaptive, no file), then send every attack."""
    _, data, _ = discover.submit(client, form, discover.form_data(form), addresses=ips)
    file_field = form.file_fields[0]["name"]
    public = "/staff/" not in form.action
    for name, content, what in attacks(MAX):
        extra = {"REMOTE_ADDR": next(ips)} if ips else {}
        before = stored_count(settings.MEDIA_ROOT)
        response = client.post(form.action, {**data, file_field: SimpleUploadedFile(name, content)}, **extra)
        status = response.status_code
        if status >= 500:
            problems.append(f"{form.action} {what}: {status}")
        elif what not in MAY_ACCEPT:
            # Refused: a 4xx for citizens' forms; staff forms may redirect with an error message,
            # so for them "refused" means no file was stored.
            if public and not 400 <= status < 500:
                problems.append(f"{form.action} {what}: {status}")
            if stored_count(settings.MEDIA_ROOT) != before:
                problems.append(f"{form.action} {what}: stored ({status})")
    # Too many files in one request: Django refuses before any view code runs.
    many = [SimpleUploadedFile(f"p{i}.png", png(1, 1)) for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
    extra = {"REMOTE_ADDR": next(ips)} if ips else {}
    response = client.post(form.action, {**data, file_field: many}, **extra)
    if response.status_code != 400:
        problems.append(f"{form.action} too many files: {response.status_code}")


def test_every_upload_form_refuses_attacks(demo, humans, small_limit, settings):
    problems, checked = [], []
    ips = (f"203.0.113.{i % 250 + 1}" for i in range(10_000))
    citizen = Client(raise_request_exception=False)
    starts = [p for r in discover.all_routes() if (p := discover.fill_route(r, org_slug=demo)) and "/staff/" not in p]
    for form in upload_forms(citizen, [f"/{demo}/", *starts], f"/{demo}/"):
        checked.append(form.action)
        check_form(citizen, form, problems, ips)
    with scopes_disabled():
        admin = User.objects.get(username="admin")
    staff = Client(raise_request_exception=False)
    staff.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    staff_starts = [p for r in discover.all_routes() if (p := discover.fill_route(r, org_slug=demo)) and "/staff/" in p]
    for form in upload_forms(staff, staff_starts, f"/{demo}/staff/"):
        checked.append(form.action)
        check_form(staff, form, problems)
    assert any("/staff/" not in a for a in checked) and any("/staff/" in a for a in checked), checked
    problems += [f"stored file carries the attack's HTML: {p}" for p in stored_with_mark(settings.MEDIA_ROOT)]
    assert not problems, "\n".join(problems)


def test_api_multipart_endpoints_refuse_attacks(cast, small_limit, settings):
    client = Client(raise_request_exception=False, REMOTE_ADDR="203.0.113.50")
    problems = []
    for i, (name, content, what) in enumerate(attacks(MAX)):
        # One complaint per attack: follow-up attempts are limited per code (10 an hour).
        r = client.post(f"/api/v1/orgs/{cast.org_a.slug}/complaints", {
            "category": "other", "subject": "ถนนชำรุด", "details": "หลุมบ่อหน้าโรงเรียน", "name": "สมชาย ใจดี",
            "phone": "0812345678"}, content_type="application/json", REMOTE_ADDR=f"203.0.113.{100 + i}")
        assert r.status_code == 201, r.content
        receipt = r.json()
        response = client.post(f"/api/v1/orgs/{cast.org_a.slug}/complaints/attachments",
                               {"code": receipt["code"], "secret": receipt["secret"], "file": SimpleUploadedFile(name, content)},
                               HTTP_IDEMPOTENCY_KEY=f"attack-{i}", REMOTE_ADDR=f"203.0.113.{60 + i}")
        if response.status_code >= 500 or (what not in MAY_ACCEPT and response.status_code != 400):
            problems.append(f"{what}: {response.status_code}")
    problems += [f"stored file carries the attack's HTML: {p}" for p in stored_with_mark(settings.MEDIA_ROOT)]
    assert not problems, "\n".join(problems)
