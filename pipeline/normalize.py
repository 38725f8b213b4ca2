"""Text normalization: the reader's text -> the record's ``text``.

The record's ``text`` is the output of :func:`normalize`; every entity and
section offset refers to it.

What it does, in order:

* stray markup: HTML tags dropped (``<br>``, ``<p>`` … become line breaks),
  entities such as ``&nbsp;`` decoded;
* line endings to ``\\n``; zero-width characters and BOMs dropped;
* NFKC-style width folding of full-width ASCII (``，`` -> ``,``, ``（`` -> ``(``,
  ``１`` -> ``1``) and of exotic spaces; CJK punctuation without a half-width
  twin (``、`` ``。`` ``《》`` ``〔〕`` ``“”``) and circled numbers stay;
* each line stripped, runs of blanks folded to one space, empty lines dropped;
* portal chrome (分享, 朗读, 浏览量, 打印本页 …), markdown table rules and list
  bullets dropped; doubled punctuation (``。。``, ``,,``) kept once;
* a letter that lost its line breaks (a whole letter on one line) is broken
  again before its headings, addressee, closing, contact and signature
  (cues in ``rules/line_breaks.tsv``).

Traditional characters are not converted here: :func:`simplify` gives an
equal-length simplified copy for matching, so offsets stay true to ``text``.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .rules import load_patterns, load_table

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20,
               0x202F: 0x20, 0x2007: 0x20, 0xFFE5: 0xA5, 0xFFE0: 0xA2, 0xFFE1: 0xA3,
               0x2215: 0x2F, 0xFE59: 0x28, 0xFE5A: 0x29, 0x09: 0x20})
_DROP = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD}
_BULLET = re.compile(r"^(?:[•●▪◆◇■□▶►·∙‧]|[*\-+](?=\s))\s*")
_BLANKS = re.compile(r"[ \t\f\v]+")


_FOLDED = {chr(k): chr(v) for k, v in _WIDTH.items()}
_FOLDABLE = re.compile("[" + "".join(map(re.escape, sorted(_FOLDED))) + "]")
_DROPPED = re.compile("[" + "".join(map(chr, sorted(_DROP))) + "]")


def _fold(text: str) -> str:
    # (a pattern for the few characters that change: str.translate looks up every character)
    return _FOLDABLE.sub(lambda m: _FOLDED[m.group()], text)


@lru_cache(maxsize=1)
def _chrome() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The chrome lines, the chrome tokens, and the tokens without their leading blanks (``\\s*``):
    a line holds a token only where one of these matches, and the scan finds these by their first
    characters (a pattern that may start with a blank is tried at every character: 0.22 ms a
    letter for the tokens, 0.07 for this check)."""
    lines = load_patterns("chrome_lines.txt")
    tokens = load_patterns("chrome_tokens.txt")
    return (re.compile("|".join(f"(?:{p})" for p in lines)),
            re.compile("|".join(f"(?:{p})" for p in tokens)),
            re.compile("|".join(f"(?:{p.removeprefix(_LEADING_BLANKS)})" for p in tokens)))


_LEADING_BLANKS = "\\s*"


def normalize(source: str) -> str:
    """Normalize a letter's source text; see the module docstring."""
    return _reflow(_DOUBLED.sub(r"\1", _clean_lines(_drop_glosses(_strip_markup(source)))))


# a pinyin reading in brackets after a character: 鎮(zhèn), 協(xié), 復(fù)
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,6})[)）]")
_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
GLOSSED_PAGE = 3  # this many tone-marked readings make a page glossed


def _drop_glosses(source: str) -> str:
    """Drop the pinyin readings some mirror sites print after characters (鎮(zhèn)康縣 -> 鎮康縣).

    Only on a glossed page (at least ``GLOSSED_PAGE`` readings with tone marks), so that a lone
    letter in brackets (附件(a)) stays.

    >>> _drop_glosses("鎮(zhèn)康縣教育局關(guān)於協(xié)調的答復(fù)")
    '鎮康縣教育局關於協調的答復'
    >>> _drop_glosses("见附件(a)")
    '见附件(a)'
    """
    if "(" not in source and "（" not in source:
        return source
    readings = _GLOSS.findall(source)
    if sum(1 for r in readings if _TONE.search(r)) < GLOSSED_PAGE:
        return source
    return _GLOSS.sub("", source)


_TAG = re.compile(r"<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]{0,10})\b[^<>]{0,300}?/?>|<!--.{0,2000}?-->", re.S)
_BLOCK_TAGS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "section"}
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")


def _strip_markup(source: str) -> str:
    """Drop stray HTML tags (block tags become line breaks) and decode entities."""
    if "<" in source:
        source = _TAG.sub(lambda m: "\n" if (m["name"] or "").lower() in _BLOCK_TAGS else "", source)
    if "&" in source:
        source = _ENTITY.sub(lambda m: html.unescape(m.group(0)), source)
    return source


def _clean_lines(source: str) -> str:
    """Width folding, stripped lines, chrome and bullets dropped, blank runs folded."""
    chrome_line, chrome_token, token_core = _chrome()
    folded = _fold(_DROPPED.sub("", source))  # zero-width characters and BOMs dropped
    out: list[str] = []
    for line in _LINE_BREAK.split(folded):
        if not line or _LINE_BREAK.fullmatch(line):
            continue
        kept = _clean_line(line, chrome_line, chrome_token, token_core)
        if kept:
            out.append("".join(line[lo:hi] for lo, hi in kept))
    return "\n".join(out)


