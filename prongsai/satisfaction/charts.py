"""Monthly mean scores as an SVG bar chart (server-drawn, accessible)."""

from xml.sax.saxutils import escape

from prongsai.core.thai import thai_date, to_thai_digits


def bars_svg(rows: list[dict], *, title: str) -> str:
    width, height, left, bottom = 640, 240, 40, 40
    bar_w = (width - left - 10) / max(len(rows), 1)
    parts = []
    for tick in range(6):
        y = height - bottom - tick * (height - bottom - 20) / 5
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12">{to_thai_digits(tick)}</text>')
    for i, r in enumerate(rows):
        h = r["mean"] / 5 * (height - bottom - 20)
        x = left + i * bar_w + 4
        label = thai_date(r["month"], style="short").split(" ", 1)[1]
        parts.append(f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar_w - 8:.1f}" height="{h:.1f}" fill="#0b5394">'
                     f'<title>{escape(label)}: {r["mean"]} ({r["n"]})</title></rect>')
        parts.append(f'<text x="{x + (bar_w - 8) / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11">{escape(label)}</text>')
        if r["n"]:
            parts.append(f'<text x="{x + (bar_w - 8) / 2:.1f}" y="{height - bottom - h - 4:.1f}" text-anchor="middle" font-size="11">{to_thai_digits(r["mean"])}</text>')
    desc = "; ".join(f'{thai_date(r["month"], style="short")}: {r["mean"]} ({r["n"]})' for r in rows)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" style="max-width:100%">'
            f'<title>{escape(title)}</title><desc>{escape(desc)}</desc>' + "".join(parts) + "</svg>")
