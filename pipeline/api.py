"""The Python API: ``parse_text`` and ``parse_file`` return validated :class:`LetterRecord` models.

>>> from pipeline import parse_text                      # doctest: +SKIP
>>> record = parse_text(open("letter.txt").read())       # doctest: +SKIP
>>> record.category, [e.value.amount for e in record.entities if e.type == "money"]  # doctest: +SKIP

For many letters build one :class:`Pipeline` and reuse it (building loads jieba's dictionary).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Iterator

from .assemble import assemble
from .models import LetterRecord, Source
from .normalize import normalize, simplify
from .errors import TooLarge
from .read import Document, Limits, read_file


class Pipeline:
    """A reusable pipeline: normalize -> spaCy (segment + extract) -> assemble -> validate."""

    def __init__(self, segmenter: str = "jieba", pkuseg_model: str | None = None, doc_tokens: str = "chars",
                 max_chars: int = Limits.max_chars):
        from .nlp import build_nlp

        self.nlp = build_nlp(segmenter=segmenter, pkuseg_model=pkuseg_model, doc_tokens=doc_tokens)
        self.nlp.max_length = max_chars  # (spaCy's own limit, 1,000,000, is for its parser's memory)

    def process(self, document: Document) -> LetterRecord:
        """One letter's record; raises a :class:`~pipeline.errors.PipelineError` when it is none."""
        prepared = self._prepare(document)
        return self._assemble(document, prepared, self.nlp(prepared[1]))

    def process_many(self, documents: Iterable[Document], batch_size: int = 64) -> Iterator[LetterRecord]:
        """Records of many letters, streamed through ``nlp.pipe`` (raises on the first letter that is
        none; ``govreply run`` keeps going and writes an error record instead)."""
        def texts():  # (the text spaCy reads, what assembling its record needs)
            for document in documents:
                prepared = self._prepare(document)
                yield prepared[1], (document, prepared)

        for doc, (document, prepared) in self.nlp.pipe(texts(), as_tuples=True, batch_size=batch_size):
            yield self._assemble(document, prepared, doc)

    def _prepare(self, document: Document) -> tuple[str, str, bool]:
        """The record's text, the text the extractors read (an equal-length simplified copy of a
        traditional-character letter), and whether it was converted."""
        normalized = normalize(document.text)
        if len(normalized) > self.nlp.max_length:
            raise TooLarge(f"{len(normalized)} characters is over the {self.nlp.max_length}-character limit")
        simplified = simplify(normalized)
        return normalized, simplified or normalized, simplified is not None

    @staticmethod
    def _assemble(document: Document, prepared: tuple[str, str, bool], doc) -> LetterRecord:
        text, _, converted = prepared
        source = Source(path=document.path, sha256=document.sha256, format=document.format,
                        encoding=document.encoding, ocr_confidence=document.ocr_confidence)
        warnings = list(document.warnings) + (["traditional_converted"] if converted else [])
        return assemble(doc, source, warnings, text=text)


_default: Pipeline | None = None


def _pipeline() -> Pipeline:
    global _default  # one lazily built pipeline for the convenience functions
    if _default is None:
        _default = Pipeline()
    return _default


def parse_text(text: str, path: str = "<text>") -> LetterRecord:
    """Parse one letter given as text."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return _pipeline().process(Document(path=path, sha256=sha, format="txt", text=text, encoding="utf-8"))


def parse_file(path: str | Path) -> LetterRecord:
    """Parse one letter file; raises a :class:`~pipeline.errors.PipelineError` when it cannot."""
    path = Path(path)
    return _pipeline().process(read_file(path, display_path=path.name))
