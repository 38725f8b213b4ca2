"""DOCX reader: paragraphs and tables in document order, Word's automatic list numbers written out.

A reply letter's 一、 / （一） / 1. headings are often Word list numbering, absent from the
paragraph text; they are rebuilt from the numbering definitions (format and level text such
as ``chineseCounting`` + ``%1、``) with a counter per list and level. Table rows become lines
(cells two spaces apart; a metadata label cell and its value become ``label:value``).

Safety: the archive is checked before it is opened (member count, unpacked size and
compression ratio, so a ZIP bomb is refused unread); python-docx parses XML with entity
resolution off.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import Corrupt, EmptyInput, PipelineError, UnsafeArchive
from .html import _METADATA_LABEL

#: limits on the archive, checked before anything is unpacked
MAX_MEMBERS = 5_000
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def check_archive(data: bytes) -> zipfile.ZipFile:
    """Open the ZIP container after checking it cannot blow up when unpacked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except Exception as exc:  # BadZipFile, NotImplementedError (an odd ZIP version), OSError …
        raise Corrupt(f"not a readable DOCX (ZIP) file ({type(exc).__name__}: {exc})") from exc
    if len(members) > MAX_MEMBERS:
        raise UnsafeArchive(f"the archive has {len(members)} members, over the {MAX_MEMBERS} limit")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED:
        raise UnsafeArchive(f"the archive unpacks to {unpacked} bytes, over the {MAX_UNPACKED}-byte limit")
    for m in members:
        if m.file_size > 1_000_000 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise UnsafeArchive(f"{m.filename} is compressed {m.file_size // max(m.compress_size, 1)}:1, "
                                "a ZIP bomb")
    if "word/document.xml" not in {m.filename for m in members}:
        raise Corrupt("a ZIP file without word/document.xml is not a DOCX")
    return archive


def read_docx(data: bytes) -> tuple[str, str | None, list[str]]:
    """``(text, None, warnings)`` of a DOCX letter."""
    check_archive(data)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        lines: list[str] = []
        for block in document.element.body.iterchildren():
            if block.tag == _W + "p":
                text = "".join(t.text or "" for t in block.iter(_W + "t"))
                marker = numbering.marker(block, document)
                lines.append(marker + text if marker and text.strip() else text)
            elif block.tag == _W + "tbl":
                lines.extend(_table_lines(block))
    except PipelineError:
        raise
    except Exception as exc:  # zlib, lxml (XMLSyntaxError) and python-docx errors on a damaged package
        raise Corrupt(f"the DOCX file is damaged ({type(exc).__name__}: {exc})") from exc
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyInput("the DOCX file holds no text")
    warnings = ["docx_numbering_rebuilt"] if numbering.used else []
    return text, None, warnings


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.iter(_W + "tr"):
        cells = ["".join(t.text or "" for t in cell.iter(_W + "t")).strip() for cell in row.iter(_W + "tc")]
        out, k = [], 0
        while k < len(cells):
            if k + 1 < len(cells) and _METADATA_LABEL.match(cells[k]) and not _METADATA_LABEL.match(cells[k + 1]):
                out.append(re.sub(r"[:：\s]", "", cells[k]) + ":" + cells[k + 1])
                k += 2
            else:
                out.append(cells[k])
                k += 1
        line = "  ".join(c for c in out if c)
        if line:
            lines.append(line)
    return lines


class _Numbering:
    """Word list numbering: num -> abstractNum -> level (format, text, start); counters per list."""

    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        self.used = False
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        abstract = {}
        for a in root.iter(_W + "abstractNum"):
            levels = {}
            for lvl in a.iter(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                fmt = _val(lvl, "numFmt") or "decimal"
                text = _val(lvl, "lvlText") or ""
                start = int(_val(lvl, "start") or "1")
                levels[ilvl] = (fmt, text, start)
            abstract[a.get(_W + "abstractNumId")] = levels
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            levels = abstract.get(ref.get(_W + "val") if ref is not None else None, {})
            for ilvl, spec in levels.items():
                self.levels[(num.get(_W + "numId"), ilvl)] = spec

    def marker(self, paragraph, document) -> str:
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            num_pr = self._style_numbering(paragraph, document)
        if num_pr is None:
            return ""
        num_id = _val(num_pr, "numId")
        ilvl = int(_val(num_pr, "ilvl") or "0")
        spec = self.levels.get((num_id, ilvl))
        if spec is None or num_id in (None, "0"):
            return ""
        fmt, text, start = spec
        counters = self.counters.setdefault(num_id, [0] * 9)
        if ilvl >= len(counters):
            return ""
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        self.used = True

        def level_value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            value = counters[k] if 0 <= k < len(counters) and counters[k] else 1
            level_fmt = self.levels.get((num_id, k), (fmt,))[0]
            return _render(value, level_fmt)

        return re.sub(r"%(\d)", level_value, text)

    @staticmethod
    def _style_numbering(paragraph, document):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        if style is None:
            return None
        try:
            element = document.styles.element
        except (AttributeError, KeyError):
            return None
        for s in element.iter(_W + "style"):
            if s.get(_W + "styleId") == style.get(_W + "val"):
                return s.find(f"{_W}pPr/{_W}numPr")
        return None


def _val(element, name: str) -> str | None:
    child = element.find(_W + name)
    return child.get(_W + "val") if child is not None else None


def _render(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "taiwaneseCounting", "japaneseCounting"):
        return chinese_number(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (list numbers)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
