"""TH Sarabun New for PDFs, with a correct text layer for SARA AM (ำ).

HarfBuzz decomposes ำ into NIKHAHIT + SARA AA, and WeasyPrint maps each glyph to one string
(Kozea/WeasyPrint#2841): every า or every ำ then extracts wrongly. We derive a copy of the font
with one extra glyph — a copy of SARA AA at a private-use code point — and write ำ as
NIKHAHIT (+ tone) + that glyph (the order HarfBuzz itself produces, so pages are pixel-identical).
When the PDF's ToUnicode map is written, the NIKHAHIT glyph maps to "" and the extra glyph to
"ำ", so น้ำ, ตำบล and องค์การ all extract exactly. The derived fonts are cached under
VAR_DIR/fonts (GPL v2+ with the font exception allows modified copies)."""

from __future__ import annotations

import copy
import hashlib
import re
import threading
from pathlib import Path

from django.conf import settings

SOURCE = Path(__file__).resolve().parent.parent / "core" / "static" / "fonts" / "thsarabunnew"
FACES = {"regular": "THSarabunNew-Regular.ttf", "bold": "THSarabunNew-Bold.ttf"}
AA_COPY = "\ue101"
NIKHAHIT = "\u0e4d"
_AM = re.compile("([\u0e48-\u0e4b]?)\u0e33")
_lock = threading.Lock()
_paths: dict[str, Path] = {}
_patched = False


def encode_word(text: str) -> str:
    """ำ → NIKHAHIT (+ tone) + AA copy, for the PDF only (the template filter `pdf` keeps each
    such word on one line: libthai cannot see words through the private-use character)."""
    return _AM.sub(lambda m: NIKHAHIT + m.group(1) + AA_COPY, text)


def _derive(src: Path, dst: Path) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(str(src))
    aa = font.getBestCmap()[0x0E32]
    new = "uni0E32.am"
    order = font.getGlyphOrder()
    font["glyf"].glyphs[new] = copy.deepcopy(font["glyf"][aa])
    font["hmtx"].metrics[new] = font["hmtx"].metrics[aa]
    font.setGlyphOrder([*order, new])
    font["glyf"].glyphOrder = [*order, new]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[ord(AA_COPY)] = new
    gdef = font["GDEF"].table if "GDEF" in font else None
    if gdef is not None and gdef.GlyphClassDef and aa in gdef.GlyphClassDef.classDefs:
        gdef.GlyphClassDef.classDefs[new] = gdef.GlyphClassDef.classDefs[aa]
    tmp = dst.with_suffix(".tmp")
    font.save(str(tmp))
    tmp.replace(dst)


def font_paths() -> dict[str, Path]:
    """{"regular": path, "bold": path} of the derived fonts (built once, then cached)."""
    with _lock:
        if not _paths:
            folder = Path(settings.VAR_DIR) / "fonts"
            folder.mkdir(parents=True, exist_ok=True)
            for face, name in FACES.items():
                src = SOURCE / name
                digest = hashlib.sha256(src.read_bytes()).hexdigest()[:12]
                dst = folder / f"{src.stem}-am-{digest}.ttf"
                if not dst.exists():
                    _derive(src, dst)
                _paths[face] = dst
        _patch_weasyprint()
        return dict(_paths)


def _patch_weasyprint() -> None:
    """Rewrite the two glyph → text mappings just before WeasyPrint writes ToUnicode."""
    global _patched
    if _patched:
        return
    import weasyprint.pdf as wpdf

    original = wpdf.build_fonts_dictionary

    def build_fonts_dictionary(pdf, fonts, *args, **kwargs):
        for font in fonts.values():
            mapping = font.to_unicode
            for glyph, text in list(mapping.items()):
                if AA_COPY in text:
                    mapping[glyph] = text.replace(AA_COPY, "\u0e33").replace(NIKHAHIT, "")
                elif text == NIKHAHIT:
                    mapping[glyph] = ""
        return original(pdf, fonts, *args, **kwargs)

    wpdf.build_fonts_dictionary = build_fonts_dictionary
    _patched = True
