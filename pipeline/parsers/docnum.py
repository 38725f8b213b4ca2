"""发文字号 (document numbers): 金经信办建〔2023〕31号, 西城管字[2023]8号, 国办发【2022】第5号.

>>> d = parse_doc_number("金经信办建〔2023〕31号"); (d.issuer_code, d.year, d.serial)
('金经信办建', 2023, 31)
>>> parse_doc_number("关于印发的通知") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..rules import load_patterns

OPEN = r"[〔\[【﹝(（［〖]"
CLOSE = r"[〕\]】﹞)）］〗]"
ISSUER_MAX = 14  # letters in an issuer code
DOC_NUMBER_PATTERN = re.compile(
    rf"""
    (?P<issuer>[\u4e00-\u9fffA-Za-z]{{1,{ISSUER_MAX}}}?)
    \s*{OPEN}\s*(?P<year>(?:19|20)\d{{2}})\s*{CLOSE}\s*
    第?\s*(?P<serial>\d{{1,6}})\s*号
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class DocNumber:
    text: str
    issuer_code: str
    year: int
    serial: int


def _strip_lead(issuer: str, in_prose: bool) -> str:
    """Drop words that run into the issuer code in prose: 根据浙政发 -> 浙政发.

    One-character words (并, 及, 经 …) are dropped only in running prose: at the
    start of a line they are the issuer's own place code (并文旅函 is Taiyuan's).
    """
    leads = load_patterns("docnum_leads.txt")
    changed = True
    while changed:
        changed = False
        for lead in leads:
            if issuer.startswith(lead) and len(issuer) > len(lead) and (in_prose or len(lead) > 1):
                issuer = issuer[len(lead):]
                changed = in_prose = True
    return issuer


#: the bracketed year every document number has: the scan looks for it first
_YEAR_IN_BRACKETS = re.compile(rf"{OPEN}\s*(?:19|20)\d{{2}}\s*{CLOSE}")
_ISSUER_TAIL = re.compile(rf"[\u4e00-\u9fffA-Za-z]{{1,{ISSUER_MAX}}}$")


def doc_number_matches(text: str) -> Iterator[re.Match]:
    """The matches of ``DOC_NUMBER_PATTERN.finditer(text)``, found from the bracketed years.

    An issuer is 1 to ISSUER_MAX letters right before the bracket (blanks between), and cannot hold a
    bracket, so a match using a bracket starts at the first of the letters before it: the
    pattern is tried there only, not at every character of the text.
    """
    pos = 0
    for anchor in _YEAR_IN_BRACKETS.finditer(text):
        if anchor.start() < pos:
            continue
        lo = anchor.start()
        while lo > pos and text[lo - 1].isspace():
            lo -= 1
        issuer = _ISSUER_TAIL.search(text, max(pos, lo - ISSUER_MAX), lo)
        m = DOC_NUMBER_PATTERN.match(text, issuer.start()) if issuer else None
        if m is not None:
            yield m
            pos = m.end()


def find_doc_numbers(text: str) -> Iterator[tuple[int, int, DocNumber]]:
    """Yield ``(start, end, DocNumber)`` for each document number in ``text``."""
    for m in doc_number_matches(text):
        if re.search(r"第\s*[A-Za-z]?$", m["issuer"]) or "会议" in m["issuer"]:
            continue  # 第B(2019)331号 is a proposal number, not a document's
        before = text[m.start() - 1] if m.start() else ""
        issuer = _strip_lead(m["issuer"], in_prose="\u4e00" <= before <= "\u9fff")
        start = m.end("issuer") - len(issuer)
        yield start, m.end(), DocNumber(text=text[start:m.end()], issuer_code=issuer,
                                        year=int(m["year"]), serial=int(m["serial"]))


def parse_doc_number(text: str) -> DocNumber | None:
    text = (text or "").strip()
    found = list(find_doc_numbers(text))
    if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(text):
        return found[0][2]
    return None
