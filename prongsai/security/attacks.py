"""Hostile files: the right extension with the wrong content, polyglots, a pixel flood, a file
too large. Each is (upload name, bytes, what it is)."""

import io
import struct
import zlib

from PIL import Image

MARK = b"<script>alert('pxss')</script>"


def png(width=8, height=8) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def pixel_flood() -> bytes:
    """A tiny PNG whose header claims 40000 × 40000 pixels (1.6 gigapixels when decoded)."""
    data = bytearray(png(1, 1))
    ihdr = bytearray(data[12:29])  # b"IHDR" + 13 bytes
    ihdr[4:8] = struct.pack(">I", 40000)
    ihdr[8:12] = struct.pack(">I", 40000)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)) & 0xFFFFFFFF)
    return bytes(data)


def gif_polyglot() -> bytes:
    """Starts as a GIF (magic bytes and a screen descriptor), then HTML and script."""
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04" + b"<html>" + MARK + b"</html>" * 4


def pdf_html_polyglot() -> bytes:
    return b"%PDF-1.4\n<html><body>" + MARK + b"</body></html>\n%%EOF\n"


def jpeg_with_html() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 10)).save(buf, "JPEG")
    return buf.getvalue() + b"<html>" + MARK


def attacks(max_bytes: int) -> list[tuple[str, bytes, str]]:
    return [
        ("evidence.pdf", png(), "PNG bytes behind .pdf"),
        ("photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "Windows executable behind .jpg"),
        ("photo.png", b"<html><body>" + MARK + b"</body></html>", "HTML behind .png"),
        ("document.docx", b"PK\x03\x04" + b"\x00" * 100, "broken ZIP behind .docx"),
        ("image.gif", gif_polyglot(), "GIF/HTML polyglot"),
        ("report.pdf", pdf_html_polyglot(), "PDF/HTML polyglot"),
        ("photo.jpg", jpeg_with_html(), "JPEG with HTML appended"),
        ("flood.png", pixel_flood(), "pixel flood (40000 × 40000 PNG)"),
        ("big.pdf", b"%PDF-1.4\n" + b"0" * (max_bytes + 10), "over the size limit"),
        ("script.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG with script"),
        ("page.html", b"<html>" + MARK, "HTML file"),
    ]
