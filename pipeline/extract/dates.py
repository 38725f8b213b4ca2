"""Dates: calendar references resolved against the letter's own date (``parsers/dates.py``) ->
``doc.spans["date"]`` and the ``dates`` table (with the first and last day each covers)."""

from __future__ import annotations

from ..parsers.dates import DateValue, find_dates, interval
from .base import Extractor


class Dates(Extractor):
    key, label, Value = "date", "DATE", DateValue
    table, columns = "dates", ("iso", "precision", "date_start", "date_end", "part", "relation", "relative",
                               "inferred_year")

    def find(self, text, ctx):
        return find_dates(text, ctx.ref_date)

    def row(self, value):
        first, last = interval(value)
        return (value.get("iso"), value.get("precision"), first, last, value.get("part"), value.get("relation"),
                bool(value.get("relative")), bool(value.get("inferred_year")))
