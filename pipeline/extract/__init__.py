"""The extractors: one module each, and this registry, the one list of them.

Their order is the order they run in (an extractor may read what those before it found: targets
read dates and money) and the order in which entities that share their offsets are written. To
add one: CONTRIBUTING.md.
"""

from __future__ import annotations

from .base import Context, Extractor, Hit
from .dates import Dates
from .doc_numbers import DocNumbers
from .laws import Laws
from .money import Money
from .orgs import Orgs
from .percent import Percent
from .phones import Phones
from .targets import Targets

EXTRACTORS: tuple[type[Extractor], ...] = (Money, Dates, Orgs, Targets, DocNumbers, Laws, Percent, Phones)
BY_KEY: dict[str, type[Extractor]] = {extractor.key: extractor for extractor in EXTRACTORS}

__all__ = ["BY_KEY", "EXTRACTORS", "Context", "Extractor", "Hit"]
