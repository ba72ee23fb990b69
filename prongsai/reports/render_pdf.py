"""The document model → HTML → PDF with WeasyPrint (A4, official margins, TH Sarabun New 16 pt).

Thai line breaks: pango's libthai breaks only between words (the text stays plain Unicode; the
SARA AM fix lives in the font, see fonts.py); justify is off (it does nothing on unspaced Thai).
Rows never split across pages (`break-inside: avoid`), so an issue's text is always beside its
methods, and the header row repeats on every page. The fonts are declared under a private
family name so that a system-installed "TH Sarabun New" can never be picked instead.

Speed (bench/reports_bench.py; WeasyPrint's time grows with the number of boxes and lines): a
one-line cell holds its text without a <p>, and the user-agent stylesheet is WeasyPrint's own
minus its rules for every element's ::marker, ::footnote-* and ::note-* pseudo-elements, which
the report never generates (no lists, footnotes or notes) but whose styles WeasyPrint otherwise
computes for each of the thousands of elements of a long table. Pages stay pixel-identical."""

from __future__ import annotations

import functools
import logging
import re
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


# A rule of WeasyPrint's user-agent stylesheet that styles a pseudo-element of every element.
_UNIVERSAL_PSEUDO_RULE = re.compile(r"^::(marker|footnote-[a-z]+|note-[a-z]+)\s*\{[^}]*\}[ \t]*$", re.MULTILINE)


@functools.cache
def _report_ua_stylesheets() -> tuple | None:
    """WeasyPrint's user-agent stylesheet without its universal ::marker/::footnote-*/::note-*
    rules; None (use WeasyPrint's own) if that stylesheet is not where or what we expect."""
    try:
        import weasyprint
        from weasyprint import html as wp_html
        from weasyprint.css.counters import CounterStyle

        source = wp_html.UA
    except (ImportError, AttributeError):
        return None
    lean, removed = _UNIVERSAL_PSEUDO_RULE.subn("", source)
    if not removed:
        return None
    # Parse with a throwaway counter-style store: the document's own copy already holds the
    # stylesheet's @counter-style rules (thai page numbers among them).
    return (weasyprint.CSS(string=lean, counter_style=CounterStyle()),)


@functools.cache
def _report_html() -> type:
    import weasyprint

    sheets = _report_ua_stylesheets()

    class ReportHTML(weasyprint.HTML):
        def _ua_stylesheets(self, forms=False):
            if forms or sheets is None:
                return super()._ua_stylesheets(forms=forms)
            return list(sheets)

    return ReportHTML


def pdf_bytes(model: dict, *, emblem: Path | None = None) -> bytes:
    document = _report_html()(string=html(model, emblem=emblem), base_url=str(Path(__file__).parent))
    return document.write_pdf()
