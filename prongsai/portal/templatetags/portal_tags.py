"""Template helpers of the public site: the organization's look, the category menu and rich
text cleaned again on output."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from prongsai.core.sanitize import clean_html

from .. import categories
from ..colours import text_on

register = template.Library()


@register.simple_tag(takes_context=True)
def site_profile(context):
    request = context.get("request")
    org = getattr(request, "organization", None)
    if org is None:
        return None
    if not hasattr(request, "_portal_profile"):
        from ..models import SiteProfile

        request._portal_profile = SiteProfile.objects.filter(organization=org).first()
    return request._portal_profile


@register.simple_tag(takes_context=True)
def site_social(context):
    request = context.get("request")
    org = getattr(request, "organization", None)
    if org is None:
        return []
    from ..models import SocialLink

    return list(SocialLink.objects.filter(organization=org))


@register.simple_tag
def look_style(profile):
    """:root variables for the organization's primary colour (validated #RRGGBB on save)."""
    colour = getattr(profile, "primary_colour", None) or "#0b5394"
    return format_html(
        "<style>:root{{--org-primary:{0};--org-on-primary:{1};--pico-primary:{0};--pico-primary-background:{0};"
        "--pico-primary-hover:{0};--pico-primary-hover-background:{0};}}</style>",
        colour, text_on(colour),
    )


@register.filter
def rich(value):
    """Stored rich text is already clean; clean it again on output (defence in depth)."""
    return mark_safe(clean_html(value or ""))  # noqa: S308 — the allow-list sanitiser output


@register.simple_tag
def category_groups():
    return categories.by_group()


@register.filter
def category_label(slug):
    c = categories.get(slug)
    return c.label if c else slug


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """?…&page=N keeping the list's other filters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def bemonth(context, value):
    """{% bemonth pub.period %} → กันยายน ๒๕๖๖ (digits per the organization)."""
    if not value:
        return ""
    from pythainlp.util import thai_strftime

    org = getattr(context.get("request"), "organization", None)
    return thai_strftime(value, "%B %Y", thaidigit=getattr(org, "thai_digits", True))
