"""`{{ text|pdf }}`: text for the PDF renderer — escaped, ำ encoded for a correct text layer
(see reports/fonts.py), and every word holding ำ kept whole (libthai cannot see words through
the private-use character, so those words are found by our own segmentation)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from prongsai.reports.fonts import encode_word
from prongsai.reports.thaitext import ZWSP, pieces, segment

register = template.Library()


@register.filter
def pdf(value):
    text = str(value or "")
    if "\u0e33" not in text:
        return escape(text)
    out = []
    for token in segment(text):
        if "\u0e33" in token:
            parts = [f'<span class="w">{escape(encode_word(p))}</span>' if "\u0e33" in p else escape(p)
                     for p in pieces(token)]
            out.append(ZWSP + ZWSP.join(parts) + ZWSP)
        else:
            out.append(escape(token))
    return mark_safe("".join(out))
