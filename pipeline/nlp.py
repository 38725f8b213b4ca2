"""build_nlp(): ``spacy.blank("zh")`` with the govreply tokenizer and components.

The Doc's tokens are characters (``doc_tokens="chars"``, the default): every component finds its
entities with patterns over the characters, and an entity's edges are always token edges. Words
are computed only where they matter, by ``doc._.words`` (:mod:`pipeline.words`), with the chosen
``segmenter``:

* ``jieba`` (default): a private ``jieba.Tokenizer`` whose user dictionary is the organization and
  place gazetteer (``市经信局`` stays one word), guided so that numbers, money, dates and known
  names are never split or glued to their neighbours. Reading jieba's dictionary costs about
  0.5 s once per process.
* ``char``: one word per character, no dictionary; organization names not in the gazetteer are
  found less well (the suffix rules walk back over single characters instead of words).
* ``pkuseg``: spacy-pkuseg with a model you trained (``spacy_pkuseg.train``); pass
  ``pkuseg_model=DIR``. No model ships with the package.

``doc_tokens="words"`` makes the Doc's tokens the segmenter's words over the whole text instead,
for callers who want them as spaCy tokens; it is slower (the whole letter is segmented) and
gives the same records (``tests/test_words.py``).

The components: ``govreply_letter`` segments the letter and sets the context (``doc._.letter``,
``doc._.ref_date``, ``doc._.places``); then one ``govreply_extract`` component per extractor of the
registry (``extract/__init__.py``), named ``govreply_<key>``, writes ``doc.spans[key]`` (values in
``span._.value``). No module-level state: each call builds a fresh pipeline.
"""

from __future__ import annotations

import sys
import weakref
from typing import Any, Iterator

import numpy

from .spacy_core import spacy  # (first: spaCy without its command line)
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from .extract import BY_KEY, EXTRACTORS, Context, Extractor, Hit
from .extract.targets import quantity_pattern
from .places import places
from .letter import segment
from .words import Guide, Segmenter, Words, segmenter_for

DOC_TOKENS = ("chars", "words")
_TEXT = "govreply_text"
_CONTEXT = "govreply_context"


def ensure_extensions() -> None:
    """Register the custom attributes once (idempotent)."""
    for name in ("letter", "places", "ref_date", "words"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("value"):
        Span.set_extension("value", getter=lambda span: _attr_of(span, "values"))
    if not Span.has_extension("exact"):
        Span.set_extension("exact", getter=_exact_of)


def _exact_of(span: Span) -> tuple[int, int] | None:
    """``span._.exact``: the entity's own offsets where the span had to be widened to whole tokens."""
    offsets = _attr_of(span, "offsets")
    if offsets is None or tuple(offsets) == (span.start_char, span.end_char):
        return None
    return tuple(offsets)


def _attr_of(span: Span, name: str):
    """A span's entry in its group's ``attrs[name]`` (the span's ``id`` is its index there)."""
    key = _KEY_OF_LABEL.get(span.label_)
    group = span.doc.spans[key] if key is not None and key in span.doc.spans else None
    if group is None or not 0 <= span.id < len(group) or group[span.id].start != span.start:
        return None  # not one of the extractors' spans
    entries = group.attrs.get(name)
    return entries.get(span.id) if isinstance(entries, dict) else entries[span.id]


_KEY_OF_LABEL = {extractor.label: extractor.key for extractor in EXTRACTORS}


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept by the tokenizer (spaCy joins the tokens again on every access)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


class Tokenizer:
    """Text -> Doc with ``doc._.words`` set; the tokens are characters or the segmenter's words."""

    def __init__(self, vocab: Vocab, segmenter: Segmenter, doc_tokens: str = "chars"):
        self.vocab = vocab
        self.segmenter = segmenter
        self.doc_tokens = doc_tokens
        self._guide = Guide(quantity_pattern())
        # code point -> the orth of its lexeme, 0 until seen (the Doc takes orths without hashing
        # them; zeroed pages of the table take no memory until written)
        self._orth_of = numpy.zeros(sys.maxunicode + 1, dtype=numpy.uint64)
        ensure_extensions()

    def __call__(self, text: str) -> Doc:
        if self.doc_tokens == "words":  # the whole text segmented, each guarded piece at once
            words = Words(text, self.segmenter, self._guide, whole=True)
            tokens, spaces = get_words_and_spaces([w.text for w in words.all() if not w.text.isspace()], text)
            doc = Doc(self.vocab, words=tokens, spaces=spaces)
        else:  # one token per character, whitespace included (doc.text is text); words when asked for
            words = Words(text, self.segmenter, self._guide)
            doc = Doc(self.vocab, words=self._char_orths(text), spaces=[False] * len(text))
        doc.user_data[_TEXT] = text
        doc._.words = words
        return doc

    def _char_orths(self, text: str) -> list[int]:
        """The orth of each character's lexeme. Given strings, the Doc hashes each one and looks it
        up twice; given orths, once (0.2 ms for 1,160 characters instead of 0.6). The orths are read
        from a table by code point: 0.06 ms, where a map from each character's string took 0.18."""
        codes = numpy.frombuffer(text.encode("utf-32-le"), dtype=numpy.uint32)
        orths = self._orth_of[codes]
        if not orths.all():  # characters not seen before
            for code in numpy.unique(codes[orths == 0]).tolist():
                self._orth_of[code] = self.vocab[chr(code)].orth
            orths = self._orth_of[codes]
        return orths.tolist()

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)


