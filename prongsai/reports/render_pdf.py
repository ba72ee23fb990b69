"""The document model → HTML → PDF with WeasyPrint (A4, official margins, TH Sarabun New 16 pt).

Thai line breaks: pango's libthai breaks only between words (the text stays plain Unicode; the
SARA AM fix lives in the font, see fonts.py); justify is off (it does nothing on unspaced Thai).
Rows never split across pages (`break-inside: avoid`), so an issue's text is always beside its
methods, and the header row repeats on every page. The fonts are declared under a private
family name so that a system-installed "TH Sarabun New" can never be picked instead."""

from __future__ import annotations

import logging
from pathlib import Path

from django.template.loader import render_to_string

from .fonts import font_paths
from .garuda import emblem_path


def html(model: dict, *, emblem: Path | None = None, for_pdf: bool = True) -> str:
    fonts = font_paths() if for_pdf else {}
    return render_to_string("reports/document.html", {
        "model": model,
        "font_regular": fonts.get("regular", Path("")).as_uri() if fonts else "",
        "font_bold": fonts.get("bold", Path("")).as_uri() if fonts else "",
        "emblem": (emblem or emblem_path()).as_uri(),
        "thai_digits": model.get("thai_digits", True),
        "keep": model.get("keep", []),
    })


logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def pdf_bytes(model: dict, *, emblem: Path | None = None) -> bytes:
    import weasyprint

    document = weasyprint.HTML(string=html(model, emblem=emblem), base_url=str(Path(__file__).parent))
    return document.write_pdf()
