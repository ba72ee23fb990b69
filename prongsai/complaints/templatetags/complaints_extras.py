"""{% bemonth day %} → ตุลาคม ๒๕๖๖ (digits per the organization)."""

from django import template
from pythainlp.util import thai_strftime

register = template.Library()


@register.simple_tag(takes_context=True)
def bemonth(context, value, style="long"):
    if not value:
        return ""
    org = getattr(context.get("request"), "organization", None)
    thai_digits = getattr(org, "thai_digits", True) if org is not None else True
    return thai_strftime(value, "%B %Y" if style == "long" else "%b %y", thaidigit=thai_digits)
