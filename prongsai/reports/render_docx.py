"""The document model → DOCX with python-docx: real styles and tables, TH Sarabun New named
for Thai (complex-script run properties w:cs/w:szCs/w:bCs and w:lang w:bidi="th-TH", without
which Word and LibreOffice fall back to another font at 11 pt), 16 pt, A4, official margins,
header rows that repeat, rows that do not split, ZWSP between Thai words."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .garuda import emblem_path
from .thaitext import break_opportunities

FONT = "TH Sarabun New"
# Child order the OOXML schema requires (Word refuses a file whose elements are out of order;
# LibreOffice does not mind). Elements we add go through `_place`.
ORDER = {
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
            "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
            "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
            "em", "lang", "eastAsianLayout", "specVanish", "oMath"],
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
            "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"],
    "tblPr": ["tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
              "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
              "tblCaption", "tblDescription"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
               "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
               "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"],
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _place(parent, child):
    """Insert `child` into `parent` where the schema wants it (replacing one of the same tag)."""
    order = ORDER[_local(parent.tag)]
    name = _local(child.tag)
    for old in parent.findall(child.tag):
        if name != "headerReference":
            parent.remove(old)
    rank = order.index(name)
    for sibling in parent:
        other = _local(sibling.tag)
        if other in order and order.index(other) > rank:
            sibling.addprevious(child)
            return child
    parent.append(child)
    return child


def _get_or_place(parent, tag: str):
    found = parent.find(qn(tag))
    return found if found is not None else _place(parent, OxmlElement(tag))
BODY_PT = 16
TEXT_WIDTH_CM = 16.0  # A4 21 cm − left 3 cm − right 2 cm
TABLE_LINE = Pt(18)


def _rpr_fonts(rpr, *, size=None, bold=None):
    fonts = _get_or_place(rpr, "w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            _get_or_place(rpr, tag).set(qn("w:val"), "1" if bold else "0")
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            _get_or_place(rpr, tag).set(qn("w:val"), str(int(size * 2)))
    lang = _get_or_place(rpr, "w:lang")
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")


def _style(doc, name, *, base="Normal", size=BODY_PT, bold=False, align=None, indent=None, space_after=0,
           kind=1):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, kind)
    if name != "Normal":
        style.base_style = styles[base]
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    _rpr_fonts(style.element.get_or_add_rPr(), size=size, bold=bold)
    pf = style.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(space_after)
    # Exactly 1.2 × the size: "single" in Word/LibreOffice takes TH Sarabun New's tall font
    # box (≈ 1.6 em) and doubles the page count; 1.2 em still clears stacked marks (ปั้น, ญู).
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(round(size * 1.2, 1))
    if align is not None:
        pf.alignment = align
    if indent is not None:
        pf.first_line_indent = indent
    return style


def _thai_distribute(paragraph):
    _get_or_place(paragraph._p.get_or_add_pPr(), "w:jc").set(qn("w:val"), "thaiDistribute")


def _run(paragraph, text, *, bold=None, size=None):
    run = paragraph.add_run(break_opportunities(text))
    if bold is not None or size is not None:
        _rpr_fonts(run._r.get_or_add_rPr(), size=size, bold=bold)
        if bold is not None:
            run.bold = bold
        if size is not None:
            run.font.size = Pt(size)
    return run


_STYLE_IDS: dict[str, str] = {}


def _pstyle(doc, paragraph, name: str) -> None:
    """Set a paragraph style by id (python-docx's `paragraph.style = …` scans every style)."""
    style_id = _STYLE_IDS.get(name)
    if style_id is None:
        style_id = _STYLE_IDS[name] = doc.styles[name].style_id
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style_id


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    _place(tbl_pr, borders)


def _row_flag(row, tag):
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _page_number_header(section, thai: bool):
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "- ")
    run = p.add_run()
    if thai:  # Thai digits through the section's number format (Word and LibreOffice both read it)
        pg = OxmlElement("w:pgNumType")
        pg.set(qn("w:fmt"), "thaiNumbers")
        _place(section._sectPr, pg)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    _run(p, " -")


def _setup_section(section, *, top_cm):
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    section.top_margin = Cm(top_cm)
    section.bottom_margin = Cm(2.0)
    section.left_margin = Cm(3.0)
    section.right_margin = Cm(2.0)
    section.header_distance = Cm(1.0)


