"""{% orgurl "measures:plan_detail" year=2566 %}: reverse a URL of the current organization.

Every tenant URL carries org_slug; taking it from the request keeps templates from ever
building a link into another organization."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def orgurl(context, name, **kwargs):
    return reverse(name, kwargs={"org_slug": context["request"].organization.slug, **kwargs})
