"""Text normalization with an offset map back to the source text.

The record's ``text`` is the output of :func:`normalize`; every entity and
section offset refers to it. ``NormalizedText.origin[i]`` is the index in the
source text of output character ``i``.

What it does, in order:

* line endings to ``\\n``; zero-width characters and BOMs dropped;
* NFKC-style width folding of full-width ASCII (``，`` -> ``,``, ``（`` -> ``(``,
  ``１`` -> ``1``) and of exotic spaces; CJK punctuation without a half-width
  twin (``、`` ``。`` ``《》`` ``〔〕`` ``“”``) and circled numbers stay;
* each line stripped, runs of blanks folded to one space, empty lines dropped;
* portal chrome (分享, 朗读, 浏览量, 打印本页 …) dropped, list bullets stripped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .rules import load_patterns

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
               0x202F: 0x20, 0x2007: 0x20, 0xFFE5: 0xA5, 0xFFE0: 0xA2, 0xFFE1: 0xA3,
               0x2215: 0x2F, 0xFE59: 0x28, 0xFE5A: 0x29, 0x09: 0x20})
_DROP = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD}
_BULLET = re.compile(r"^(?:[•●▪◆◇■□▶►·∙‧]|\*(?=\s))\s*")
_BLANKS = re.compile(r"[ \t\f\v]+")


@dataclass(frozen=True)
class NormalizedText:
    text: str
    origin: tuple[int, ...]  # source index of each character of ``text``


def fold_char(ch: str) -> str:
    """Width-fold one character (``，`` -> ``,``); other characters pass through."""
    return chr(_WIDTH.get(ord(ch), ord(ch)))


def fold_width(text: str) -> str:
    """Width-fold a string without touching line structure or offsets (1:1 except dropped marks)."""
    return "".join(fold_char(ch) for ch in text if ord(ch) not in _DROP)


@lru_cache(maxsize=1)
def _chrome() -> tuple[re.Pattern, re.Pattern]:
    lines = load_patterns("chrome_lines.txt")
    tokens = load_patterns("chrome_tokens.txt")
    return (re.compile("|".join(f"(?:{p})" for p in lines)),
            re.compile("|".join(f"(?:{p})" for p in tokens)))


def normalize(source: str) -> NormalizedText:
    """Normalize a letter's source text; see the module docstring."""
    chrome_line, chrome_token = _chrome()
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    for raw_line in re.split(r"(\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85)", source):
        start = pos
        pos += len(raw_line)
        if not raw_line or raw_line in ("\r\n", "\r", "\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"):
            continue
        chars: list[str] = []
        where: list[int] = []
        for i, ch in enumerate(raw_line):
            if ord(ch) in _DROP:
                continue
            chars.append(fold_char(ch))
            where.append(start + i)
        line = "".join(chars)
        kept = _clean_line(line, chrome_line, chrome_token)
        if not kept:
            continue
        if out:
            out.append("\n")
            origin.append(start - 1 if start else 0)
        for lo, hi in kept:
            out.append(line[lo:hi])
            origin.extend(where[lo:hi])
    text = "".join(out)
    return NormalizedText(text, tuple(origin))


def _clean_line(line: str, chrome_line: re.Pattern, chrome_token: re.Pattern) -> list[tuple[int, int]]:
    """Ranges of ``line`` to keep: stripped, bullets and chrome removed, blanks folded to one."""
    stripped = line.strip()
    if not stripped:
        return []
    offset = line.index(stripped[0])
    bullet = _BULLET.match(stripped)
    if bullet:
        offset += bullet.end()
        stripped = stripped[bullet.end():]
    if not stripped or chrome_line.fullmatch(stripped):
        return []
    # drop chrome tokens, then fold blank runs: collect the ranges that survive
    keep = [True] * len(stripped)
    for m in chrome_token.finditer(stripped):
        for i in range(m.start(), m.end()):
            keep[i] = False
    ranges: list[tuple[int, int]] = []
    i, n = 0, len(stripped)
    last_kept_space = True  # no leading space
    while i < n:
        if not keep[i]:
            i += 1
            continue
        ch = stripped[i]
        if ch in " \t\f\v":
            if last_kept_space:
                i += 1
                continue
            last_kept_space = True
        else:
            last_kept_space = False
        if ranges and ranges[-1][1] == offset + i:
            ranges[-1] = (ranges[-1][0], offset + i + 1)
        else:
            ranges.append((offset + i, offset + i + 1))
        i += 1
    # no trailing space
    while ranges and line[ranges[-1][1] - 1] == " ":
        lo, hi = ranges[-1]
        ranges[-1] = (lo, hi - 1)
        if lo == hi - 1:
            ranges.pop()
    return ranges
