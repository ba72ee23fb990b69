"""Opinions and participation (O30): moderated comments, the summary, roles and tenancy."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.complaints import services
from prongsai.complaints.models import Topic, TopicComment

from .conftest import form_token

pytestmark = pytest.mark.django_db


def url(name, org="alpha", **kw):
    return reverse(f"complaints:{name}", kwargs={"org_slug": org, **kw})


def topic(org, user, **extra):
    today = timezone.localdate()
    data = {"title": "ร่างแผนพัฒนาท้องถิ่น", "kind": "plan", "description": "ขอความเห็น", "department": None,
            "opens_on": today - dt.timedelta(days=1), "closes_on": today + dt.timedelta(days=5), "is_published": True}
    data.update(extra)
    return services.topic_save(topic=Topic(organization=org), acting_user=user, data=data)


def test_a_comment_is_published_only_after_moderation(cast, client):
    t = topic(cast.org_a, cast.alice)
    response = client.post(url("topic_detail", pk=t.pk), {"display_name": "", "body": "เห็นด้วย<b>มาก</b>",
                                                          "website": "", "form_token": form_token()})
    assert response.status_code == 200 and "หลังเจ้าหน้าที่ตรวจสอบ" in response.content.decode()
    comment = TopicComment.objects.get()
    assert comment.status == "pending"
    assert "เห็นด้วย" not in client.get(url("topic_detail", pk=t.pk)).content.decode()
    client.force_login(cast.bob)
    assert client.post(url("comment_moderate", pk=t.pk, comment_pk=comment.pk), {"decision": "publish"}).status_code == 302
    client.logout()
    body = client.get(url("topic_detail", pk=t.pk)).content.decode()
    assert "เห็นด้วย&lt;b&gt;มาก&lt;/b&gt;" in body


def test_a_closed_topic_takes_no_comments(cast, client):
    today = timezone.localdate()
    t = topic(cast.org_a, cast.alice, opens_on=today - dt.timedelta(days=9), closes_on=today - dt.timedelta(days=2))
    response = client.post(url("topic_detail", pk=t.pk), {"body": "สาย", "website": "", "form_token": form_token()})
    assert response.status_code == 404 and not TopicComment.objects.exists()


def test_the_summary_needs_outcome_and_use_before_publishing(cast, client):
    t = topic(cast.org_a, cast.alice)
    client.force_login(cast.alice)
    bad = client.post(url("staff_topic", pk=t.pk), {"participants_count": "", "participants_note": "", "outcome": "",
                                                    "usage": "", "publish": "on"})
    assert bad.status_code == 400
    good = client.post(url("staff_topic", pk=t.pk), {"participants_count": "40", "participants_note": "ประชาคม ๔๐ คน",
                                                     "outcome": "ส่วนใหญ่เห็นด้วย", "usage": "บรรจุในแผน", "publish": "on"})
    assert good.status_code == 302
    body = client.get(url("topic_detail", pk=t.pk)).content.decode()
    assert "บรรจุในแผน" in body and "สรุปผลการรับฟังความคิดเห็น" in body


def test_staff_topic_pages_check_role_and_organization(cast, client):
    t = topic(cast.org_a, cast.alice)
    comment = TopicComment.objects.create(organization=cast.org_a, topic=t, body="x")
    client.force_login(cast.victor)
    for path in (url("staff_topics"), url("staff_topic", pk=t.pk), url("topic_new"), url("topic_edit", pk=t.pk)):
        assert client.get(path).status_code == 403
    assert client.post(url("comment_moderate", pk=t.pk, comment_pk=comment.pk), {"decision": "publish"}).status_code == 403
    client.force_login(cast.olivia)
    assert client.get(url("staff_topic", pk=t.pk)).status_code == 404
    assert client.get(url("staff_topic", org="beta", pk=t.pk)).status_code == 404
    assert client.post(url("comment_moderate", org="beta", pk=t.pk, comment_pk=comment.pk), {"decision": "publish"}).status_code == 404
    assert client.get(url("topic_detail", org="beta", pk=t.pk)).status_code == 404


def test_an_unpublished_topic_is_not_public(cast, client):
    t = topic(cast.org_a, cast.alice, is_published=False)
    assert client.get(url("topic_detail", pk=t.pk)).status_code == 404


def test_staff_open_a_topic_with_dates_in_thai_format(cast, client):
    client.force_login(cast.alice)
    response = client.post(url("topic_new"), {"title": "โครงการถนน", "kind": "project", "description": "รายละเอียด",
                                              "department": cast.office_a.pk, "opens_on": "๑/๕/๒๕๖๗",
                                              "closes_on": "2024-05-31", "is_published": "on"})
    assert response.status_code == 302
    assert Topic.objects.get().opens_on == dt.date(2024, 5, 1)
    bad = client.post(url("topic_new"), {"title": "x", "kind": "project", "description": "y", "opens_on": "31/5/2567",
                                         "closes_on": "1/5/2567", "is_published": "on"})
    assert bad.status_code == 400 and Topic.objects.count() == 1
