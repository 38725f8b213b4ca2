"""Percentages (``parsers/percent.py``) -> ``doc.spans["percent"]``."""

from __future__ import annotations

from ..parsers.percent import find_percents
from ..values import Amount, Value
from .base import Extractor


class PercentValue(Value):
    value: Amount


class Percent(Extractor):
    key, label, Value = "percent", "PERCENT", PercentValue

    def find(self, text, ctx):
        for start, end, number in find_percents(text):
            yield start, end, PercentValue(value=number)
