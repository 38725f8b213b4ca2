"""Laws and policies cited by 《title》 (``parsers/laws.py``) -> ``doc.spans["law"]`` and the ``laws``
table; the letter's own quoted subject is no citation."""

from __future__ import annotations

from pydantic import Field

from ..parsers.laws import find_laws
from ..values import Value
from .base import Extractor


class LawValue(Value):
    title: str = Field(description="Title inside 《》")
    refers_to: str | None = Field(None, description="Full title an abbreviation (《条例》) stands for")
    abbreviation: str | None = Field(None, description="Short name introduced by 以下简称")


class Laws(Extractor):
    key, label, Value = "law", "LAW", LawValue
    table, columns = "laws", ("title", "refers_to")

    def find(self, text, ctx):
        subject = ctx.letter.subject if ctx.letter is not None else None
        for start, end, title, refers_to, abbreviation in find_laws(text, subject.start if subject else None):
            yield start, end, LawValue(title=title, refers_to=refers_to, abbreviation=abbreviation)

    def row(self, value):
        return value["title"], value.get("refers_to")
