"""Telephone numbers: landlines with area code, mobiles, 400/800 lines; dash variants folded to ``-``.

>>> find_phones("联系电话:0579-82469726")[0][2]
'0579-82469726'
>>> find_phones("电话:0917—4936343,手机13812345678")[1][2]
'13812345678'
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..rules import load_labels

DASH_CHARS = r"\-—–－‐‑―"
DASH = rf"[{DASH_CHARS}]"
PHONE_ALTERNATIVES = rf"""
    (?<![\d.])(?:
        \(?0\d{{2,3}}\)?\s*{DASH}{{0,2}}\s*\d{{7,8}}(?:\s*(?:{DASH}|转)\s*\d{{1,5}})?   # 0579-82469726, (010)12345678
      | 1[3-9]\d{{9}}                                                              # 13812345678
      | 1[3-9]\d\s\d{{4}}\s\d{{4}}                                                  # 138 1234 5678
      | [48]00{DASH}?\d{{3}}{DASH}?\d{{4}}                                          # 400-123-4567
      | (?<![\d{DASH_CHARS}])\d{{7,8}}(?![\d{DASH_CHARS}])                          # 82469726 (local)
    )(?![\d.])
"""
#: a phone number starts with a digit or "(": the scan skips every other character at once
PHONE_PATTERN = re.compile(rf"(?=[\d(])(?:{PHONE_ALTERNATIVES})", re.VERBOSE)


def normalize_phone(text: str) -> str:
    """Fold dash variants to ``-`` and drop blanks: ``0917—4936343`` -> ``0917-4936343``."""
    return _DASHES.sub("-", _BLANKS.sub("", text)).replace("--", "-")


_BLANKS = re.compile(r"\s+")
_DASHES = re.compile(r"(?:—|–|－|‐|‑|―)+")


def find_phones(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, normalized)`` for each phone number in ``text``."""
    return [(m.start(), m.end(), normalize_phone(m.group(0))) for m in PHONE_PATTERN.finditer(text)]


@lru_cache(maxsize=1)
def _label() -> re.Pattern:
    return re.compile(f"{load_labels('contact_phone')}|{load_labels('phone')}")


def after_phone_label(text: str, start: int) -> bool:
    """Whether a phone label (``rules/letter_labels.tsv``: 电话, 手机, 传真, 热线 …) stands within the
    12 characters before ``start``: a bare run of digits is a phone number only there.

    >>> after_phone_label("传真:82469726", 3), after_phone_label("共计82469726", 2)
    (True, False)
    """
    return _label().search(text, max(0, start - 12), start) is not None
