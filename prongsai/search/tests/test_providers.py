"""The search.py providers of the apps on this branch, through the signal and a rebuild."""

from __future__ import annotations

import datetime as dt
import io
import sys
import types

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from prongsai.search import selectors, services
from prongsai.search.models import SearchEntry
from prongsai.tenancy.models import Membership

pytestmark = pytest.mark.django_db


def titles(org, q):
    with scope(organization=org):
        return [r.entry.title for r in selectors.search(organization=org, q=q).results]


def test_a_lending_item_saved_through_its_service_is_indexed_and_unindexed(cast, django_capture_on_commit_callbacks):
    from prongsai.lending import services as lending
    from prongsai.lending.models import LendableItem

    data = {"name": "เครื่องตัดหญ้าสะพายบ่า", "kind": "equipment", "asset_number": "", "description": "ใช้น้ำมันเบนซิน",
            "location": "โรงเก็บพัสดุ", "department": cast.finance_a, "second_approver": None, "conditions": "",
            "max_days": 7, "public": True, "is_active": True,
            "responsible": Membership.objects.get(organization=cast.org_a, user=cast.bob)}
    with django_capture_on_commit_callbacks(execute=True):
        item = lending.item_save(item=LendableItem(organization=cast.org_a), acting_user=cast.admin_a, data=data)
    assert titles(cast.org_a, "ตัดหญ้า") == ["เครื่องตัดหญ้าสะพายบ่า"]
    entry = SearchEntry.objects.get(source="lending.lendableitem")
    assert entry.url == reverse("lending:item_detail", kwargs={"org_slug": "alpha", "pk": item.pk})
    assert titles(cast.org_b, "ตัดหญ้า") == []
    with django_capture_on_commit_callbacks(execute=True):
        lending.item_save(item=item, acting_user=cast.admin_a, data={**data, "is_active": False})
    assert titles(cast.org_a, "ตัดหญ้า") == []


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_hr_announcements_are_indexed_with_their_attachment_once_published(cast):
    from prongsai.training.models import HRAnnouncement

    today = timezone.localdate()
    published = HRAnnouncement(organization=cast.org_a, kind="performance", title="หลักเกณฑ์การประเมินผลงาน",
                               body="สาระสำคัญ", round_start=today, round_end=today + dt.timedelta(days=180),
                               published_on=today)
    published.file.save("criteria.docx", ContentFile(_docx_bytes("ตัวชี้วัดสมรรถนะหลักของพนักงาน")), save=False)
    published.save()
    HRAnnouncement.objects.create(organization=cast.org_a, kind="salary_step", title="ร่างหลักเกณฑ์เลื่อนขั้น",
                                  body="ตัวชี้วัด", round_start=today, round_end=today, published_on=None)
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert titles(cast.org_a, "สมรรถนะ") == ["หลักเกณฑ์การประเมินผลงาน"]  # text of the attached DOCX
    assert titles(cast.org_a, "ตัวชี้วัด") == ["หลักเกณฑ์การประเมินผลงาน"]  # the draft is not public
    entry = SearchEntry.objects.get(source="training.hrannouncement")
    assert entry.category_label == "ประกาศหลักเกณฑ์ด้านบุคคล"


def test_measures_plans_are_skipped_until_they_have_a_public_page(cast):
    from prongsai.measures import search as measures_search

    assert list(measures_search.documents(organization=cast.org_a)) == []


def test_category_label_falls_back_to_the_apps_categories_module(monkeypatch):
    package = types.ModuleType("fakeapp")
    provider = types.ModuleType("fakeapp.search")
    categories = types.ModuleType("fakeapp.categories")
    categories.get = lambda slug: types.SimpleNamespace(name="ประกาศจัดซื้อจัดจ้าง") if slug == "proc" else None
    for name, module in (("fakeapp", package), ("fakeapp.search", provider), ("fakeapp.categories", categories)):
        monkeypatch.setitem(sys.modules, name, module)
    assert services._category_label(provider, "proc", {}) == "ประกาศจัดซื้อจัดจ้าง"
    assert services._category_label(provider, "other", {}) == "other"
    assert services._category_label(provider, "proc", {"category_label": "ป้าย"}) == "ป้าย"
