"""build_nlp(): ``spacy.blank("zh")`` with a chosen segmenter and the govreply components.

Segmenters (``--segmenter``):

* ``jieba`` (default): jieba with a *private* ``jieba.Tokenizer`` whose user
  dictionary is the organization and place gazetteer, guided so that numbers
  and known names are never glued to their neighbours (``市经信局`` stays one
  token, ``50万元`` never merges into the word before it). Loading jieba's
  dictionary costs about 1.1–1.5 s once per process.
* ``char``: one token per character, no dictionary; the fastest (about 3–4x
  jieba on a letter) and enough for every regex-driven component, but organization
  names not in the gazetteer are found less well (the suffix rules walk back
  over single characters instead of words).
* ``pkuseg``: spacy-pkuseg with a model you trained (``spacy_pkuseg.train``);
  pass ``pkuseg_model=DIR``. No model ships with the package; about 130 ms a
  letter, 2x slower than jieba.

No module-level state: each call builds a fresh pipeline.
"""

from __future__ import annotations

import logging
import re
import warnings
from typing import Callable, Iterator

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .components.targets import quantity_pattern
from .gazetteer import LEVEL_WORDS, gazetteer
from .parsers.dates import find_dates
from .parsers.money import MONEY_PATTERN

SEGMENTERS = ("jieba", "char", "pkuseg")
PIPE_NAMES = (
    "govreply_letter",
    "govreply_money",
    "govreply_dates",
    "govreply_refs",
    "govreply_orgs",
    "govreply_targets",
)

# runs that must start and end on a token boundary: numbers (with the numeral
# word before a unit), Latin runs; dates, money, quantities with their unit and
# gazetteer names are added per text
_GUARD = re.compile(r"\d+(?:[.,]\d+)*|[〇○零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+(?=[元年月日号万亿])|[A-Za-z]+")


class GuidedSegmenter:
    """Wraps a word segmenter so that guarded runs and gazetteer names are never split or glued."""

    def __init__(self, cut: Callable[[str], Iterator[str]]):
        self._cut = cut
        self._gazetteer = gazetteer()
        self._quantity = quantity_pattern()

    def cut(self, text: str, cut_all: bool = False) -> Iterator[str]:  # jieba's signature
        points = {0, len(text)}
        for pattern in (_GUARD, MONEY_PATTERN, self._quantity):
            for m in pattern.finditer(text):
                points.add(m.start())
                points.add(m.end())
        for start, end, _ in find_dates(text):  # parsed dates only: a bare 中 or 前 is no date
            points.add(start)
            points.add(end)
        for start, end in self._gazetteer.name_spans(text):
            points.add(start)
            points.add(end)
            if start and (text[start - 1] in LEVEL_WORDS or text[start - 1] in "镇乡"):  # 市|经信局, 镇|党委
                points.add(start - 1)
        ordered = sorted(points)
        for lo, hi in zip(ordered, ordered[1:]):
            piece = text[lo:hi]
            if _GUARD.fullmatch(piece):
                yield piece
            else:
                yield from self._cut(piece)


def _private_jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for word in gazetteer().dictionary_words():
        tokenizer.add_word(word, freq=50000, tag="nt")
    return tokenizer


def build_nlp(segmenter: str = "jieba", pkuseg_model: str | None = None) -> Language:
    """A fresh pipeline: tokenizer per ``segmenter`` and every govreply component."""
    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    if segmenter == "pkuseg" and not pkuseg_model:
        raise ValueError("the pkuseg segmenter needs a model directory (spacy-pkuseg ships none): "
                         "train one with spacy_pkuseg.train and pass pkuseg_model=DIR")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # jieba's pkg_resources deprecation notice
        # build as "char" and switch, so spaCy does not load jieba's global dictionary as well
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char" if segmenter == "jieba" else segmenter}}})
        if segmenter == "jieba":
            nlp.tokenizer.segmenter = "jieba"
            nlp.tokenizer.jieba_seg = GuidedSegmenter(_private_jieba().cut)
        elif segmenter == "pkuseg":
            nlp.tokenizer.initialize(pkuseg_model=pkuseg_model)
            base = nlp.tokenizer.pkuseg_seg
            nlp.tokenizer.pkuseg_seg = _PkusegAdapter(base)
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    return nlp


class _PkusegAdapter:
    """pkuseg's ``cut(text) -> list`` behind the same guard as jieba."""

    def __init__(self, base):
        self._base = base
        self._guided = GuidedSegmenter(lambda piece: iter(base.cut(piece)))

    def cut(self, text: str) -> list[str]:
        return list(self._guided.cut(text))

    def __getattr__(self, name):  # preprocesser etc. for spaCy's own helpers
        return getattr(self._base, name)
