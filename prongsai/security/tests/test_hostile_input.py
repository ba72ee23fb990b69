"""Hostile text in every form a citizen or staff member can fill, found by crawling the demo:
CSRF enforced on public forms; XSS and template-syntax payloads never come back live in any page
(public or staff), e-mail, or export; spreadsheet exports neutralise formulas; never a 500."""

import csv
import io

import pytest
from django.core import mail
from django.test import Client
from django_scopes import scopes_disabled

from prongsai.accounts.models import User
from prongsai.security import discover

from ..payloads import FORMULA_START, PAYLOAD, SHORT, TEMPLATE_RESULT, html_problems

pytestmark = pytest.mark.django_db


def public_start(slug):
    paths = []
    for route in discover.all_routes():
        path = discover.fill_route(route, org_slug=slug)
        if path and "/staff/" not in path:
            paths.append(path)
    return ["/", f"/{slug}/", *paths]


def staff_start(slug):
    return [p for r in discover.all_routes() if (p := discover.fill_route(r, org_slug=slug)) and "/staff/" in p]


def public_forms(client, slug):
    found, pages = [], 0
    for path, response in discover.crawl(client, public_start(slug), prefix=f"/{slug}/", limit=150):
        pages += 1
        assert response.status_code < 500, path
        found += discover.forms_on(path, response)
    return discover.unique_forms(found), pages


def export_problems(path, response) -> list[str]:
    ctype = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    problems = []
    if "csv" in ctype:
        for row in csv.reader(io.StringIO(body.decode("utf-8-sig", "replace"))):
            problems += [f"{path}: formula cell {c[:30]!r}" for c in row if c.startswith(FORMULA_START) and "cmd|" in c]
    elif "spreadsheetml" in ctype:
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(body))
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and "cmd|" in c.value and (c.data_type == "f" or c.value.startswith(FORMULA_START)):
                        problems.append(f"{path}: formula cell {c.coordinate} {c.value[:30]!r}")
    elif "pdf" in ctype:
        from pypdf import PdfReader

        text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
        if TEMPLATE_RESULT in text:
            problems.append(f"{path}: template syntax evaluated in PDF")
    elif "wordprocessingml" in ctype:
        import docx

        text = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
        if TEMPLATE_RESULT in text:
            problems.append(f"{path}: template syntax evaluated in DOCX")
    elif "html" in ctype:
        problems += [f"{path}: {p}" for p in html_problems(body.decode("utf-8", "replace"))]
    return problems


def test_public_forms_refuse_posts_without_csrf_token(demo):
    client = Client(enforce_csrf_checks=True)
    forms, _ = public_forms(client, demo)
    assert forms, "no public form found"
    for form in forms:
        data = discover.form_data(form)
        data.pop("csrfmiddlewaretoken", None)
        response = Client(enforce_csrf_checks=True).post(form.action, data)
        assert response.status_code == 403, (form.action, response.status_code)


def addresses():
    """A fresh client address per submission, so per-address rate limits do not hide a form."""
    n = 0
    while True:
        n += 1
        yield f"198.51.{100 + n // 250}.{n % 250 + 1}"


def test_payloads_in_every_form_stay_inert(demo, humans, django_capture_on_commit_callbacks):
    problems, submitted = [], []
    ips = addresses()
    citizen = Client(enforce_csrf_checks=True, raise_request_exception=False, REMOTE_ADDR="198.51.100.7")
    forms, pages = public_forms(citizen, demo)
    assert pages > 5 and forms
    with django_capture_on_commit_callbacks(execute=True):
        for form in forms:
            if form.file_fields and not form.text_fields:
                continue
            response, _, responses = discover.submit(citizen, form, discover.form_data(form, PAYLOAD, short=SHORT),
                                                     addresses=ips)
            submitted.append((form.action, response.status_code))
            for r in responses:
                if r.status_code >= 500:
                    problems.append(f"{form.action}: {r.status_code}")
                problems += export_problems(form.action, r)

        # Staff: every page and export, every (non-destructive) form, as the organization's admin.
        with scopes_disabled():
            admin = User.objects.get(username="admin")
        staff = Client(enforce_csrf_checks=True, raise_request_exception=False)
        staff.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
        staff_forms = []
        for path, response in discover.crawl(staff, staff_start(demo), prefix=f"/{demo}/staff/", limit=250):
            if response.status_code >= 500:
                problems.append(f"{path}: {response.status_code}")
            staff_forms += discover.forms_on(path, response)
        for form in discover.unique_forms(staff_forms):
            if not form.text_fields or form.file_fields:
                continue
            response, _, responses = discover.submit(staff, form, discover.form_data(form, PAYLOAD, short=SHORT))
            submitted.append((form.action, response.status_code))
            for r in responses:
                if r.status_code >= 500:
                    problems.append(f"{form.action}: {r.status_code}")
                problems += export_problems(form.action, r)

    # Now the payloads are stored wherever a form accepted them: every page and export again.
    for client, start, prefix in ((staff, staff_start(demo), f"/{demo}/staff/"), (citizen, public_start(demo), f"/{demo}/")):
        for path, response in discover.crawl(client, start, prefix=prefix, limit=300):
            if response.status_code >= 500:
                problems.append(f"{path}: {response.status_code}")
            problems += export_problems(path, response)
    for message in mail.outbox:
        if "\n" in message.subject or "\r" in message.subject:
            problems.append(f"mail subject with a line break: {message.subject!r}")
        if TEMPLATE_RESULT in message.body:
            problems.append("template syntax evaluated in an e-mail")
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                problems += [f"mail html: {p}" for p in html_problems(content)]
    accepted = [a for a, status in submitted if status in (200, 201, 302, 303)]
    assert accepted, f"no form accepted the payload, so nothing stored was checked: {submitted}"
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("address, status", [
    ("/api/v1/orgs/alpha/eservice/requests/status?code=%00", 404),  # an empty code: not found
    ("/api/v1/orgs/alpha/eservice/requests/status?code=AB%00CD", 404),
    ("/alpha/eservice/track/AB%00CD/", 400),
    ("/alpha/lending/bookings/%00/", 400),
])
def test_a_nul_in_the_address_is_never_a_500(cast, client, address, status):
    """PostgreSQL text refuses NUL: found by schemathesis on the tracking-code endpoint."""
    assert client.get(address).status_code == status
