"""Readers: the bytes of one input file -> :class:`Document` (text plus how it was read).

The format is taken from the content first (``%PDF``, a ZIP holding ``word/document.xml``,
an HTML tag near the start) and from the extension second, so a letter saved with the wrong
extension is still read, and a binary file named ``.txt`` is refused for what it is. Readers
never raise anything but :class:`~pipeline.errors.PipelineError` subclasses; each has a
stable code. Hard caps (bytes, characters, pages) are set with :class:`Limits`.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NoTextLayer, NotAFile, PipelineError, TooLarge, Unreadable, UnsupportedFormat
from .text import read_text_bytes

#: extensions each reader takes
FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
           ".docx": "docx", ".pdf": "pdf",
           ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}
MAX_BYTES = 20 * 1024 * 1024
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table)\b", re.I | re.S)


@dataclass(frozen=True)
class Limits:
    """Hard caps on one input; over a cap the input is an error record (``too_large``)."""

    max_bytes: int = MAX_BYTES
    max_chars: int = 2_000_000
    max_pages: int = 200


@dataclass
class Document:
    path: str
    sha256: str
    format: str
    text: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: a scan read by OCR: each page's confidence (None for a page where nothing was read)
    ocr_confidence: list[float | None] | None = None


def format_of(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def sniff(data: bytes) -> str | None:
    """The format the content says it is, or None when it says nothing (plain text)."""
    head = data[:2048]
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"  # PNG, JPEG, TIFF: a scanned page
    if head.startswith((b"\xd0\xcf\x11\xe0",)):
        return "doc"  # the old binary Word format
    if _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    return None


def read_file(path: Path, display_path: str | None = None, max_bytes: int | None = None,
              limits: Limits | None = None) -> Document:
    """Read one input file; raises a :class:`PipelineError` with a stable code when it cannot."""
    limits = limits or Limits(max_bytes=max_bytes or MAX_BYTES)
    fmt = format_of(path)
    if fmt is None:
        raise UnsupportedFormat(f"{path.suffix or 'no extension'} files are not read (supported: "
                                f"{', '.join(sorted(FORMATS))})")
    return read_bytes(read_limited(path, limits), display_path or str(path), fmt, limits)


def read_limited(path: Path, limits: Limits) -> bytes:
    """The file's bytes, refused past the size cap before anything is read; OS errors made clear.
    Only a regular file is opened (a FIFO would block forever, a device never end): its type is
    checked before opening, and again on the opened descriptor."""
    try:
        _check_file(os.stat(path), limits)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            _check_file(os.fstat(fd), limits)  # the entry may have been swapped since the stat
            data = fh.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            raise TooLarge(f"the file grew past the {limits.max_bytes}-byte limit while being read")
    except PipelineError:
        raise
    except OSError as exc:
        raise Unreadable(f"cannot read the file: {exc.strerror or exc}") from exc
    return data


def _check_file(st: os.stat_result, limits: Limits) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise NotAFile("not a regular file (a FIFO, socket or device): never read")
    if st.st_size > limits.max_bytes:
        raise TooLarge(f"{st.st_size} bytes is over the {limits.max_bytes}-byte limit")


def read_bytes(data: bytes, path: str, fmt: str = "txt", limits: Limits | None = None) -> Document:
    """Read bytes whose extension says ``fmt``; the content's own signature wins when they disagree."""
    limits = limits or Limits()
    sha = hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    sniffed = sniff(data)
    if sniffed in ("doc", "zip"):
        raise UnsupportedFormat("an old binary Word .doc file (save it as .docx)" if sniffed == "doc"
                                else "a ZIP archive that is not a DOCX document")
    if sniffed and sniffed != fmt and not (fmt == "txt" and sniffed == "html" and not data.lstrip().startswith(b"<")):
        warnings.append(f"format_from_content:{sniffed}")
        fmt = sniffed
    if fmt == "html":
        from .html import read_html

        text, encoding, more = read_html(data)
    elif fmt == "docx":
        from .docx import read_docx

        text, encoding, more = read_docx(data)
    elif fmt == "pdf":
        from .pdf import read_pdf

        try:
            text, encoding, more = read_pdf(data, max_pages=limits.max_pages)
        except NoTextLayer:  # a scan: read by OCR when it is installed
            return _read_scan(data, path, sha, "pdf", limits, warnings)
    elif fmt == "image":
        return _read_scan(data, path, sha, "image", limits, warnings)
    else:
        text, encoding, more = read_text_bytes(data)
    _check_length(text, limits)
    return Document(path=path, sha256=sha, format=fmt, text=text, encoding=encoding, warnings=warnings + more)


def _check_length(text: str, limits: Limits) -> None:
    if len(text) > limits.max_chars:
        raise TooLarge(f"{len(text)} characters is over the {limits.max_chars}-character limit")


def _read_scan(data: bytes, path: str, sha: str, fmt: str, limits: Limits, warnings: list[str]) -> Document:
    """A scanned PDF or a page image, read by OCR (``pdf-ocr``, ``image-ocr``)."""
    from . import ocr

    if not ocr.available():
        what = "a PDF without a text layer" if fmt == "pdf" else "a page image"
        raise NoTextLayer(f"{what} (a scan?): it needs OCR, which is not installed ({ocr.INSTALL_HINT})")
    if fmt == "pdf":
        result = ocr.read_pdf_scan(data, limits.max_pages)
    else:
        result = ocr.read_pages(ocr.image_pages(data, limits.max_pages))
    _check_length(result.text, limits)
    return Document(path=path, sha256=sha, format=f"{fmt}-ocr", text=result.text, encoding=None,
                    warnings=warnings + result.warnings, ocr_confidence=result.confidences)
