"""govreply_money: amounts of money -> ``doc.spans["money"]`` with :class:`MoneyValue` values."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..parsers.money import find_money
from .spans import add_span, doc_text, ensure_extensions, start_spans


@Language.factory("govreply_money", assigns=["doc.spans"])
def make_money(nlp: Language, name: str) -> "MoneyFinder":
    return MoneyFinder()


class MoneyFinder:
    def __init__(self) -> None:
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        start_spans(doc, "money")
        for start, end, value in find_money(doc_text(doc)):
            add_span(doc, "money", start, end, "MONEY", value)
        return doc
