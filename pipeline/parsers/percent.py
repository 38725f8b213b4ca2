"""Percentages: ``90%``, ``12.5％``, ``百分之三十`` -> exact decimals (a percentage is never money).

>>> [(start, end, str(value)) for start, end, value in find_percents("达到90%，百分之三十")]
[(2, 5, '90'), (6, 11, '30')]
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from .numerals import exact, parse_number

PERCENT_ALTERNATIVES = r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?:%|％)|百分之(?P<c>[零一二两三四五六七八九十百点]+)"
#: a percentage starts with a digit or 百: the look-ahead turns every other character away at once
#: (tests/parsers/test_fast_scans.py checks the matches are the alternatives' own)
PERCENT_PATTERN = re.compile(rf"(?=[\d百])(?:{PERCENT_ALTERNATIVES})")


def find_percents(text: str) -> Iterator[tuple[int, int, Decimal]]:
    """``(start, end, value)`` of each percentage in ``text``."""
    for m in PERCENT_PATTERN.finditer(text):
        number = Decimal(m["n"]) if m["n"] else parse_number(m["c"].replace("点", "."))
        if number is not None:
            yield m.start(), m.end(), exact(number)