_LINE_BREAK = re.compile(r"(\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85)")
_DOUBLED = re.compile(r"([。,;；!！?？、:：])\1+")


@lru_cache(maxsize=1)
def _breaks() -> tuple[tuple[str, re.Pattern], ...]:
    cues = "|".join(map(re.escape, load_patterns("closing_cues.txt")))
    rows = (*load_table("line_breaks.tsv"), ("closing", rf"(?<=[。!！])\s*(?=(?:{cues}))"))
    return tuple((kind, re.compile(pattern)) for kind, pattern in rows)


#: lines at least this long are looked at for lost line breaks
REFLOW_MIN = 200


def _reflow(text: str) -> str:
    """Break over-long lines that hold a whole letter (or its header) at structural cues."""
    if not any(len(line) >= REFLOW_MIN for line in text.split("\n")):
        return text
    out: list[str] = []
    for line in text.split("\n"):
        cuts = _cuts(line) if len(line) >= REFLOW_MIN else []
        pieces, last = [], 0
        for cut in cuts:
            piece = line[last:cut].rstrip(" ")
            if not piece:
                continue
            pieces.append(piece)
            last = cut
            while last < len(line) and line[last] == " ":
                last += 1
        pieces.append(line[last:])
        out.append("\n".join(pieces))
    return "\n".join(out)


def _cuts(line: str) -> list[int]:
    """Where to break ``line``: every cue position, when cues of two kinds or more are found."""
    line = simplify(line) or line  # the cues are written in simplified characters
    found: dict[int, str] = {}
    for kind, pattern in _breaks():
        for m in pattern.finditer(line):
            if 0 < m.start() < len(line):
                found.setdefault(m.start(), kind)
    if len(set(found.values())) < 2:
        return []
    return sorted(found)


_SPACES = re.compile(r" {2,}")


def _clean_line(line: str, chrome_line: re.Pattern, chrome_token: re.Pattern,
                token_core: re.Pattern) -> list[tuple[int, int]]:
    """Ranges of ``line`` to keep: stripped, bullets and chrome removed, blanks folded to one
    (``token_core``: the tokens without their leading blanks, a quick check that any is there)."""
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
    # the pieces between chrome tokens, then blank runs folded to their first blank
    pieces, at = [], 0
    for m in chrome_token.finditer(stripped) if token_core.search(stripped) else ():
        if m.start() > at:
            pieces.append((at, m.start()))
        at = max(at, m.end())
    if at < len(stripped):
        pieces.append((at, len(stripped)))
    ranges: list[tuple[int, int]] = []
    after_space = True  # no leading blank
    for lo, hi in pieces:
        for m in _SPACES.finditer(stripped, lo, hi):
            _keep(ranges, stripped, lo, m.start() + 1, after_space, offset)
            after_space = True
            lo = m.end()
        if lo < hi:
            after_space = _keep(ranges, stripped, lo, hi, after_space, offset)
    while ranges and line[ranges[-1][1] - 1] == " ":  # no trailing blank
        lo, hi = ranges[-1]
        ranges[-1] = (lo, hi - 1)
        if lo == hi - 1:
            ranges.pop()
    return ranges


def _keep(ranges: list[tuple[int, int]], text: str, lo: int, hi: int, after_space: bool, offset: int) -> bool:
    """Keep ``text[lo:hi]`` (no blank run inside), without its first blank when one was just kept;
    joined to the last range when adjacent. Returns whether it ends in a blank."""
    if after_space and text[lo] == " ":
        lo += 1
    if lo < hi:
        if ranges and ranges[-1][1] == offset + lo:
            ranges[-1] = (ranges[-1][0], offset + hi)
        else:
            ranges.append((offset + lo, offset + hi))
        return text[hi - 1] == " "
    return after_space


@lru_cache(maxsize=1)
def t2s():
    """The OpenCC traditional -> simplified converter (built once)."""
    import opencc

    return opencc.OpenCC("t2s")


#: a text is taken as traditional when at least this share of its CJK characters change under t2s
TRADITIONAL_SHARE = 0.02


def simplify(text: str) -> str | None:
    """An equal-length simplified copy of a traditional-character text, or None when it is simplified.

    The copy is what the extractors read; offsets into it are offsets into ``text``.
    Conversion is phrase-aware (OpenCC ``t2s``); should a phrase change the length,
    that stretch falls back to character-by-character conversion.

    >>> simplify("關於市七屆人大三次會議第248號建議的答覆")
    '关于市七届人大三次会议第248号建议的答复'
    >>> simplify("关于市七届人大三次会议的答复") is None
    True
    """
    converter = t2s()
    converted = converter.convert(text)
    if converted == text:  # (most letters: nothing to count)
        return None
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if not cjk:
        return None
    if len(converted) != len(text):
        converted = "".join(_one(converter, ch) for ch in text)
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    if changed < 3 or changed < cjk * TRADITIONAL_SHARE:
        return None
    return converted


def _one(converter, ch: str) -> str:
    out = converter.convert(ch)
    return out if len(out) == 1 else ch
