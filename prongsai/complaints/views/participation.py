"""Opinions and participation (O30): public topics with moderated comments, staff pages to
open a topic, moderate and publish the summary."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.core.antiabuse import IdempotencyConflict, client_ip, rate_limited
from prongsai.tenancy.access import Role, get_owned, staff_view

from .. import selectors, services
from ..forms import CommentForm, TopicForm, TopicSummaryForm
from ..models import Topic, TopicComment

TOPIC_MANAGERS = (Role.ADMIN, Role.COORDINATOR, Role.EXECUTIVE, Role.DEPARTMENT_STAFF)
COMMENT_LIMIT = (20, 3600)


def topic_list(request, org_slug):
    topics = selectors.public_topics(organization=request.organization)
    return render(request, "complaints/topic_list.html", {"topics": topics, "today": timezone.localdate()})


@require_http_methods(["GET", "POST"])
def topic_detail(request, org_slug, pk):
    topic = get_owned(Topic.objects.filter(is_published=True).select_related("department"), request, pk=pk)
    today = timezone.localdate()
    is_open = topic.is_open_on(today)
    form = CommentForm(request.POST or None) if is_open else None
    sent = False
    if request.method == "POST":
        if not is_open:
            raise Http404
        limit, window = COMMENT_LIMIT
        if rate_limited(organization=request.organization, bucket="topic-comment", ident=client_ip(request),
                        limit=limit, window=window):
            return render(request, "complaints/limited.html", status=429)
        if form.is_valid():
            if form.is_bot:
                return render(request, "complaints/thanks.html")
            try:
                services.comment_submit(topic=topic, data=form.cleaned_data, key=form.idempotency_key)
            except ValidationError as exc:
                form.add_error("body", exc.messages)
            except IdempotencyConflict:
                form.add_error(None, _("แบบฟอร์มนี้ถูกส่งไปแล้ว กรุณาโหลดหน้าใหม่"))
            else:
                sent = True
                form = CommentForm()
    return render(request, "complaints/topic_detail.html", {
        "topic": topic, "comments": selectors.published_comments(topic=topic), "form": form, "sent": sent,
        "is_open": is_open, "today": today,
    }, status=400 if form is not None and form.errors else 200)


# --- staff ------------------------------------------------------------------------------


@staff_view(*TOPIC_MANAGERS)
def staff_topics(request, org_slug):
    return render(request, "complaints/staff/topic_list.html", {
        "topics": selectors.staff_topics(organization=request.organization),
    })


@staff_view(*TOPIC_MANAGERS)
def topic_edit(request, org_slug, pk=None):
    org = request.organization
    topic = get_owned(Topic, request, pk=pk) if pk else Topic(organization=org)
    form = TopicForm(request.POST or None, instance=topic, organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_save(topic=topic, acting_user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("บันทึกหัวข้อแล้ว"))
            return redirect("complaints:staff_topic", org_slug=org_slug, pk=topic.pk)
    return render(request, "complaints/staff/topic_form.html", {"form": form, "topic": topic},
                  status=400 if form.errors else 200)


@staff_view(*TOPIC_MANAGERS)
def staff_topic(request, org_slug, pk):
    topic = get_owned(Topic, request, pk=pk)
    form = TopicSummaryForm(request.POST or None, instance=topic,
                            initial={"publish": topic.summary_published_at is not None})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "publish"}
        try:
            services.topic_summary_save(topic=topic, acting_user=request.user, data=data,
                                        publish=form.cleaned_data["publish"])
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("บันทึกสรุปผลแล้ว"))
            return redirect("complaints:staff_topic", org_slug=org_slug, pk=topic.pk)
    comments = TopicComment.objects.filter(organization=request.organization, topic=topic)
    return render(request, "complaints/staff/topic_detail.html", {
        "topic": topic, "form": form, "comments": comments,
        "published_count": comments.filter(status=TopicComment.Status.PUBLISHED).count(),
    }, status=400 if form.errors else 200)


@require_POST
@staff_view(*TOPIC_MANAGERS)
def comment_moderate(request, org_slug, pk, comment_pk):
    topic = get_owned(Topic, request, pk=pk)
    comment = get_owned(TopicComment.objects.filter(topic=topic), request, pk=comment_pk)
    publish = request.POST.get("decision") == "publish"
    services.comment_moderate(comment=comment, acting_user=request.user, publish=publish)
    messages.success(request, _("เผยแพร่ความคิดเห็นแล้ว") if publish else _("ไม่เผยแพร่ความคิดเห็นนี้"))
    return redirect("complaints:staff_topic", org_slug=org_slug, pk=topic.pk)
