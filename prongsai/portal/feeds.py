"""News RSS and Atom feeds of one organization (categories marked `feed: true`)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from prongsai.core.sanitize import clean_html

from . import selectors


class NewsFeed(Feed):
    def get_object(self, request, org_slug):
        self.request = request
        return request.organization

    def title(self, org):
        return f"ข่าวประชาสัมพันธ์ {org.name}"

    def link(self, org):
        return reverse("portal:home", kwargs={"org_slug": org.slug})

    def description(self, org):
        return f"ข่าว ประกาศ และประกาศจัดซื้อจัดจ้างล่าสุดของ{org.name}"

    def items(self, org):
        return selectors.feed_items(organization=org)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return strip_tags(clean_html(item.body))[:500]

    def item_link(self, item):
        return reverse("portal:publication", kwargs={"org_slug": item.organization.slug, "pk": item.pk})

    def item_pubdate(self, item):
        return item.published_at or timezone.make_aware(dt.datetime.combine(item.publication_date, dt.time()))

    def item_categories(self, item):
        return [item.category_label]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, org):
        return self.description(org)
