"""govreply_letter: segments the letter and sets the context the other components use."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import gazetteer
from ..segment import segment
from .spans import doc_text, ensure_extensions


@Language.factory("govreply_letter", assigns=["doc._.letter", "doc._.places", "doc._.ref_date"])
def make_letter_segmenter(nlp: Language, name: str) -> "LetterSegmenter":
    return LetterSegmenter()


class LetterSegmenter:
    """Sets ``doc._.letter`` (the :class:`~pipeline.segment.Segmentation`), ``doc._.ref_date``
    (what year-less dates resolve against) and ``doc._.places`` (the letter's own place)."""

    def __init__(self) -> None:
        ensure_extensions()
        self.gazetteer = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        seg = segment(doc_text(doc))
        doc._.letter = seg
        doc._.ref_date = seg.reference_date()
        own = [seg.sender, seg.metadata.get("publisher"), seg.portal.get("source"), seg.meeting, seg.title]
        doc._.places = self.gazetteer.context_for(*(f.text for f in own if f is not None), fallback_text=doc_text(doc))
        return doc
