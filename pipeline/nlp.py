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

No module-level state: each call builds a fresh pipeline.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from . import components  # noqa: F401  (registers the factories)
from .components.spans import ensure_extensions
from .components.targets import quantity_pattern
from .words import Guide, Segmenter, Words, segmenter_for

DOC_TOKENS = ("chars", "words")
PIPE_NAMES = (
    "govreply_letter",
    "govreply_money",
    "govreply_dates",
    "govreply_refs",
    "govreply_orgs",
    "govreply_targets",
)


class Tokenizer:
    """Text -> Doc with ``doc._.words`` set; the tokens are characters or the segmenter's words."""

    def __init__(self, vocab: Vocab, segmenter: Segmenter, doc_tokens: str = "chars"):
        self.vocab = vocab
        self.segmenter = segmenter
        self.doc_tokens = doc_tokens
        self._guide = Guide(quantity_pattern())
        ensure_extensions()

    def __call__(self, text: str) -> Doc:
        if self.doc_tokens == "words":  # the whole text segmented, each guarded piece at once
            words = Words(text, self.segmenter, self._guide, whole=True)
            tokens, spaces = get_words_and_spaces([w.text for w in words.all() if not w.text.isspace()], text)
            doc = Doc(self.vocab, words=tokens, spaces=spaces)
        else:  # one token per character, whitespace included (doc.text is text); words when asked for
            words = Words(text, self.segmenter, self._guide)
            doc = Doc(self.vocab, words=list(text), spaces=[False] * len(text))
        doc.user_data["govreply_text"] = text  # (spaCy would join the tokens again on every doc.text)
        doc._.words = words
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)


def build_nlp(segmenter: str = "jieba", pkuseg_model: str | None = None, doc_tokens: str = "chars") -> Language:
    """A fresh pipeline: the tokenizer (``doc_tokens``, words from ``segmenter``) and every component."""
    if doc_tokens not in DOC_TOKENS:
        raise ValueError(f"unknown doc_tokens {doc_tokens!r}; choose one of {', '.join(DOC_TOKENS)}")
    nlp = spacy.blank("zh")  # (its own tokenizer is the char segmenter: nothing is loaded for it)
    nlp.tokenizer = Tokenizer(nlp.vocab, segmenter_for(segmenter, pkuseg_model), doc_tokens)
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    return nlp