def docx_bytes(model: dict, *, emblem: Path | None = None) -> bytes:
    doc = DocxDocument()
    emblem = emblem or emblem_path()
    normal = _style(doc, "Normal")
    normal.paragraph_format.space_after = Pt(0)
    _style(doc, "Memo Title", size=29, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _style(doc, "Memo Field").paragraph_format.line_spacing = Pt(24)  # its labels are 20 pt
    _style(doc, "Body Text Thai", indent=Cm(2.5))
    _style(doc, "Centered Heading", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _style(doc, "Signature", align=WD_ALIGN_PARAGRAPH.CENTER)
    _style(doc, "Table Caption", bold=True, space_after=2)
    _style(doc, "Table Text", size=15)
    _style(doc, "Table Heading", size=15, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    core = doc.core_properties
    core.title = model.get("title", "")[:250]
    core.author = "Prongsai"
    core.language = "th-TH"
    thai = model.get("thai_digits", True)

    for index, section_model in enumerate(model["sections"]):
        layout = section_model["layout"]
        top = 1.5 if layout in ("memo", "announcement") else 2.5
        if index == 0:
            section = doc.sections[0]
        else:
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            _fold_section_break(doc)
        _setup_section(section, top_cm=top)
        if layout == "annex":
            _page_number_header(section, thai)
        elif index == 0:
            section.header.is_linked_to_previous = False
        for block in section_model["blocks"]:
            _block(doc, block, emblem)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _block(doc, b, emblem):
    t = b["t"]
    if t == "memo_title":
        table = doc.add_table(rows=1, cols=3)
        _no_borders(table)
        widths = (Cm(3.0), Cm(10.0), Cm(3.0))
        _fixed_widths(table, widths)
        for cell, width in zip(table.rows[0].cells, widths, strict=False):
            cell.width = width
        pic = table.rows[0].cells[0].paragraphs[0]
        pic.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        pic.add_run().add_picture(str(emblem), height=Cm(1.5))
        title = table.rows[0].cells[1].paragraphs[0]
        _pstyle(doc, title, "Memo Title")
        _run(title, b["text"])
    elif t == "garuda":
        p = doc.add_paragraph(style="Centered Heading")
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        p.add_run().add_picture(str(emblem), height=Cm(3.0))
    elif t == "memo_field":
        p = doc.add_paragraph(style="Memo Field")
        _run(p, b["label"], bold=True, size=20)
        _run(p, "  " + b["value"])
        if b.get("label2"):
            p.paragraph_format.tab_stops.add_tab_stop(Cm(8.0))
            p.add_run("\t")
            _run(p, b["label2"], bold=True, size=20)
            _run(p, "  " + b["value2"])
        if b["label"] == "เรื่อง":
            p.paragraph_format.space_after = Pt(6)
            _bottom_border(p)
    elif t == "heading":
        p = doc.add_paragraph(style="Centered Heading")
        _run(p, b["text"])
    elif t == "rule":
        p = doc.add_paragraph(style="Centered Heading")
        _run(p, "------------------------------------", bold=False)
    elif t == "para":
        if b.get("label"):
            p = doc.add_paragraph(style="Memo Field")
            p.paragraph_format.space_before = Pt(4)
            _run(p, b["label"], bold=True, size=20)
            _run(p, "  " + b["text"])
        else:
            p = doc.add_paragraph(style="Body Text Thai" if b.get("indent") else "Normal")
            if b.get("center"):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_before = Pt(12)
            elif b.get("indent"):
                _thai_distribute(p)
            _run(p, b["text"])
    elif t == "notice":
        p = doc.add_paragraph(style="Centered Heading")
        p.paragraph_format.space_before = Pt(12)
        _run(p, b["text"], bold=False)
    elif t == "signatures":
        for item in b["items"]:
            for i, line in enumerate((f"({item['name'] or '...............................................'})",
                                      item["position"])):
                p = doc.add_paragraph(style="Signature")
                p.paragraph_format.left_indent = Cm(TEXT_WIDTH_CM * 0.45)
                p.paragraph_format.keep_with_next = i == 0
                if i == 0:
                    p.paragraph_format.space_before = Pt(30)
                _run(p, line)
    elif t == "table":
        _table(doc, b)


def _fold_section_break(doc):
    """python-docx carries a section break on a new empty paragraph; when the page above is
    full that paragraph spills onto an empty page. Move the break onto the last paragraph."""
    body = doc.element.body
    paragraphs = [el for el in body if el.tag == qn("w:p")]
    if len(paragraphs) < 2:
        return
    carrier = paragraphs[-1]
    sect = carrier.find(qn("w:pPr") + "/" + qn("w:sectPr"))
    previous = carrier.getprevious()
    if sect is None or previous is None or previous.tag != qn("w:p") or carrier.findall(qn("w:r")):
        return
    ppr = previous.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        previous.insert(0, ppr)
    _place(ppr, sect)
    body.remove(carrier)


def _fixed_widths(table, widths):
    table.autofit = False
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        grid_col.set(qn("w:w"), str(int(width.twips)))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    _place(table._tbl.tblPr, layout)


def _bottom_border(paragraph):
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    _place(ppr, bdr)


def _table(doc, b):
    caption = doc.add_paragraph(style="Table Caption")
    caption.paragraph_format.space_before = Pt(8)
    caption.paragraph_format.keep_with_next = True
    _run(caption, b["caption"])
    columns = b["columns"]
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(TEXT_WIDTH_CM * c["width"] / 100) for c in columns]
    _fixed_widths(table, widths)
    header = table.rows[0]
    _row_flag(header, "w:tblHeader")
    _row_flag(header, "w:cantSplit")
    for cell, col, width in zip(header.cells, columns, widths, strict=False):
        cell.width = width
        p = cell.paragraphs[0]
        _pstyle(doc, p, "Table Heading")
        _run(p, col["label"])
    for row_model in b["rows"]:
        row = table.add_row()
        _row_flag(row, "w:cantSplit")
        for i, (cell, cell_model, width) in enumerate(zip(row.cells, row_model, widths, strict=False)):
            cell.width = width
            lines = cell_model["lines"] or [""]
            for j, line in enumerate(lines):
                p = cell.paragraphs[0] if j == 0 else cell.add_paragraph()
                _pstyle(doc, p, "Table Text")
                p.paragraph_format.line_spacing = TABLE_LINE  # direct: LibreOffice lets "Table Grid" win
                if cell_model.get("numbered"):
                    p.paragraph_format.left_indent = Cm(0.55)
                    p.paragraph_format.first_line_indent = Cm(-0.55)
                if len(columns) == 5 and i == 3:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(p, line)
    doc.add_paragraph(style="Normal")

