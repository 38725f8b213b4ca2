"""The top of a letter: the portal's metadata block, then the header down to the addressee line
(category, 发文字号, title, 签发人, the page's 日期/来源 line)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..parsers.docnum import DocNumber, find_doc_numbers
from ..parsers.fields import Addressee, Category, metadata_labels, parse_addressee, parse_category
from ..rules import load_labels
from .lines import (SENTENCE_END, first_paragraph, is_doc_number_line, looks_like_paragraph, piece_in, squeeze,
                    title_end)
from .model import Line, Part, Piece


@dataclass
class Metadata:
    fields: dict[str, Piece] = field(default_factory=dict)
    parts: list[Part] = field(default_factory=list)
    end: int = 0  # the index of the first line after the block
    lines_above: int = 0  # header lines (doc number, title) standing above the block


@dataclass
class Header:
    addressee: Piece[Addressee] | None = None
    title: Piece | None = None
    doc_number: Piece[DocNumber] | None = None
    category: Piece[Category] | None = None
    signer: Piece | None = None
    portal: dict[str, Piece] = field(default_factory=dict)
    parts: list[Part] = field(default_factory=list)
    end: int = 0  # the index of the first line of the opening


# -- metadata block -------------------------------------------------------------------
def read_metadata(lines: list[Line]) -> Metadata:
    """The label/value block at the top (索引号: …, 发布机构: …)."""
    label_res = metadata_labels()
    any_label = re.compile(r"^(?:" + "|".join(p.pattern for _, p in label_res) + r")\s*[:：]")
    block = Metadata()
    i, last, n = 0, -1, len(lines)
    first = None
    while i < n and i < 60:
        if not (any_label.match(lines[i].text) or _is_table_row(lines[i].text, label_res)):
            if first is None and i < 3:
                i += 1
                continue
            break
        first = i if first is None else first
        consumed = _metadata_line(lines, i, block.fields, label_res, any_label)
        last = i + consumed
        i += 1 + consumed
    if first is None:
        return block
    block.parts.append(("metadata", lines[first].start, lines[last].end))
    block.lines_above, block.end = first, last + 1
    return block


def _metadata_line(lines: list[Line], i: int, fields: dict[str, Piece], label_res, any_label) -> int:
    """Parse one line of label:value pairs; returns 1 when the value sat on the next line."""
    line = lines[i]
    if "|" in line.text:
        _table_row(line, fields, label_res)
        return 0
    keys = []
    for key, pattern in label_res:
        for m in re.finditer(rf"(?:{pattern.pattern})\s*[:：]", line.text):
            keys.append((m.start(), m.end(), key))
    keys.sort()
    # keep non-overlapping label hits, leftmost first
    kept, end = [], -1
    for k in keys:
        if k[0] >= end:
            kept.append(k)
            end = k[1]
    for j, (s, e, key) in enumerate(kept):
        stop = kept[j + 1][0] if j + 1 < len(kept) else len(line.text)
        value = line.text[e:stop].strip()
        if value:
            vs = line.start + line.text.index(value, e)
            fields.setdefault(key, Piece(value, vs, vs + len(value)))
        elif j == len(kept) - 1 and i + 1 < len(lines) and not any_label.match(lines[i + 1].text):
            nxt = lines[i + 1]
            fields.setdefault(key, Piece(nxt.text, nxt.start, nxt.end))
            return 1
    return 0


def _is_table_row(text: str, label_res) -> bool:
    """Whether ``text`` is a metadata table's row: its first cell is a label."""
    first = next((c.strip() for c in text.split("|") if c.strip()), "") if "|" in text else ""
    return bool(first) and _label_of(first, label_res) is not None


def _label_of(cell: str, label_res) -> str | None:
    return next((k for k, pattern in label_res if re.fullmatch(rf"(?:{pattern.pattern})\s*[:：]?", cell)), None)


def _table_row(line: Line, fields: dict[str, Piece], label_res) -> None:
    """A metadata table flattened to a line: ``| 索 引 号 | 1425/2019-01101 | 分 类 | 意见 |`` or
    ``文號: | 連環函〔2024〕47號 | 主題詞: | |``: a cell that is a label names the next cell."""
    cells = [(m.start(), m.group()) for m in re.finditer(r"[^|]+", line.text)]
    key = None
    for at, cell in cells:
        value = cell.strip()
        if not value:
            continue
        label = _label_of(value, label_res)
        if label is not None:
            key = label
            continue
        if key is not None:
            vs = line.start + at + cell.index(value)
            fields.setdefault(key, Piece(value, vs, vs + len(value)))
            key = None


