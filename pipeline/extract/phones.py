"""Telephone numbers (``parsers/phone.py``) -> ``doc.spans["phone"]``: any number after a phone
label (``rules/letter_labels.tsv``), a fax or a hotline as well as the contact's phone (which is
the ``contact`` field)."""

from __future__ import annotations

from ..parsers.phone import after_phone_label, find_phones
from ..values import Value
from .base import Extractor


class PhoneValue(Value):
    number: str


class Phones(Extractor):
    key, label, Value = "phone", "PHONE", PhoneValue

    def find(self, text, ctx):
        for start, end, number in find_phones(text):
            if after_phone_label(text, start):
                yield start, end, PhoneValue(number=number)
