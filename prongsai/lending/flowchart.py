"""A flowchart drawn on the server as SVG from a procedure's steps — never an uploaded picture,
so it always matches the published steps. One function: `flowchart_svg(steps, title=...)`.

Thai has no spaces between words, so lines are wrapped at word boundaries found by PyThaiNLP;
the width of a line is estimated from its characters without combining marks."""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

from pythainlp.tokenize import word_tokenize

from prongsai.core.thai import to_thai_digits

WIDTH = 560
BOX_W = 440
LINE_H = 22
PAD = 12
GAP = 34
CHARS_PER_LINE = 34
SMALL_CHARS = 44
CLOSERS = {")", "]", ".", ",", ":", "ๆ", "”", "’"}


def _visible_len(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me"))


def wrap(text: str, limit: int) -> list[str]:
    lines, current = [], ""
    for word in word_tokenize(text or "", engine="newmm", keep_whitespace=True):
        # Closing punctuation never starts a line.
        if current and _visible_len(current + word) > limit and word.strip() not in CLOSERS:
            lines.append(current.strip())
            current = word.lstrip()
        else:
            current += word
    if current.strip():
        lines.append(current.strip())
    return lines or [""]


def flowchart_svg(steps: list[dict], *, title: str, start_label: str = "เริ่มต้น", end_label: str = "สิ้นสุด",
                  thai_digits: bool = True) -> str:
    """steps: [{"title": str, "who": str (optional), "time": str (optional)}]. Returns an
    accessible inline SVG (role=img with a title and a text description of every step)."""
    x = (WIDTH - BOX_W) // 2
    cx = WIDTH // 2
    parts: list[str] = []
    y = 10

    def terminal(label: str, y: int) -> int:
        parts.append(f'<ellipse cx="{cx}" cy="{y + 20}" rx="90" ry="20" fill="#d9ead3" stroke="#38761d" stroke-width="2"/>')
        parts.append(f'<text x="{cx}" y="{y + 26}" text-anchor="middle" font-weight="700">{escape(label)}</text>')
        return y + 40

    def arrow(y_from: int) -> int:
        y_to = y_from + GAP
        parts.append(f'<line x1="{cx}" y1="{y_from}" x2="{cx}" y2="{y_to - 8}" stroke="#333" stroke-width="2"/>')
        parts.append(f'<polygon points="{cx - 6},{y_to - 10} {cx + 6},{y_to - 10} {cx},{y_to}" fill="#333"/>')
        return y_to

    y = terminal(start_label, y)
    for number, step in enumerate(steps, start=1):
        y = arrow(y)
        main = wrap(f"{to_thai_digits(number) if thai_digits else number}. {step.get('title', '')}", CHARS_PER_LINE)
        detail = []
        if step.get("who"):
            detail += wrap(f"ผู้รับผิดชอบ: {step['who']}", SMALL_CHARS)
        if step.get("time"):
            detail += wrap(f"ระยะเวลา: {step['time']}", SMALL_CHARS)
        height = PAD * 2 + LINE_H * len(main) + (LINE_H - 4) * len(detail)
        parts.append(f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{height}" rx="8" fill="#f3f7fb" stroke="#0b5394" stroke-width="2"/>')
        ty = y + PAD + 16
        for line in main:
            parts.append(f'<text x="{cx}" y="{ty}" text-anchor="middle" font-weight="700">{escape(line)}</text>')
            ty += LINE_H
        for line in detail:
            parts.append(f'<text x="{cx}" y="{ty}" text-anchor="middle" font-size="14" fill="#333">{escape(line)}</text>')
            ty += LINE_H - 4
        y += height
    y = arrow(y)
    y = terminal(end_label, y)
    height = y + 10
    desc = " → ".join(f"{to_thai_digits(n) if thai_digits else n}. {s.get('title', '')}" for n, s in enumerate(steps, start=1))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="fc-title fc-desc" font-family="Sarabun, \'Noto Sans Thai\', sans-serif" font-size="16">'
        f'<title id="fc-title">{escape(title)}</title><desc id="fc-desc">{escape(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
