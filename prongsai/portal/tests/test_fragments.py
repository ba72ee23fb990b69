"""The home page's content is cached per organization, language and public version, and a
change announced with core.signals.public_content_changed shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prongsai.portal import fragments, services

pytestmark = pytest.mark.django_db


def home(client, org):
    return client.get(reverse("portal:home", kwargs={"org_slug": org.slug})).content.decode()


def test_the_home_content_is_cached_and_a_published_change_shows_at_once(client, cast, publish,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="ข่าวแรกของอัลฟา")
    assert "ข่าวแรกของอัลฟา" in home(client, cast.org_a)
    with CaptureQueriesContext(connection) as cached:
        assert "ข่าวแรกของอัลฟา" in home(client, cast.org_a)
    assert not any("portal_publication" in q["sql"] for q in cached.captured_queries)

    # Published without the signal (no commit in this test): the cached content stays …
    publish(title="ข่าวที่ยังไม่ประกาศ")
    assert "ข่าวที่ยังไม่ประกาศ" not in home(client, cast.org_a)
    # … and the signal that every public change sends after commit makes it show.
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="ข่าวที่สองของอัลฟา")
    page = home(client, cast.org_a)
    assert "ข่าวที่สองของอัลฟา" in page and "ข่าวที่ยังไม่ประกาศ" in page


def test_each_organization_and_language_has_its_own_cached_content(client, cast, publish,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(title="ข่าวของอัลฟาเท่านั้น")
        publish(org=cast.org_b, title="ข่าวของเบตาเท่านั้น")
    page_a, page_b = home(client, cast.org_a), home(client, cast.org_b)
    assert "ข่าวของอัลฟาเท่านั้น" in page_a and "ข่าวของเบตาเท่านั้น" not in page_a
    assert "ข่าวของเบตาเท่านั้น" in page_b and "ข่าวของอัลฟาเท่านั้น" not in page_b
    assert "เอกสารเผยแพร่ล่าสุด" in page_a
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Latest publications" in home(client, cast.org_a)


def test_a_change_to_one_organization_leaves_the_others_cache_alone(cast):
    a, b = fragments.public_version(cast.org_a), fragments.public_version(cast.org_b)
    assert fragments.public_version(cast.org_a) == a
    fragments.public_changed(cast.org_a)
    assert fragments.public_version(cast.org_a) != a and fragments.public_version(cast.org_b) == b


def test_executives_and_links_on_the_home_page_follow_their_edits(client, cast, django_capture_on_commit_callbacks):
    assert "สมชาย ทดสอบ" not in home(client, cast.org_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.executive_save(organization=cast.org_a, acting_user=cast.alice, executive=None,
                                data={"full_name": "สมชาย ทดสอบ", "position": "นายก", "side": "political", "order": 1})
    assert "สมชาย ทดสอบ" in home(client, cast.org_a)