@Language.factory("govreply_letter", assigns=["doc._.letter", "doc._.places", "doc._.ref_date"])
def make_letter_segmenter(nlp: Language, name: str) -> "LetterSegmenter":
    return LetterSegmenter()


class LetterSegmenter:
    """Sets ``doc._.letter`` (the :class:`~pipeline.letter.Segmentation`), ``doc._.ref_date``
    (what year-less dates resolve against) and ``doc._.places`` (the letter's own place)."""

    def __init__(self) -> None:
        ensure_extensions()
        self.places = places()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        seg = segment(text)
        ext = doc._  # (each ``doc._`` makes an accessor object: one is enough)
        ext.letter = seg
        ext.ref_date = seg.reference_date()
        if ext.words is not None:
            ext.words.ref_date = ext.ref_date
        own = [seg.sender, seg.metadata.get("publisher"), seg.portal.get("source"), seg.meeting, seg.title]
        ext.places = self.places.context_for(*(f.text for f in own if f is not None), fallback_text=text)
        doc.user_data[_CONTEXT] = _context(doc, ext)
        return doc


def _context(doc: Doc, ext) -> Context:
    """The extractors' :class:`Context` of ``doc``, read from its attributes (``ext``: ``doc._``).
    The Doc keeps it, so it refers to the Doc weakly: a cycle would leave every Doc to the
    garbage collector."""
    ref = weakref.ref(doc)
    return Context(ext.letter, ext.ref_date, ext.places, ext.words, lambda key: hits_of(ref(), key))


@Language.factory("govreply_extract", default_config={"key": "money"}, assigns=["doc.spans"])
def make_extractor(nlp: Language, name: str, key: str) -> "ExtractorComponent":
    if key not in BY_KEY:
        raise ValueError(f"no extractor {key!r}; the registry has {', '.join(BY_KEY)}")
    return ExtractorComponent(BY_KEY[key]())


class ExtractorComponent:
    """One extractor as a spaCy component: its entities become ``doc.spans[extractor.key]``, a span
    group holding the spans and, in its ``attrs``, their values (``attrs["values"][span.id]``, also
    ``span._.value``) and their exact character offsets (``attrs["offsets"]``, which the later
    components and the record read; ``span._.exact`` where a span had to be widened to whole
    tokens)."""

    def __init__(self, extractor: Extractor) -> None:
        ensure_extensions()
        self.extractor = extractor

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        chars = len(doc) == len(text)  # one token per character: token i is character i
        label = self.extractor.label
        spans, values, offsets = [], [], []
        # one context for every extractor of a Doc, made when its letter is segmented (reading its
        # four attributes through ``doc._`` in each component took 37 accessor lookups a letter)
        ctx = doc.user_data.get(_CONTEXT)
        if ctx is None:  # (a pipeline without govreply_letter: the attributes as they are now)
            ctx = _context(doc, doc._)
        for start, end, value in self.extractor.find(text, ctx):
            span = make_span(doc, start, end, label, len(spans), chars)
            if span is None:
                continue
            spans.append(span)
            values.append(value)
            offsets.append((start, end))
        key = self.extractor.key
        doc.spans[key] = SpanGroup(doc, name=key, spans=spans,
                                   attrs={"values": values, "offsets": offsets})
        ctx.forget(key)  # (an extractor that asked for these before they were found saw none)
        return doc


def hits_of(doc: Doc, key: str) -> Iterator[Hit]:
    """``(start, end, value)`` of each span in ``doc.spans[key]``, with exact character offsets
    (kept beside the values: reading them off the spans makes a Token for each edge)."""
    if key not in doc.spans:
        return
    group = doc.spans[key]
    for (start, end), value in zip(group.attrs["offsets"], group.attrs["values"]):
        yield start, end, value


def make_span(doc: Doc, start: int, end: int, label: str, index: int, chars: bool) -> Span | None:
    """A span over characters ``start:end``, its ``id`` its index in its group.

    The Doc's tokens are characters (``chars``), so entity edges are token edges; when they are
    not (``doc_tokens="words"``) the span is widened to whole tokens.
    """
    if start >= end:
        return None
    if chars:
        return Span(doc, start, end, label=label, span_id=index)
    span = doc.char_span(start, end, label=label, span_id=index)
    if span is None:
        span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=index)
    return span


def build_nlp(segmenter: str = "jieba", pkuseg_model: str | None = None, doc_tokens: str = "chars") -> Language:
    """A fresh pipeline: the tokenizer (``doc_tokens``, words from ``segmenter``), the letter
    segmenter and one component per extractor."""
    if doc_tokens not in DOC_TOKENS:
        raise ValueError(f"unknown doc_tokens {doc_tokens!r}; choose one of {', '.join(DOC_TOKENS)}")
    nlp = spacy.blank("zh")  # (its own tokenizer is the char segmenter: nothing is loaded for it)
    nlp.tokenizer = Tokenizer(nlp.vocab, segmenter_for(segmenter, pkuseg_model), doc_tokens)
    nlp.add_pipe("govreply_letter")
    for extractor in EXTRACTORS:
        nlp.add_pipe("govreply_extract", name=f"govreply_{extractor.key}", config={"key": extractor.key})
    return nlp
