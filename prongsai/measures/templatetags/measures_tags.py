"""{% round_label round %}: a round's name, or “รอบ ๖ เดือน” with the organization's digits."""

from django import template
from django.utils.translation import gettext as _

from prongsai.core.templatetags.thai import _thai_digits
from prongsai.core.thai import digits

register = template.Library()


@register.simple_tag(takes_context=True)
def round_label(context, rnd):
    if rnd is None:
        return ""
    if rnd.name:
        return rnd.name
    return _("รอบ %(n)s เดือน") % {"n": digits(rnd.months, _thai_digits(context))}
