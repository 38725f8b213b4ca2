"""Deadlines: when a date says something is due (到2025年, 2024年底前, 9月底前), and the deadline
it gives. Shared by targets and, later, by promises without a number.

>>> from pipeline.parsers.dates import DateValue
>>> deadline_of(DateValue(iso="2024", precision="year", part="end"))
'2024-12'
>>> bool(DEADLINE_LEAD.search("力争到")), bool(DEADLINE_LEAD.search("完成了"))
(True, False)
"""

from __future__ import annotations

import re

#: the words right before a date that make it a deadline (to be read at the end of the text before it)
DEADLINE_LEAD = re.compile(r"(?:到|至|在|于|力争|争取|确保|截至|截止)\s*$")


def deadline_of(value) -> str:
    """The deadline a date value gives: a range's end, and a year's end is its December
    (2024年底前 -> 2024-12)."""
    iso = value.end or value.iso
    if value.part == "end" and len(iso) == 4:
        return f"{iso}-12"
    return iso
