"""Laws and policies cited by title: top-level 《…》 spans, with ``(以下简称《条例》)`` abbreviations
resolved so that a later 《条例》 refers to the full title.

>>> [(title, refers_to, abbreviation) for _, _, title, refers_to, abbreviation in find_laws(
...     "贯彻《浙江省促进中小微企业发展条例》(以下简称《条例》)，抓好《条例》宣贯")]
[('浙江省促进中小微企业发展条例', None, '条例'), ('条例', '浙江省促进中小微企业发展条例', None), ('条例', '浙江省促进中小微企业发展条例', None)]

(the 《条例》 inside the bracket is a mention of the title too).
"""

from __future__ import annotations

import re
from typing import Iterator

from .fields import find_bracketed

ABBREVIATION_PATTERN = re.compile(
    r"\s*[(（]\s*(?:以下|下文)?简称\s*[“\"《]?(?P<abbr>[^”\"》)）]{1,20})[”\"》]?\s*[)）]"
)
#: a quoted proposal (关于…的建议) is the letter's subject, not a law
_PROPOSAL_TITLE = re.compile(r"(?:建议|提案|议案|批评|意见)$")


def find_laws(text: str, skip: int | None = None) -> Iterator[tuple[int, int, str, str | None, str | None]]:
    """``(start, end, title, refers_to, abbreviation)`` of each cited title, 《》 included in the
    offsets; ``skip`` is where the letter's own subject starts (its 《》 is no citation)."""
    abbreviations: dict[str, str] = {}
    for lo, hi in find_bracketed(text):
        title = text[lo:hi]
        if lo == skip or _PROPOSAL_TITLE.search(title) or not title.strip():
            continue
        abbreviation = None
        m = ABBREVIATION_PATTERN.match(text, hi + 1)
        if m:
            abbreviation = m["abbr"].strip()
            abbreviations[abbreviation] = title
        refers_to = abbreviations.get(title) if title not in abbreviations.values() else None
        yield lo - 1, hi + 1, title, refers_to, abbreviation
