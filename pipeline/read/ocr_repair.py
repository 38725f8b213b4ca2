"""Repair of OCR text before normalization: the confusions OCR engines make on reply letters.

Each rule fixes one kind of misreading, only where the context says what was meant; none knows
any particular letter. Measured on our corpus rendered to page images (clean and degraded scans):

* **the 发文字号's brackets**: the standard's 〔〕 (GB/T 9704) is read as ``()`` on degraded scans,
  and as a mismatched pair; between an issuer's code and a serial number before 号, a round pair
  or a mismatched one (``(2023)``, ``〔2023】``, ``【2023〕``) is made ``〔2023〕``. Square and
  lenticular pairs (``[2023]``, ``【2023】``) are drawn unlike 〔〕 and are the letter's own: they
  stay. (Real letters write 〔〕 in 24 of 25 document numbers of our dev set, round ones in none.)
* **letters for digits** inside a number: ``O``/``o``/``D`` for 0, ``l``/``I``/``|`` for 1,
  ``S`` for 5, where digits stand on both sides or a number's unit follows (``2O23年``, ``l5号``);
* **a dash between digits read as 一** (``0371一65938217``): ``-``;
* **旧 split in two** (``老|旧``, ``老I日``): a bar before 旧 dropped, a bar before 日 is 旧;
* **quotation marks**: a closing ``”`` read as ``"`` after an opening ``“`` (and the reverse);
* **the space lost between a date and a time** (``2024-05-2109:32:15``);
* **口 for 日** (and ``曰``, ``目``) after a month and a day: ``7月11口`` is ``7月11日``;
* **a heading's numeral**: ``-、`` at the start of a line is ``一、``.
"""

from __future__ import annotations

import re

_CJK = "\u4e00-\u9fff"
_DOC_BRACKETS = re.compile(
    rf"(?P<code>[{_CJK}]{{1,12}})\s*(?P<open>[〔【\[［(（{{｛])\s*(?P<year>(?:19|20)\d{{2}})\s*"
    rf"(?P<close>[〕】\]］)）}}｝])\s*(?:第\s*)?(?P<serial>\d{{1,5}})\s*号")
#: the brackets that close each opening one (a round pair may mix widths)
_PAIRS = {"〔": "〕", "【": "】", "[": "]］", "［": "］]", "(": ")）", "（": "）)", "{": "}｝", "｛": "｝}"}
_LOOKALIKE = {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "S": "5"}
# a lookalike between digits, or after digits and before a unit of a number
_DIGIT_LOOKALIKE = re.compile(r"(?<=\d)[OoDlI|S](?=\d)|(?<=\d\d)[Oo](?=[年月日号万元%])|(?<=[(（〔])[l|I](?=\d)")
_DIGIT_DASH = re.compile(r"(?<=\d)[一—](?=\d)")
_OLD_BAR = re.compile(rf"(?<=[{_CJK}])[|Il](?=旧)")
_OLD_SPLIT = re.compile(rf"(?<=[{_CJK}])[|Il]日")
_CLOSING_QUOTE = re.compile(r'“([^“”"\n]{1,80}?)"')
_OPENING_QUOTE = re.compile(r'"([^“”"\n]{1,80}?)”')
_DATE_TIME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?=\d{2}:\d{2})")
_DAY_MARK = re.compile(r"(?<=\d月)(\s*\d{1,2})\s*[口曰目]")
_HEADING_ONE = re.compile(r"^(\s*)[-—–]\s*、", re.M)


def repair(text: str) -> str:
    """``text`` with the known OCR confusions repaired (lines and their order unchanged)."""
    text = _DOC_BRACKETS.sub(_doc_number, text)
    text = _DIGIT_LOOKALIKE.sub(lambda m: _LOOKALIKE[m.group()], text)
    text = _DIGIT_DASH.sub("-", text)
    text = _DATE_TIME.sub(r"\1 ", text)
    text = _OLD_SPLIT.sub("旧", _OLD_BAR.sub("", text))
    text = _OPENING_QUOTE.sub(r"“\1”", _CLOSING_QUOTE.sub(r"“\1”", text))
    text = _DAY_MARK.sub(lambda m: f"{m.group(1)}日", text)
    text = _HEADING_ONE.sub(lambda m: f"{m.group(1)}一、", text)
    return text


def _doc_number(m: re.Match) -> str:
    """A 发文字号 with its brackets made a pair: the letter's own pair stays, a mismatch is 〔〕."""
    if m["close"] in _PAIRS[m["open"]] and m["open"] not in "(（":
        return m.group()
    return f"{m['code']}〔{m['year']}〕{m['serial']}号"
