"""What segmenting a letter finds: pieces of the text with their parsed values, the section tree,
and the parts of the letter, as named, typed fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Generic, TypeVar

from ..parsers.dates import find_dates
from ..parsers.docnum import DocNumber
from ..parsers.fields import Addressee, Category, Contact

T = TypeVar("T")
#: a year written in a title (2022年度…的答复)
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")


@dataclass(frozen=True)
class Line:
    """One line (paragraph) of the text and where it starts."""

    start: int
    end: int
    text: str


@dataclass
class Piece(Generic[T]):
    """A piece of the text (``text`` is ``text[start:end]``, or a squeezed copy of it) and, where
    it was parsed, its ``value``."""

    text: str
    start: int
    end: int
    value: T | None = None


@dataclass(frozen=True)
class Proposal:
    """The proposal a letter answers: its kind (建议, 提案 …) and number as written (义12号)."""

    kind: str
    number: str | None


#: a part of the letter: (name, start, end)
Part = tuple[str, int, int]


@dataclass
class Section:
    level: int
    marker: str
    kind: str  # cn | paren_cn | ordinal | num | paren_num | circled | bare
    heading: str
    start: int  # of the marker
    heading_end: int
    end: int = 0
    id: str = ""
    children: list["Section"] = field(default_factory=list)


@dataclass
class Segmentation:
    """A letter's parts and the fields read from them (each None where the letter has none)."""

    metadata: dict[str, Piece] = field(default_factory=dict)  # the portal's label: value block
    portal: dict[str, Piece] = field(default_factory=dict)  # the page's 日期/来源 line
    title: Piece | None = None
    doc_number: Piece[DocNumber] | None = None
    category: Piece[Category] | None = None
    addressee: Piece[Addressee] | None = None
    meeting: Piece | None = None
    proposal: Piece[Proposal] | None = None
    subject: Piece | None = None
    sender: Piece | None = None
    date: Piece[str] | None = None  # value: the ISO date
    contact: Piece[Contact] | None = None
    signer: Piece | None = None
    cc: list[Piece] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def reference_date(self) -> date | None:
        """What year-less and relative dates resolve against: see :attr:`reference`."""
        return self.reference[0]

    @cached_property
    def reference(self) -> tuple[date | None, str | None]:
        """The letter's own date, else the best evidence of when it was written, and where it came
        from: its metadata dates (``metadata``), the page's date (``portal``), the year of its doc
        number (``doc_number``: 31 December of it), the year in its title or meeting (``title``)."""
        if self.date:
            try:
                return date.fromisoformat(self.date.value), "date"
            except ValueError:
                pass
        sources = [("metadata", self.metadata[key]) for key in ("written_date", "published_date")
                   if key in self.metadata]
        sources += [("portal", self.portal["date"])] if "date" in self.portal else []
        for name, source in sources:
            for _, _, v in find_dates(source.text):
                if v.iso and v.precision == "day":
                    try:
                        return date.fromisoformat(v.iso), name
                    except ValueError:
                        continue
        if self.doc_number:
            return date(self.doc_number.value.year, 12, 31), "doc_number"
        for piece in (self.title, self.meeting):
            year = _YEAR.search(piece.text) if piece is not None else None
            if year:
                return date(int(year.group(1)), 12, 31), "title"
        return None, None

    def section_at(self, offset: int) -> str:
        """Section id (``1.2``) or part name containing ``offset``."""
        best = None
        stack = list(self.sections)
        while stack:
            node = stack.pop()
            if node.start <= offset < node.end:
                best = node
                stack = list(node.children)
        if best is not None:
            return best.id
        for name, start, end in self.parts:
            if start <= offset < end:
                return name
        return "other"