# -- header ------------------------------------------------------------------------------
def read_header(lines: list[Line], metadata: Metadata) -> Header:
    """Category, doc number, title and addressee, from the end of the metadata block down."""
    i = metadata.end
    header = Header()
    addressee_at = _addressee(lines, i, header)
    header.end = addressee_at if addressee_at is not None else first_paragraph(lines, i)
    above = lines[:metadata.lines_above]  # 筑交建〔2024〕19号 / 关于…的答复函 above a 公开属性 line
    header_lines = above + lines[i:header.end]
    if lines[i:header.end]:
        header.parts.append(("header", lines[i].start, lines[header.end - 1].end))
    if above:
        header.parts.append(("header", above[0].start, above[-1].end))
    _labelled(header_lines, header)
    if header.doc_number is None:
        header.doc_number = _trailing_doc_number(header_lines)
    header.title = _title(header_lines) or metadata.fields.get("file_name")
    if addressee_at is not None and not header.addressee.value.rest:
        header.end = addressee_at + 1  # (with a rest, the opening runs on after the addressee)
    return header


def _addressee(lines: list[Line], i: int, header: Header) -> int | None:
    """The addressee line's index (``header.addressee`` set), or None before the first paragraph."""
    for j in range(i, min(len(lines), i + 25)):
        a = parse_addressee(lines[j].text)
        if a is not None:
            line = lines[j]
            length = len(line.text) - len(a.rest) if a.rest else len(line.text)
            start = line.start
            if j > i and re.search(r"[、,，]$", lines[j - 1].text):
                # a list of names wrapped onto the addressee line: 李**、王**、 / 赵**委员:
                joined = parse_addressee(lines[j - 1].text + line.text)
                if joined is not None and len(joined.names) > len(a.names):
                    a, start = joined, lines[j - 1].start
            header.addressee = Piece(line.text[:length], start, line.start + length, a)
            header.parts.append(("addressee", start, line.start + length))
            return j
        if looks_like_paragraph(lines[j].text):
            return None
    return None


def _labelled(header_lines: list[Line], header: Header) -> None:
    """The page's 日期/来源 line, 签发人, the category and a doc number standing on its own line."""
    signer_label = re.compile(rf"(?:{load_labels('signer')})\s*[:：]\s*(?P<v>[^\s:：,，;；]{{2,8}})")
    for line in header_lines:
        _portal_line(line, header.portal)
        signer = signer_label.search(line.text)
        if signer and header.signer is None:  # 签发人 beside the doc number
            header.signer = Piece(signer["v"], line.start + signer.start("v"), line.start + signer.end("v"))
        if header.category is None:
            cat = parse_category(line.text)
            if cat is not None:
                header.category = piece_in(line, cat.raw, cat)
        if header.doc_number is None:
            for s, e, dn in find_doc_numbers(line.text):
                if e - s >= len(line.text.strip()) * 0.5:  # the line is essentially the number
                    header.doc_number = Piece(dn.text, line.start + s, line.start + e, dn)
                    break


def _trailing_doc_number(header_lines: list[Line]) -> Piece[DocNumber] | None:
    """A doc number only in brackets after the title: 关于…的答复(合数资函〔2024〕5号)."""
    for line in header_lines:
        m = _TRAILING_DOC_NUMBER.search(line.text)
        found = list(find_doc_numbers(m.group(1))) if m else []
        if found:
            s, e, dn = found[0]
            at = line.start + m.start(1)
            return Piece(dn.text, at + s, at + e, dn)
    return None


#: a page's own labelled fields: ``日期:2023-07-13 18:01:41 来源:市经信局``
_PORTAL_FIELDS = tuple(
    (key, re.compile(rf"(?:^|\s)(?:{label})\s*[:：]\s*(?P<v>.+?)(?=\s+\S{{2,4}}\s*[:：]|$)"))
    for key, label in (("date", r"(?:发布)?(?:日期|时间)"), ("source", r"来源|发布机构")))


