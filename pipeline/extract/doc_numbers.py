"""Document numbers: every 发文字号 (``parsers/docnum.py``) -> ``doc.spans["doc_number"]``; ``own``
tells the letter's own number from those of cited documents."""

from __future__ import annotations

from pydantic import Field

from ..parsers.docnum import find_doc_numbers
from ..values import Value
from .base import Extractor


class DocNumberValue(Value):
    issuer_code: str
    year: int
    serial: int
    own: bool = Field(description="True for the letter's own number, false for a cited document")


class DocNumbers(Extractor):
    key, label, Value = "doc_number", "DOC_NUMBER", DocNumberValue

    def find(self, text, ctx):
        own = ctx.letter.doc_number.start if ctx.letter is not None and ctx.letter.doc_number else None
        for start, end, dn in find_doc_numbers(text):
            yield start, end, DocNumberValue(issuer_code=dn.issuer_code, year=dn.year, serial=dn.serial,
                                             own=start == own)
