"""From OCR lines to a letter's text: reading order, margins dropped, wrapped lines re-joined.

Pure functions over :class:`OcrLine` (a box, its text and the engine's confidence; the page's
seal taken out before); the OCR engine itself is in :mod:`pipeline.read.ocr`. What happens to a page:

* **headers and footers**: lines in the page's top or bottom band that are a page number
  (``- 2 -``, ``第2页 共3页``, ``2/3``) or that repeat on several pages (a portal's stamp) are dropped.
* **reading order**: lines are grouped into rows (boxes that overlap vertically), a row's pieces
  read left to right; a band of rows split by an empty vertical gutter is read column by column.
* **paragraphs**: a typeset paragraph wraps at the right margin and its first line is indented.
  A line joins the one before when that one runs to the right margin, ends no sentence-level
  heading, and this one starts at the left margin without a gap above it; a heading
  (``一、``, ``（一）``, ``1.``) or an indented or centred line starts a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

from .pdf import _PAGE_NUMBER


@dataclass(frozen=True)
class OcrLine:
    """One line (or piece of a line) as the OCR engine read it; coordinates in pixels."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float = 1.0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def char_width(self) -> float:
        """The width of one character (wide characters count one, narrow ones half)."""
        units = sum(1.0 if ord(ch) > 0x2E7F else 0.5 for ch in self.text.strip()) or 1.0
        return (self.x1 - self.x0) / units


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    lines: tuple[OcrLine, ...]


#: the top and bottom bands (share of the page's height) where headers and footers sit
MARGIN_BAND = 0.08
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)"
                      r"|第[一二三四五六七八九十]+[条章节部分]|[①-⑳])")
_ENDS_SENTENCE = re.compile(r"[。！？!?：:；;]['\"”’」』)）]?\s*$")
_DIGITS = re.compile(r"\d+")
_LEADING_WORD = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-/%]*")
_LOOSE_PAGE_NUMBER = re.compile(r"[-—–一_~]?\s*\d{1,3}\s*[-—–一_~]?")


def page_rows(page: Page, repeated: frozenset[str] = frozenset()) -> list[list[OcrLine]]:
    """The page's lines that belong to the letter, as rows in reading order."""
    kept = [line for line in page.lines if line.text.strip() and not _is_margin(line, page, repeated)]
    rows = _reading_order(kept, page.width)
    # a page number is the first or the last thing on its page, in its top or bottom part
    while rows and len(rows[-1]) == 1 and _is_page_number(rows[-1][0]) and rows[-1][0].y0 > 0.7 * page.height:
        rows.pop()
    while rows and len(rows[0]) == 1 and _is_page_number(rows[0][0]) and rows[0][0].y1 < 0.3 * page.height:
        rows.pop(0)
    return rows


def page_confidence(page: Page) -> float | None:
    """The engine's confidence over the page's letter lines, weighted by their length."""
    lines = [line for line in page.lines if line.text.strip()]
    chars = sum(len(line.text) for line in lines)
    return sum(line.score * len(line.text) for line in lines) / chars if chars else None


def repeated_margin_lines(pages: list[Page]) -> frozenset[str]:
    """Texts (digits blanked) that sit in the margin band of two pages or more: headers, footers."""
    if len(pages) < 2:
        return frozenset()
    seen: dict[str, int] = {}
    for page in pages:
        for key in {_margin_key(line) for line in page.lines if _in_band(line, page)}:
            seen[key] = seen.get(key, 0) + 1
    return frozenset(key for key, count in seen.items() if count >= 2 and key)


def document_text(pages: list[Page]) -> str:
    """The letter's text from its pages: each page's rows in reading order, wrapped lines re-joined
    into paragraphs (a paragraph may run on over a page break), a title wrapped over several lines
    of its larger type made one line again."""
    repeated = repeated_margin_lines(pages)
    paragraphs: list[str] = []
    before = None  # (row, text, geometry) of the row before, perhaps on the page before
    for page in pages:
        rows = page_rows(page, repeated)
        geometry = _Geometry.of([line for row in rows for line in row], page.width)
        spacing = _line_spacing(rows)
        body = median(_height(row) for row in rows) if rows else 0.0
        above = None  # the row above on this page
        for row in rows:
            text = _join_row(row)
            close = above is None or min(line.y0 for line in row) - max(line.y1 for line in above) \
                <= spacing + 0.8 * _height(row)  # no blank line between
            wraps = (before is not None and close and not geometry.starts_paragraph(row)
                     and not _HEADING.match(text) and before[2].runs_on(before[0], before[1], _lead(row)))
            title = (above is not None and close and min(_height(above), _height(row)) > 1.2 * body
                     and not _ENDS_SENTENCE.search(before[1]))  # a title's type is larger than the body's
            if (wraps or title) and paragraphs:
                paragraphs[-1] = _glue(paragraphs[-1], text)
            else:
                paragraphs.append(text)
            before, above = (row, text, geometry), row
    return "\n".join(p for p in paragraphs if p.strip())


def _height(row: list[OcrLine]) -> float:
    return max(line.height for line in row)


def _lead(row: list[OcrLine]) -> float:
    """The width of the number or Latin word a row starts with: a typesetter moves it to the next
    line whole, so the line before stops short of the margin by that much."""
    m = _LEADING_WORD.match(row[0].text.strip())
    return len(m.group()) * 0.5 * row[0].char_width if m else 0.0


