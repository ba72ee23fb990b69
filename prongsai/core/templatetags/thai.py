"""Template filters for Thai display. The organization's setting decides Thai or Arabic digits."""

from django import template

from prongsai.core import thai

register = template.Library()


def _thai_digits(context) -> bool:
    org = getattr(context.get("request"), "organization", None) if context else None
    return getattr(org, "thai_digits", True) if org is not None else True


@register.simple_tag(takes_context=True)
def bedate(context, value, style=None):
    """{% bedate issue.due_date "short" %} → ๓๑ มี.ค. ๖๖ (digits per the organization).
    With no style, the organization's date style (Organization.date_style) is used."""
    if style is None:
        org = getattr(context.get("request"), "organization", None) if context else None
        style = getattr(org, "date_style", None) or "medium"
    return thai.thai_date(value, thai_digits=_thai_digits(context), style=style)


@register.simple_tag(takes_context=True)
def num(context, value):
    """{% num 17 %} → ๑๗ when the organization uses Thai digits."""
    if value is None:
        return ""
    return thai.digits(value, _thai_digits(context))


@register.filter
def thaidigits(value):
    return thai.to_thai_digits(value)
