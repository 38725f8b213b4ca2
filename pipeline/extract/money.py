"""Money: amounts in yuan (``parsers/money.py``) -> ``doc.spans["money"]`` and the ``money`` table."""

from __future__ import annotations

from ..parsers.money import MoneyValue, find_money
from .base import Extractor, dec


class Money(Extractor):
    key, label, Value = "money", "MONEY", MoneyValue
    table, columns = "money", ("amount", "min_amount", "max_amount", "currency", "qualifier", "per")

    def find(self, text, ctx):
        return find_money(text)

    def row(self, value):
        return (dec(value.get("amount")), dec(value.get("min")), dec(value.get("max")), value.get("currency", "CNY"),
                value.get("qualifier"), value.get("per"))