@dataclass(frozen=True)
class _Geometry:
    """A page's text block: its left and right margins and a character's width."""

    left: float
    right: float
    char: float

    @classmethod
    def of(cls, lines: list[OcrLine], page_width: float) -> "_Geometry":
        if not lines:
            return cls(0.0, page_width, page_width / 40)
        char = median(line.char_width for line in lines if line.text.strip())
        lefts = sorted(line.x0 for line in lines)
        rights = sorted(line.x1 for line in lines)
        # the margins most lines share (a title or a signature sits inside them)
        left = _mode(lefts, char)
        right = rights[int(len(rights) * 0.9)] if len(rights) >= 5 else rights[-1]
        return cls(left, right, char)

    def starts_paragraph(self, row: list[OcrLine]) -> bool:
        """Indented, centred or pushed right: a line no wrapped paragraph continues on."""
        return row[0].x0 > self.left + 1.2 * self.char

    def runs_on(self, row: list[OcrLine], text: str, lead: float = 0.0) -> bool:
        """Whether the paragraph may go on past this line: it reaches the right margin (short of it
        by ``lead``, the next line's first word, at most) and does not end a heading's sentence (a
        heading short of the margin ends its line anyway)."""
        reaches = row[-1].x1 >= self.right - 1.5 * self.char - lead
        from_left = row[0].x0 <= self.left + 2.6 * self.char  # (a first line is indented two characters)
        return reaches and from_left and not _has_cells(row) and not (_HEADING.match(text) and _ENDS_SENTENCE.search(text))


def _line_spacing(rows: list[list[OcrLine]]) -> float:
    """The usual gap between one row and the next on a page (its leading)."""
    gaps = [min(line.y0 for line in b) - max(line.y1 for line in a) for a, b in zip(rows, rows[1:])]
    gaps = [g for g in gaps if g >= 0]
    return median(gaps) if gaps else 0.0


def _mode(values: list[float], width: float) -> float:
    """The value most others lie within one character of (the text block's left edge)."""
    best, best_count = values[0], 0
    for v in values:
        count = sum(1 for w in values if abs(w - v) <= width * 0.6)
        if count > best_count:
            best, best_count = v, count
    return best


def _join_row(row: list[OcrLine]) -> str:
    """A row's pieces: a wide gap (a table's cells, a label and its value) is kept as a space."""
    text = row[0].text.strip()
    for prev, line in zip(row, row[1:]):
        text += (" " if _has_cells([prev, line]) else "") + line.text.strip()
    return text


def _has_cells(row: list[OcrLine]) -> bool:
    """A row of pieces with wide gaps between them: a table's cells, a label and its value."""
    return any(b.x0 - a.x1 > 1.5 * min(a.char_width, b.char_width) for a, b in zip(row, row[1:]))


def _glue(before: str, after: str) -> str:
    """Two wrapped lines as one: Chinese runs on without a space, Latin words keep one."""
    if before and after and before[-1].isascii() and before[-1].isalpha() and after[0].isascii() and after[0].isalpha():
        return before + " " + after
    return before + after


def _reading_order(lines: list[OcrLine], page_width: float) -> list[list[OcrLine]]:
    """Rows top to bottom; a run of rows with an empty vertical gutter is read column by column."""
    lines = sorted(lines, key=lambda line: (line.y0 + line.y1) / 2)
    rows = _group_rows(lines)
    out: list[list[OcrLine]] = []
    k = 0
    while k < len(rows):
        gutter = _gutter(rows[k], page_width)
        if gutter is None:
            out.append(rows[k])
            k += 1
            continue
        band = [rows[k]]  # the rows that keep the same gutter: a two-column band
        k += 1
        while k < len(rows) and _crosses(rows[k], gutter) is False:
            band.append(rows[k])
            k += 1
        if len(band) < 3:  # a label and its value, a row of a table: read across
            out.extend(band)
            continue
        for side in (lambda line: line.x1 <= gutter, lambda line: line.x0 >= gutter):
            out.extend(r for r in ([line for line in row if side(line)] for row in band) if r)
    return out


def _group_rows(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines sorted by their middle into rows, each row left to right."""
    rows: list[list[OcrLine]] = []
    for line in lines:
        if rows:
            last = rows[-1]
            top, bottom = min(x.y0 for x in last), max(x.y1 for x in last)
            overlap = min(bottom, line.y1) - max(top, line.y0)
            if overlap > 0.5 * min(bottom - top, line.height):
                last.append(line)
                continue
        rows.append([line])
    return [sorted(row, key=lambda line: line.x0) for row in rows]


def _gutter(row: list[OcrLine], page_width: float) -> float | None:
    """The x of a wide empty gap in the middle of the page between a row's pieces, if any."""
    for a, b in zip(row, row[1:]):
        middle = (a.x1 + b.x0) / 2
        if b.x0 - a.x1 > 3 * max(a.char_width, b.char_width) and 0.3 * page_width < middle < 0.7 * page_width:
            return middle
    return None


def _crosses(row: list[OcrLine], gutter: float) -> bool:
    return any(line.x0 < gutter < line.x1 for line in row)


def _in_band(line: OcrLine, page: Page) -> bool:
    return line.y1 < MARGIN_BAND * page.height or line.y0 > (1 - MARGIN_BAND) * page.height


def _margin_key(line: OcrLine) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", line.text))


def _is_margin(line: OcrLine, page: Page, repeated: frozenset[str]) -> bool:
    return _in_band(line, page) and (_is_page_number(line) or _margin_key(line) in repeated)


def _is_page_number(line: OcrLine) -> bool:
    """``- 2 -``, ``2``, ``第2页 共3页``, ``2/3``, or one of them with a dash lost (``2-``)."""
    text = line.text.strip()
    return bool(_PAGE_NUMBER.match(text) or _LOOSE_PAGE_NUMBER.fullmatch(text))
