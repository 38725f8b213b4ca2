"""spaCy components: one per entity family, each writing ``doc.spans[key]``.

Importing this package registers the factories (``govreply_letter``,
``govreply_money``, ``govreply_dates``, ``govreply_refs``, ``govreply_orgs``,
``govreply_targets``). Values parsed from a span live in ``span._.value``.
"""

from . import dates, letter, money, orgs, refs, targets  # noqa: F401
from .spans import add_span, ensure_extensions

__all__ = ["add_span", "ensure_extensions"]
