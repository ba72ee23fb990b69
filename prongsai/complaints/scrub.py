"""Strip metadata from uploaded evidence before it is stored, so a file cannot identify a
reporter by its author, camera, GPS position or editing software.

- Images are decoded and re-encoded with Pillow from pixel data only: EXIF (GPS, camera,
  time), XMP, IPTC and comments are gone. JPEG stays JPEG, everything else becomes PNG.
  The EXIF orientation is applied to the pixels first, so the picture still stands upright.
- PDF: the pages are copied into a new document with pypdf; the document information
  dictionary (author, creator, producer, dates, title) and the XMP metadata stream of the
  document and of each page are dropped. What remains: the visible page content, its fonts
  (their names can hint at the software used), embedded images inside the pages (not
  re-encoded) and any text the author typed on the pages.
- DOCX: the core properties (author, last modified by, dates, revision, title, subject,
  keywords, comments) are emptied, the extended properties lose company, manager, template
  and total editing time, custom properties are removed, author names on tracked changes and
  comments are blanked and embedded JPEG/PNG pictures are re-encoded. What remains: the text
  and its formatting and the internal revision-session ids (w:rsid), which are random numbers."""

from __future__ import annotations

import io
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PIXELS = 40_000_000


def scrub_image(data: bytes) -> tuple[bytes, str]:
    """Return (clean bytes, extension)."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > MAX_PIXELS:
                raise ValidationError(_("รูปภาพมีขนาดใหญ่เกินไป (เกิน ๔๐ ล้านพิกเซล) กรุณาย่อขนาดแล้วลองใหม่"))
            img.load()
            fmt = img.format
            img = ImageOps.exif_transpose(img)
            out = io.BytesIO()
            if fmt == "JPEG":
                clean = Image.new(img.mode if img.mode in ("RGB", "L") else "RGB", img.size)
                clean.paste(img.convert(clean.mode))
                clean.save(out, format="JPEG", quality=88, optimize=True)
                return out.getvalue(), ".jpg"
            mode = "RGBA" if img.mode in ("RGBA", "LA", "P", "PA") else "RGB"
            clean = Image.new(mode, img.size)
            clean.paste(img.convert(mode))
            clean.save(out, format="PNG", optimize=True)
            return out.getvalue(), ".png"
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("อ่านไฟล์รูปภาพไม่ได้ กรุณาตรวจสอบไฟล์แล้วลองใหม่")) from exc


def scrub_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError
    from pypdf.generic import NameObject

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(_("ไฟล์ PDF ถูกตั้งรหัสผ่านไว้ กรุณาส่งไฟล์ที่ไม่ได้ตั้งรหัสผ่าน"))
        writer = PdfWriter()
        for page in reader.pages:
            added = writer.add_page(page)
            for key in ("/Metadata", "/PieceInfo"):
                if NameObject(key) in added:
                    del added[NameObject(key)]
        # No document information dictionary, no XMP stream.
        writer._info = None  # pypdf writes no /Info when there is none
        root = writer._root_object
        for key in ("/Metadata", "/PieceInfo", "/Names", "/OpenAction", "/AA"):
            if NameObject(key) in root:
                del root[NameObject(key)]
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(_("อ่านไฟล์ PDF ไม่ได้ กรุณาตรวจสอบไฟล์แล้วลองใหม่")) from exc


_EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_APP_FIELDS = re.compile(rb"<(Company|Manager|Template|TotalTime|HyperlinkBase)>[^<]*</\1>")
_AUTHOR_ATTRS = re.compile(rb'\s(w:author|w:initials|w15:userId|w15:providerId)="[^"]*"')
_CUSTOM_OVERRIDE = re.compile(rb'<Override[^>]*PartName="/docProps/custom.xml"[^>]*/>')
_CUSTOM_REL = re.compile(rb'<Relationship[^>]*Target="docProps/custom.xml"[^>]*/>')


def scrub_docx(data: bytes) -> bytes:
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                name = info.filename
                if name == "docProps/custom.xml":
                    continue
                body = source.read(name)
                if name == "docProps/core.xml":
                    body = _EMPTY_CORE
                elif name == "docProps/app.xml":
                    body = _APP_FIELDS.sub(b"", body)
                elif name == "[Content_Types].xml":
                    body = _CUSTOM_OVERRIDE.sub(b"", body)
                elif name == "_rels/.rels":
                    body = _CUSTOM_REL.sub(b"", body)
                elif name.startswith("word/") and name.endswith(".xml"):
                    body = _AUTHOR_ATTRS.sub(b"", body)
                elif name.startswith("word/media/") and name.lower().endswith((".jpg", ".jpeg", ".png")):
                    try:
                        clean, ext = scrub_image(body)
                    except ValidationError:
                        clean, ext = body, ""
                    # Keep the part's type consistent with its name (JPEG stays JPEG, PNG stays PNG).
                    if ext == (".jpg" if name.lower().endswith((".jpg", ".jpeg")) else ".png"):
                        body = clean
                fresh = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                fresh.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(fresh, body)
        return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise ValidationError(_("อ่านไฟล์ Word ไม่ได้ กรุณาตรวจสอบไฟล์แล้วลองใหม่")) from exc


def scrub(data: bytes, kind: str, name: str) -> tuple[bytes, str]:
    """(clean bytes, a safe file name with no trace of the original name). A file that a
    library cannot parse is refused with a Thai message, never a server error."""
    try:
        return _scrub(data, kind)
    except ValidationError:
        raise
    except Exception as exc:
        raise ValidationError(_("อ่านไฟล์ไม่ได้ ไฟล์อาจเสียหาย กรุณาตรวจสอบไฟล์แล้วลองใหม่")) from exc


def _scrub(data: bytes, kind: str) -> tuple[bytes, str]:
    if kind == "image":
        clean, ext = scrub_image(data)
        return clean, f"evidence{ext}"
    if kind == "pdf":
        return scrub_pdf(data), "evidence.pdf"
    if kind == "docx":
        return scrub_docx(data), "evidence.docx"
    raise ValidationError(_("ไม่รับไฟล์ชนิดนี้"))
