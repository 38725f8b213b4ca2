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
from .read import Document, read_file


class Pipeline:
    """A reusable pipeline: normalize -> spaCy (segment + extract) -> assemble -> validate."""

    def __init__(self, segmenter: str = "jieba", pkuseg_model: str | None = None, doc_tokens: str = "chars"):
        from .nlp import build_nlp

        self.nlp = build_nlp(segmenter=segmenter, pkuseg_model=pkuseg_model, doc_tokens=doc_tokens)

    def process(self, document: Document) -> LetterRecord:
        normalized = normalize(document.text)
        # traditional characters: the extractors read an equal-length simplified copy
        simplified = simplify(normalized.text)
        doc = self.nlp(simplified or normalized.text)
        source = Source(path=document.path, sha256=document.sha256, format=document.format,
                        encoding=document.encoding)
        warnings = list(document.warnings) + (["traditional_converted"] if simplified else [])
        return assemble(doc, source, warnings, text=normalized.text)

    def process_many(self, documents: Iterable[Document]) -> Iterator[LetterRecord]:
        for document in documents:
            yield self.process(document)


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
