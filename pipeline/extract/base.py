"""The extractor seam: everything about one entity type, in one class.

An :class:`Extractor` says what its entities are called (``key``: the ``doc.spans`` key and the
record's entity ``type``), what their value is (``Value``: one pydantic model, defined once), how
they are found (``find``: pure, over the letter's text and what :class:`Context` offers), and, when
the relational schema has a table for them, which row each becomes (``table``, ``columns``,
``row``). The registry in ``extract/__init__.py`` lists the extractors in the order they run, which
is also the order entities that share offsets are written in; ``nlp.py`` makes one spaCy component
of each, ``models.py`` one entity model, ``store/rows.py`` their rows. Nothing here needs spaCy.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, ClassVar, Iterable

from ..values import Value

#: what ``find`` yields: character offsets and the parsed value
Hit = tuple[int, int, Value]


class Extractor:
    """One entity type. Subclasses set the class attributes and implement ``find``."""

    key: ClassVar[str]  # doc.spans key and entity type: "money", "date", "org" …
    label: ClassVar[str]  # the spans' label: MONEY, DATE, ORG …
    Value: ClassVar[type[Value]]
    table: ClassVar[str | None] = None  # its table in the relational schema (both DDL files)
    columns: ClassVar[tuple[str, ...]] = ()  # that table's columns after letter_id and idx

    def find(self, text: str, ctx: "Context") -> Iterable[Hit]:
        """The entities in ``text`` (the letter as the extractors read it), in text order."""
        raise NotImplementedError

    def row(self, value: dict) -> tuple:
        """The columns of ``table`` after (letter_id, idx) for one value (as JSON data: a record
        read back from letters.jsonl)."""
        raise NotImplementedError


class Context:
    """What an extractor may read of one letter besides its text: the segmentation (``letter``),
    the date year-less dates resolve against (``ref_date``), the letter's own place (``places``),
    its words (``words``, segmented where asked for), and, through ``found(key)``, the entities
    the extractors before it found. The spaCy adapter (``nlp.py``) makes one from a Doc."""

    __slots__ = ("letter", "ref_date", "places", "words", "_found", "_cache")

    def __init__(self, letter=None, ref_date=None, places=None, words=None,
                 found: Callable[[str], Iterable[Hit]] | None = None):
        self.letter, self.ref_date, self.places, self.words = letter, ref_date, places, words
        self._found = found
        self._cache: dict[str, list[Hit]] = {}

    def found(self, key: str) -> list[Hit]:
        """``(start, end, value)`` of the entities an earlier extractor found, in text order."""
        hits = self._cache.get(key)
        if hits is None:
            hits = self._cache[key] = list(self._found(key)) if self._found is not None else []
        return hits

    def forget(self, key: str) -> None:
        """Read ``key``'s entities anew when next asked for (they have just been found)."""
        self._cache.pop(key, None)


def dec(value) -> Decimal | None:
    """An amount read back from JSON as an exact decimal, for a row."""
    return None if value is None else Decimal(str(value))
