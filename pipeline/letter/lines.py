"""The letter as lines, and the small readings the part readers share."""

from __future__ import annotations

import re
from functools import lru_cache

from ..parsers.docnum import find_doc_numbers
from ..rules import load_patterns
from .model import Line, Piece

SENTENCE_END = re.compile(r"[。;；!！?？]")


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


@lru_cache(maxsize=1)
def title_end() -> re.Pattern:
    """How a title ends (``rules/title_ends.txt``): 答复, 复函 …"""
    return re.compile("(?:" + "|".join(map(re.escape, load_patterns("title_ends.txt"))) + ")$")


@lru_cache(maxsize=1)
def _opening() -> re.Pattern:
    return re.compile("|".join(load_patterns("opening_cues.txt")))


@lru_cache(maxsize=1)
def closing_cue() -> re.Pattern:
    return re.compile("^(?:" + "|".join(map(re.escape, load_patterns("closing_cues.txt"))) + ")")


def looks_like_paragraph(text: str) -> bool:
    """A long sentence, or the opening (``rules/opening_cues.txt``): no header line."""
    return (len(text) > 60 and bool(SENTENCE_END.search(text))) or bool(_opening().search(text))


def first_paragraph(lines: list[Line], i: int) -> int:
    for j in range(i, len(lines)):
        if looks_like_paragraph(lines[j].text):
            return j
    return i


def is_doc_number_line(text: str) -> bool:
    return any(e - s >= len(text) * 0.5 for s, e, _ in find_doc_numbers(text))


def squeeze(text: str) -> str:
    """Drop blanks between CJK characters: ``答 复`` -> ``答复``."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", text).strip()


def piece_in(line: Line, text: str, value=None) -> Piece:
    """``text`` where it stands in ``line``."""
    at = line.text.find(text)
    return Piece(text, line.start + at, line.start + at + len(text), value)


def sub_piece(src: Piece, s: int, e: int, value=None) -> Piece:
    """A part of a piece; offsets stay true when the piece is a verbatim slice of the text."""
    text = src.text[s:e]
    if src.end - src.start == len(src.text):
        return Piece(text, src.start + s, src.start + e, value)
    return Piece(text, src.start, src.end, value)  # a joined title: point at the whole title
