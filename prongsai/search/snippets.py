"""Highlighted snippets: the text is escaped first, then the matches are marked."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import DIGITS, QueryWord, fold_char

SNIPPET_CHARS = 240
BEFORE = 60


def _needles(qwords: list[QueryWord]) -> list[str]:
    needles = {w.word for w in qwords} | {"".join(w.parts) for w in qwords}
    return sorted((n for n in needles if n), key=len, reverse=True)


def _spans(folded: str, needles: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for needle in needles:
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = folded.find(needle, end)
    return sorted(spans)


def _word_boundary(text: str, at: int) -> int:
    """The word boundary nearest to `at` (Thai has no spaces between words)."""
    from .text import _segment

    lo = max(0, at - 40)
    best, pos = at, lo
    for piece in _segment(text[lo:at + 40], "prongsai_words"):
        if abs(pos - at) < abs(best - at) or best == at:
            best = pos
        pos += len(piece)
    if abs(pos - at) < abs(best - at):
        best = pos
    return min(max(best, 0), len(text))


def highlight(text: str, qwords: list[QueryWord], *, window: int | None = None):
    """Escaped text with <mark> around the query words; with `window`, only a passage of about
    that many characters around the first match (or the start), with ellipses."""
    text = text or ""
    folded = text.translate(DIGITS).lower()
    if len(folded) != len(text):  # a rare character whose lower case is longer: fold one by one
        folded = "".join(fold_char(c) for c in text)
    needles = _needles(qwords)
    spans = _spans(folded, needles) if needles else []
    prefix = suffix = ""
    lo, hi = 0, len(text)
    if window is not None and len(text) > window:
        first = spans[0][0] if spans else 0
        lo = max(0, first - BEFORE)
        if lo > 0:
            lo = min(_word_boundary(text, lo), first)
            prefix = "… "
        hi = min(len(text), lo + window)
        if hi < len(text):
            boundary = _word_boundary(text, hi)
            hi = boundary if boundary > lo else hi
            suffix = " …"
    out, pos = [prefix], lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out.append(escape(text[pos:s]))
        out.append("<mark>" + escape(text[s:e]) + "</mark>")
        pos = e
    out.append(escape(text[pos:hi]))
    out.append(suffix)
    return mark_safe("".join(out))
