"""govreply_dates: calendar references -> ``doc.spans["date"]``, resolved against ``doc._.ref_date``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..parsers.dates import find_dates
from .spans import add_span, doc_text, ensure_extensions, start_spans


@Language.factory("govreply_dates", assigns=["doc.spans"], requires=["doc._.ref_date"])
def make_dates(nlp: Language, name: str) -> "DateFinder":
    return DateFinder()


class DateFinder:
    def __init__(self) -> None:
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        start_spans(doc, "date")
        for start, end, value in find_dates(doc_text(doc), doc._.ref_date):
            add_span(doc, "date", start, end, "DATE", value)
        return doc
