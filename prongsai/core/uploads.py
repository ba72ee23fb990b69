"""Checks an uploaded file by its content, not its name: the declared extension must match
what the bytes are, and the size must be within the limit. One place for every app."""

from __future__ import annotations

import os
import re
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# kind → (extensions, label)
KINDS = {
    "pdf": ({".pdf"}, "PDF"),
    "image": ({".jpg", ".jpeg", ".png", ".gif", ".webp"}, _("รูปภาพ (JPG, PNG, GIF, WEBP)")),
    "docx": ({".docx"}, "Word (DOCX)"),
    "xlsx": ({".xlsx"}, "Excel (XLSX)"),
    "csv": ({".csv"}, "CSV"),
}
IMAGE_MIMES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
ZIP_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def detect_kind(head: bytes, fileobj) -> str | None:
    """What the bytes are: one of KINDS, or None."""
    guess = filetype.guess(head)
    mime = guess.mime if guess else None
    if mime == "application/pdf":
        return "pdf"
    if mime in IMAGE_MIMES:
        return "image"
    if head[:4] == b"PK\x03\x04":
        try:
            fileobj.seek(0)
            names = set(zipfile.ZipFile(fileobj).namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            fileobj.seek(0)
        for kind, marker in ZIP_MARKERS.items():
            if marker in names:
                return kind
        return None
    if guess is None:
        try:
            head.decode("utf-8")
            return "csv"
        except UnicodeDecodeError:
            return None
    return None


def validate_upload(upload, *, kinds: set[str], max_bytes: int | None = None) -> str:
    """Return the detected kind, or raise ValidationError with a message a citizen understands."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    allowed_labels = ", ".join(KINDS[k][1] for k in sorted(kinds))
    if upload.size > max_bytes:
        raise ValidationError(
            _("ไฟล์ “%(name)s” มีขนาด %(size)s เกินขนาดสูงสุด %(max)s กรุณาลดขนาดไฟล์แล้วลองใหม่")
            % {"name": upload.name, "size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("ไฟล์ “%(name)s” ว่างเปล่า") % {"name": upload.name}, code="empty")
    ext = os.path.splitext(upload.name or "")[1].lower()
    declared = next((k for k in kinds if ext in KINDS[k][0]), None)
    if declared is None:
        raise ValidationError(
            _("ไม่รับไฟล์ชนิด “%(ext)s” รับเฉพาะ %(allowed)s") % {"ext": ext or "-", "allowed": allowed_labels},
            code="bad_extension",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    actual = detect_kind(head, upload)
    if actual != declared:
        raise ValidationError(
            _("เนื้อหาของไฟล์ “%(name)s” ไม่ใช่ %(label)s ตามที่ชื่อไฟล์ระบุ กรุณาตรวจสอบไฟล์")
            % {"name": upload.name, "label": KINDS[declared][1]},
            code="content_mismatch",
        )
    if actual == "image":
        check_image(upload)
    return actual


# Markup hidden in a picture (a polyglot: an image to the upload check, a page to a browser that
# sniffs). XMP metadata is XML but never contains these.
IMAGE_MARKUP = re.compile(rb"<(script|html|body|iframe|svg|object|embed|\?php)\b|\bon(error|load)\s*=|javascript:", re.I)


def check_image(upload) -> None:
    """A picture must decode, stay within UPLOAD_MAX_PIXELS (a pixel flood decompresses a small
    file into gigabytes) and carry no markup (polyglot)."""
    from PIL import Image

    bad = ValidationError(
        _("ไฟล์รูปภาพ “%(name)s” เสียหายหรือไม่ใช่รูปภาพที่รองรับ กรุณาตรวจสอบไฟล์") % {"name": upload.name}, code="bad_image"
    )
    max_pixels = getattr(settings, "UPLOAD_MAX_PIXELS", 40_000_000)
    upload.seek(0)
    try:
        with Image.open(upload) as img:
            width, height = img.size
            if width * height > max_pixels:
                raise ValidationError(
                    _("รูปภาพ “%(name)s” มีขนาด %(w)s × %(h)s จุด ใหญ่เกินกำหนด กรุณาย่อขนาดรูปก่อนส่ง")
                    % {"name": upload.name, "w": width, "h": height},
                    code="too_many_pixels",
                )
            img.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("รูปภาพ “%(name)s” ใหญ่เกินกำหนด กรุณาย่อขนาดรูปก่อนส่ง") % {"name": upload.name}, code="too_many_pixels"
        ) from None
    except Exception:  # noqa: BLE001 — Pillow raises many kinds for broken data
        raise bad from None
    finally:
        upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if IMAGE_MARKUP.search(data):
        raise bad
