"""`{{ text|keep:model.keep }}`: escaped text in which the organization's own names (and its
district and province) never break across lines — libthai does not know local place names and
would break กำ|ปัง like two words."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def keep(value, names):
    text = escape(str(value or ""))
    names = [escape(n) for n in (names or []) if n]
    if not names:
        return mark_safe(text)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)))
    return mark_safe(pattern.sub(lambda m: f'<span class="nb">{m.group(0)}</span>', text))
