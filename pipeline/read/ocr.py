"""OCR of scanned letters, offline: image-only PDF pages and page images -> text.

The engine is RapidOCR (``rapidocr-onnxruntime``: PP-OCRv4 Chinese detection and recognition
models shipped inside the wheel, run by onnxruntime on the CPU; nothing is downloaded). It is an
optional install, ``pip install 'govreply[ocr]'``; without it a scan stays a ``no_text_layer``
error whose message says how to install it.

A page at a time: a PDF page is rendered (pypdfium2) at the size the engine reads (its longer side
:data:`PAGE_PIXELS`), read, and let go, so memory stays bounded by one page whatever the page
count. The red seal is taken out first (:func:`without_seal`). Each line's box, text and
confidence go to :mod:`pipeline.read.ocr_layout` for reading order and paragraphs, then the text through
:mod:`pipeline.read.ocr_repair`. The document keeps each page's confidence; a page under
:data:`LOW_CONFIDENCE` gets a warning.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import Corrupt, NoTextLayer, PipelineError, TooLarge
from .ocr_layout import OcrLine, Page, document_text, page_confidence
from .ocr_repair import repair

INSTALL_HINT = "pip install 'govreply[ocr]', on Python 3.10-3.12"
#: the longer side of a page as the engine reads it (RapidOCR scales larger images down to this)
PAGE_PIXELS = 2000
#: a page read with less confidence than this gets an ``ocr_low_confidence`` warning
LOW_CONFIDENCE = 0.80
#: an image with more pixels than this is refused before it is decoded (a decompression bomb)
MAX_PIXELS = 120_000_000
IMAGE_FORMATS = ("png", "jpeg", "tiff")


class OcrFailed(PipelineError):
    """The engine read nothing of the letter (a blank page, a photo, an unreadable scan)."""

    code = "ocr_failed"


@dataclass
class OcrResult:
    text: str
    confidences: list[float | None]
    warnings: list[str] = field(default_factory=list)
    engine: str = "rapidocr"


def available() -> bool:
    return engine_version() is not None


@lru_cache(maxsize=1)
def engine_version() -> str | None:
    """The installed engine and its version (what a scan's text depends on), or None without the
    extra. Part of the run cache's fingerprint: installing OCR re-reads the scans it refused."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"rapidocr-onnxruntime {version('rapidocr-onnxruntime')}"
    except PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def _engine():
    """The engine, built once per process (the models load in about a second). With several
    worker processes each uses one thread; alone, onnxruntime uses the cores."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise NoTextLayer(f"the file is a scan, and OCR is not installed: {INSTALL_HINT}") from exc
    threads = int(os.environ.get("GOVREPLY_OCR_THREADS", "-1"))
    # no angle classifier: a letter's lines are upright, and the classifier turned long ones over
    # (read as a character or two, then dropped under the score threshold: lines lost unseen)
    return RapidOCR(max_side_len=PAGE_PIXELS, intra_op_num_threads=threads, inter_op_num_threads=threads,
                    use_cls=False, print_verbose=False)


def read_page(image, keep_top: float = 0.0) -> Page:
    """One page image (PIL) -> its lines with their geometry and confidence (the seal taken out)."""
    import numpy as np

    rgb = without_seal(np.asarray(image.convert("RGB")), keep_top=keep_top)
    result, _ = _engine()(rgb[:, :, ::-1])  # the engine reads OpenCV's BGR
    lines = []
    for box, text, score in result or []:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        lines.append(OcrLine(min(xs), min(ys), max(xs), max(ys), str(text), float(score)))
    return Page(float(rgb.shape[1]), float(rgb.shape[0]), tuple(lines))


#: the share of the first page's height, from the top, where red ink is a red-letter header (红头),
#: the issuing organ's name: kept
RED_HEADER = 0.22


def without_seal(rgb, keep_top: float = 0.0):
    """The page as its red channel, in grey: red ink (the seal over the signature, its ring, star and
    curved name) is as light as the paper there, while black strokes, under the seal too, stay
    dark, so the seal never becomes text and the signature under it reads whole. (Painting only the
    pixels classed red white took the edges of the black strokes under the seal with them, and a
    character of the signature was lost in most degraded scans.) The top ``keep_top`` of the page
    keeps its colours (a red header names the organ)."""
    out = rgb.copy()
    top = int(keep_top * rgb.shape[0])
    out[top:] = rgb[top:, :, :1]
    return out


def read_pages(images) -> OcrResult:
    """The text of a letter from its page images (an iterable, read one at a time)."""
    pages, confidences, warnings = [], [], []
    for number, image in enumerate(images, 1):
        page = read_page(image, keep_top=RED_HEADER if number == 1 else 0.0)
        image.close()
        pages.append(page)
        confidence = page_confidence(page)
        confidences.append(round(confidence, 3) if confidence is not None else None)
        if confidence is not None and confidence < LOW_CONFIDENCE:
            warnings.append(f"ocr_low_confidence:page={number}:{confidence:.2f}")
    text = repair(document_text(pages))
    if sum(1 for ch in text if not ch.isspace()) < 20:
        raise OcrFailed(f"OCR read {len(pages)} page(s) and found no letter's text on them")
    return OcrResult(text, confidences, warnings)


def read_pdf_scan(data: bytes, max_pages: int) -> OcrResult:
    """The text of an image-only PDF (refused, as the PDF reader refuses it, over ``max_pages``)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # PdfiumError on a damaged file
        raise Corrupt(f"not a readable PDF: {exc}") from exc
    try:
        if len(pdf) > max_pages:
            raise TooLarge(f"the PDF has {len(pdf)} pages, over the {max_pages}-page limit")
        return read_pages(pdf_pages(pdf, max_pages))
    finally:
        pdf.close()


def pdf_pages(pdf, max_pages: int):
    """The pages of an open pypdfium2 document as images of :data:`PAGE_PIXELS` on the longer side."""
    for i in range(min(len(pdf), max_pages)):
        page = pdf[i]
        try:
            width, height = page.get_size()
            scale = PAGE_PIXELS / max(width, height, 1)
            yield page.render(scale=scale).to_pil()
        finally:
            page.close()


def image_pages(data: bytes, max_pages: int):
    """The pages (frames) of a PNG, JPEG or TIFF file, refused when too large to decode safely."""
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError as exc:
        raise NoTextLayer(f"the file is an image, and OCR is not installed: {INSTALL_HINT}") from exc
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise TooLarge(f"the image is {image.width}×{image.height} pixels, over the {MAX_PIXELS:,}-pixel limit")
        frames = getattr(image, "n_frames", 1)
        if frames > max_pages:
            raise TooLarge(f"the image has {frames} pages, over the {max_pages}-page limit")
        for k in range(frames):
            image.seek(k)
            frame = image.convert("RGB")
            if max(frame.size) > PAGE_PIXELS:
                frame.thumbnail((PAGE_PIXELS, PAGE_PIXELS))
            yield frame
    except PipelineError:
        raise
    except Image.DecompressionBombError as exc:
        raise TooLarge(f"the image is too large to read safely ({exc})") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise Corrupt(f"not a readable image: {exc}") from exc
