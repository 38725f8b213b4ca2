"""PDF reader: the text layer, page by page (pypdfium2, the PDFium engine).

A scanned PDF has no text layer: it gets a clear ``no_text_layer`` error rather than an empty
record. Page-number lines (``- 1 -``, ``第 1 页 共 3 页``) are dropped; the page count is capped.
"""

from __future__ import annotations

import re

from ..errors import Corrupt, NoTextLayer, PipelineError, TooLarge

#: more pages than this and the file is refused (a reply letter has one to ten)
MAX_PAGES = 200
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$")


def read_pdf(data: bytes, max_pages: int = MAX_PAGES) -> tuple[str, None, list[str]]:
    """``(text, None, warnings)`` of a PDF letter's text layer."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # PdfiumError on a damaged or truncated file
        raise Corrupt(f"not a readable PDF: {exc}") from exc
    try:
        pages = len(pdf)
        if pages > max_pages:
            raise TooLarge(f"the PDF has {pages} pages, over the {max_pages}-page limit")
        texts = []
        for i in range(pages):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    except PipelineError:
        raise
    except Exception as exc:  # PdfiumError and anything PDFium reports on a damaged file
        raise Corrupt(f"the PDF is damaged ({type(exc).__name__}: {exc})") from exc
    finally:
        pdf.close()
    lines = [line for page in texts for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")
             if not _PAGE_NUMBER.match(line)]
    text = "\n".join(_unwrap(lines))
    if sum(1 for ch in text if not ch.isspace()) < 20:
        raise NoTextLayer(f"the PDF has {pages} page(s) but no text layer (a scan?): it needs OCR")
    return text, None, []


_PARAGRAPH_END = re.compile(r"(?:[。！？!?：:]|[。！？!?][”」』)）])\s*$")
_LINE_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、](?!\d)|[①-⑳]|第[一二三四五六七八九十]+[,，]"
    r"|联\s*系|抄\s*送|抄\s*报|附件|签\s*发|来\s*源|发布|索\s*引|信息|成文|文\s*号|主题|类\s*别|办理结果|解决类别|办复类别|\|"
    r"|[^。，,]{1,40}?(?:代表|委员)(?:们)?(?:您好)?[:：]"
    r"|(?:\d{4}|[〇○零一二三四五六七八九0]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日\s*$)")


def _unwrap(lines: list[str]) -> list[str]:
    """Join the lines a typesetter wrapped: a line as long as the longest on the page that does not
    end a sentence runs on into the next, unless the next starts a heading or a label."""
    widths = sorted(len(line.strip()) for line in lines if line.strip())
    if not widths:
        return lines
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 5 else widths[-1]
    out: list[str] = []
    joining = False
    for line in lines:
        stripped = line.strip()
        if joining and out and stripped and not _LINE_START.match(stripped):
            out[-1] += stripped
        else:
            out.append(line)
        joining = (len(stripped) >= max(15, full - 2) and not _PARAGRAPH_END.search(stripped))
    return out