def _portal_line(line: Line, portal: dict[str, Piece]) -> None:
    """``日期:2023-07-13 18:01:41 来源:市经信局``: the page's own date and source."""
    for key, pattern in _PORTAL_FIELDS:
        m = pattern.search(line.text)
        # a 日期 label counts only on the page's 来源 line; a 来源 label anywhere in the header
        if m and (key == "source" or "来源" in line.text):
            portal.setdefault(key, Piece(m["v"], line.start + m.start("v"), line.start + m.end("v")))


def _title(header_lines: list[Line]) -> Piece | None:
    """The title line closest above the addressee; a title wrapped over lines is joined."""
    candidates = []
    for k in range(len(header_lines) - 1, -1, -1):
        line = header_lines[k]
        text = without_doc_number(line.text)
        label = _TITLE_LABEL.search(text)  # 成文日期   标 题  关于…的答复: a metadata row without colons
        skip = label.end() if label else len(text) - len(text.lstrip())
        text = text[skip:].rstrip()
        if is_doc_number_line(text):
            continue
        if title_end().search(_SUBJECT_AFTER.sub("", text).replace(" ", "")):
            above = _wrapped_above(header_lines[:k], text)
            first = above[0] if above else None
            start = first.start + len(first.text) - len(first.text.lstrip()) if first else line.start + skip
            joined = "".join(a.text.strip() for a in above) + text
            return Piece(squeeze(joined), start, line.start + skip + len(text))
        if text.startswith("关于") and len(text) <= 80:
            candidates.append(Piece(squeeze(text), line.start + skip, line.start + skip + len(text)))
    return candidates[0] if candidates else None  # no line ends like a title: the lowest 关于… line


#: the suggestion's own title bracketed after the reply's: …的答复(关于将单位宿舍纳入…的建议)
_SUBJECT_AFTER = re.compile(r"[(（]关于[^()（）]{2,80}[)）]$")
#: a title's label on a metadata row written without colons
_TITLE_LABEL = re.compile(r"(?:^|\s)(?:标\s*题|文件名称|信息名称)\s+(?=\S)")
#: where a title starts: 关于…, 对…, X局关于…, X局对…
_TITLE_START = re.compile(r"^(?:关于|对)|[局委办厅院府部会]\s*(?:关于|对)")
#: an organ's name on its own line (西乡县财政局) above a title wrapped under it
_ORGAN_LINE = re.compile(r"^[\u4e00-\u9fff()（）]{4,24}[局委办厅院府部会室处]$")


def _wrapped_above(lines: list[Line], last: str) -> list[Line]:
    """The lines above ``last`` (a line ending like a title) that begin the same title: up to three
    lines up to one that starts a title (关于…, 对…, X局关于…), under the organ's own line when
    one stands above it (西乡县财政局 / 关于对…第78号 / 建议的复函); none when ``last`` starts a title
    itself or no start is found."""
    if _TITLE_START.search(last.replace(" ", "")):
        return []
    taken: list[Line] = []
    for line in reversed(lines):
        text = line.text.strip()
        if not text:
            continue
        if (len(text) > 80 or title_end().search(text) or SENTENCE_END.search(text) or is_doc_number_line(text)
                or re.search(r"[:：]", text) or len(taken) == 3):
            return []
        taken.insert(0, line)
        if _TITLE_START.search(text.replace(" ", "")):
            organ = _line_above(lines, line)
            if organ is not None and text.startswith(("关于", "对")) and _ORGAN_LINE.match(organ.text.strip()):
                taken.insert(0, organ)
            return taken
    return []


def _line_above(lines: list[Line], line: Line) -> Line | None:
    """The nearest non-blank line above ``line`` in ``lines``."""
    above = [x for x in lines if x.end < line.start and x.text.strip()]
    return above[-1] if above else None


_TRAILING_DOC_NUMBER = re.compile(r"\s*[(（]([^()（）]{4,30})[)）]\s*$")


def without_doc_number(text: str) -> str:
    """A title line without the doc number bracketed after it: 关于…的答复(合数资函〔2024〕5号)."""
    m = _TRAILING_DOC_NUMBER.search(text)
    if m and any(True for _ in find_doc_numbers(m.group(1))):
        return text[: m.start()]
    return text
