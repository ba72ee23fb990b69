"""TH Sarabun New for PDFs, with a correct text layer for SARA AM (ำ).

HarfBuzz decomposes ำ into NIKHAHIT + SARA AA (moving NIKHAHIT before a tone mark), and
WeasyPrint maps each glyph to one string (Kozea/WeasyPrint#2841): every า or every ำ then
extracts wrongly, and a tone mark first met inside ำ (น้ำ) maps to nothing.

We derive a copy of the font with one extra glyph — a copy of SARA AA — and one contextual
substitution added to the Thai features: SARA AA after NIKHAHIT (with or without a tone mark
between) becomes that copy. The text stays plain Unicode (so libthai still breaks lines between
words) and pages are pixel-identical; only the glyph ids differ. When WeasyPrint writes the
ToUnicode map we set: the copy → "ำ", NIKHAHIT → "" and each tone mark → itself. Then ตำบล,
องค์การ and น้ำ all extract exactly. The derived fonts are cached under VAR_DIR/fonts (GPL v2+
with the font exception allows modified copies)."""

from __future__ import annotations

import copy
import hashlib
import threading
from pathlib import Path

from django.conf import settings

SOURCE = Path(__file__).resolve().parent.parent / "core" / "static" / "fonts" / "thsarabunnew"
FACES = {"regular": "THSarabunNew-Regular.ttf", "bold": "THSarabunNew-Bold.ttf"}
VERSION = "am2"
NIKHAHIT, SARA_AA, SARA_AM = 0x0E4D, 0x0E32, 0x0E33
TONES = (0x0E48, 0x0E49, 0x0E4A, 0x0E4B)
_lock = threading.Lock()
_paths: dict[str, Path] = {}
_fixes: dict[str, dict[int, str]] = {}  # sha1 of a derived font file → {glyph id: text}
_patched = False


def _coverage(glyphs):
    from fontTools.ttLib.tables import otTables as ot

    cov = ot.Coverage()
    cov.glyphs = list(glyphs)
    return cov


def _derive(src: Path, dst: Path) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables import otTables as ot

    font = TTFont(str(src))
    cmap = font.getBestCmap()
    aa, nikhahit = cmap[SARA_AA], cmap[NIKHAHIT]
    tones = [cmap[c] for c in TONES]
    new = "uni0E32.am"
    order = font.getGlyphOrder()
    font["glyf"].glyphs[new] = copy.deepcopy(font["glyf"][aa])
    font["hmtx"].metrics[new] = font["hmtx"].metrics[aa]
    font.setGlyphOrder([*order, new])
    font["glyf"].glyphOrder = [*order, new]
    gdef = font["GDEF"].table if "GDEF" in font else None
    if gdef is not None and gdef.GlyphClassDef and aa in gdef.GlyphClassDef.classDefs:
        gdef.GlyphClassDef.classDefs[new] = gdef.GlyphClassDef.classDefs[aa]
    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup
    single = ot.Lookup()
    single.LookupType, single.LookupFlag = 1, 0
    subst = ot.SingleSubst()
    subst.mapping = {aa: new}
    single.SubTable, single.SubTableCount = [subst], 1
    lookups.append(single)
    single_index = len(lookups) - 1
    chain = ot.Lookup()
    chain.LookupType, chain.LookupFlag, chain.SubTable = 6, 0, []
    for backtrack in ([_coverage([nikhahit])], [_coverage(tones), _coverage([nikhahit])]):
        table = ot.ChainContextSubst()
        table.Format = 3
        table.BacktrackCoverage, table.BacktrackGlyphCount = backtrack, len(backtrack)
        table.InputCoverage, table.InputGlyphCount = [_coverage([aa])], 1
        table.LookAheadCoverage, table.LookAheadGlyphCount = [], 0
        record = ot.SubstLookupRecord()
        record.SequenceIndex, record.LookupListIndex = 0, single_index
        table.SubstLookupRecord, table.SubstCount = [record], 1
        chain.SubTable.append(table)
    chain.SubTableCount = len(chain.SubTable)
    lookups.append(chain)
    gsub.LookupList.LookupCount = len(lookups)
    features = set()
    for script in gsub.ScriptList.ScriptRecord:
        if script.ScriptTag in ("thai", "DFLT"):
            for langsys in [script.Script.DefaultLangSys, *[r.LangSys for r in script.Script.LangSysRecord]]:
                if langsys is not None:
                    features.update(langsys.FeatureIndex)
    for index in sorted(features):
        feature = gsub.FeatureList.FeatureRecord[index].Feature
        feature.LookupListIndex.append(len(lookups) - 1)
        feature.LookupCount = len(feature.LookupListIndex)
    tmp = dst.with_suffix(".tmp")
    font.save(str(tmp))
    tmp.replace(dst)


def _fixes_of(path: Path) -> tuple[str, dict[int, str]]:
    from fontTools.ttLib import TTFont

    data = path.read_bytes()
    font = TTFont(str(path), lazy=True)
    cmap = font.getBestCmap()
    fixes = {font.getGlyphID("uni0E32.am"): chr(SARA_AM), font.getGlyphID(cmap[NIKHAHIT]): ""}
    for code in TONES:
        fixes[font.getGlyphID(cmap[code])] = chr(code)
    return hashlib.sha1(data).hexdigest(), fixes


def font_paths() -> dict[str, Path]:
    """{"regular": path, "bold": path} of the derived fonts (built once, then cached)."""
    with _lock:
        if not _paths:
            folder = Path(settings.VAR_DIR) / "fonts"
            folder.mkdir(parents=True, exist_ok=True)
            for face, name in FACES.items():
                src = SOURCE / name
                digest = hashlib.sha256(src.read_bytes()).hexdigest()[:12]
                dst = folder / f"{src.stem}-{VERSION}-{digest}.ttf"
                if not dst.exists():
                    _derive(src, dst)
                key, fixes = _fixes_of(dst)
                _fixes[key] = fixes
                _paths[face] = dst
        _patch_weasyprint()
        return dict(_paths)


def _patch_weasyprint() -> None:
    """Correct the glyph → text map of our derived fonts just before WeasyPrint writes ToUnicode."""
    global _patched
    if _patched:
        return
    import weasyprint.pdf as wpdf

    original = wpdf.build_fonts_dictionary

    def build_fonts_dictionary(pdf, fonts, *args, **kwargs):
        for font in fonts.values():
            fixes = _fixes.get(hashlib.sha1(font.file_content).hexdigest()) if font.file_content else None
            if fixes:
                for glyph in font.to_unicode:
                    if glyph in fixes:
                        font.to_unicode[glyph] = fixes[glyph]
        return original(pdf, fonts, *args, **kwargs)

    wpdf.build_fonts_dictionary = build_fonts_dictionary
    _patched = True
