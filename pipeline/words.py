"""Word boundaries where they matter, paid for only where they are asked for.

Two rules need words: an organization name is walked back over the words before its suffix
(市|就业|和|人才服务中心), and a target's span starts at a word edge. Everything else is found by
patterns over the characters, so the spaCy Doc's tokens are characters and the segmenter (jieba by
default) runs only over the parts of the text those two rules ask about.

That gives the same words as segmenting the whole letter, because the text is cut into *units*
that are segmented independently in both cases:

1. the text is split at guard points, so that numbers, money, quantities, dates and known names are
   never split or glued to a neighbour (``50万元`` stays one run; ``市|经信局`` keeps its edge);
2. jieba's ``Tokenizer.cut`` itself segments each run of Chinese/alphanumeric characters on its
   own (it splits its input with ``re_han_default`` first); pkuseg sees each piece of step 1 whole.

A unit is segmented the first time one of its words is asked for (``Words.word_at``, ``tokens``,
``backwards``), once per text; ``tests/test_words.py`` checks that on every corpus letter and on
generated texts the words equal those of segmenting each guarded piece whole, and that the
records are the same. (A run of more than ``MAX_RUN`` Chinese characters without punctuation,
never seen in a letter, is given to jieba in parts: its HMM takes time quadratic in such a run.)
"""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
from bisect import bisect_right
from datetime import date
from functools import lru_cache
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader
from itertools import chain, groupby
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Protocol

from .gazetteer import gazetteer
from .places import LEVEL_WORDS, context_chars
from .parsers.dates import find_dates
from .parsers.money import money_matches
from .usercache import derived

# runs that are one word whatever the segmenter says: numbers (with the numeral word before a
# unit) and Latin runs; dates, money, quantities with their unit and known names are added per text
GUARD = re.compile(r"\d+(?:[.,]\d+)*|[〇○零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+(?=[元年月日号万亿])|[A-Za-z]+")


_BEFORE_NAMES = frozenset(LEVEL_WORDS) | {"镇", "乡"}
_WHITESPACE = re.compile(r"(\s+)")
_JIEBA_SKIP = re.compile(r"(\r\n|\s)")  # jieba.re_skip_default
JIEBA_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)  # jieba.re_han_default (tested)


class Word(NamedTuple):
    idx: int  # offset of the first character
    text: str

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


class Segmenter(Protocol):
    """A word segmenter as :class:`Words` uses it."""

    name: str

    def units(self, piece: str) -> Iterable[str]:
        """``piece`` (text between two guard points) cut into parts segmented independently."""

    def cut(self, unit: str) -> list[str]:
        """The words of one unit, in order, covering it exactly (whitespace as words of its own)."""


#: the longest run of Chinese and alphanumerics given to jieba at once
MAX_RUN = 1000


class JiebaSegmenter:
    """jieba with a private dictionary: its own words plus the gazetteer's names (市经信局 is one word).

    rjieba (below) cuts the units when it is installed; jieba itself, and its prefix table, are
    loaded only when a unit needs it (or always, without rjieba)."""

    name = "jieba"

    def __init__(self, user_words: Iterable[str]):
        self._units = JIEBA_HAN  # the pattern jieba.Tokenizer.cut splits its input with
        self._user_words = list(user_words)
        self._tokenizer = None
        self._fast = _rjieba(self._user_words)

    @property
    def tokenizer(self):
        """jieba's own tokenizer with the user words, built when first needed."""
        if self._tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            # what Tokenizer.initialize() would build, from the one reading of the dictionary (and
            # no cache file written to the system's temporary folder)
            freq, tokenizer.total = jieba_prefix_table()
            tokenizer.FREQ = dict(freq)  # its own copy: add_word below changes it
            tokenizer.initialized = True
            for word in self._user_words:
                tokenizer.add_word(word, freq=50000, tag="nt")
            self._tokenizer = tokenizer
        return self._tokenizer

    def units(self, piece: str) -> Iterable[str]:
        for part in self._units.split(piece):
            # (a run longer than MAX_RUN characters, never seen in a letter, is cut in parts of that
            # length: jieba's HMM takes time quadratic in the length of a run of unknown characters)
            for at in range(0, len(part), MAX_RUN):
                yield part[at:at + MAX_RUN]

    def cut(self, unit: str) -> list[str]:
        if self._units.match(unit):  # a run of Chinese and alphanumerics: the dictionary and the HMM
            if self._fast is not None and not _JIEBA_ONLY.search(unit):
                words = self._fast.cut(unit, True)
                return words if _ALL_HAN.fullmatch(unit) else as_jieba_cuts(words)
            return [w for w in self.tokenizer.cut(unit) if w]
        # any other run, as jieba cuts it without its overhead: whitespace (\r\n together) and
        # each other character on its own
        words: list[str] = []
        for part in _JIEBA_SKIP.split(unit):
            if _JIEBA_SKIP.match(part):
                words.append(part)
            else:
                words.extend(part)
        return words

    def cut_piece(self, piece: str) -> list[str]:
        """A whole piece at once, as jieba would be given a text (save a run over MAX_RUN)."""
        if any(len(part) > MAX_RUN for part in self._units.findall(piece)):
            return [w for unit in self.units(piece) for w in self.cut(unit)]
        return [w for w in self.tokenizer.cut(piece) if w]


def _rjieba(user_words: list[str]):
    """rjieba (jieba in Rust, a binary wheel; 25 times faster) with the same user words, or None
    when it is not installed: jieba itself then cuts every unit. Its built-in dictionary holds every
    word of jieba's (tested), and its cuts are jieba's once the non-Chinese runs are regrouped
    (:func:`as_jieba_cuts`; tested on the corpus, the seed and generated text), except where two
    cuts are equally likely (two routes of the same words, 区区|区 and 区|区区, or two taggings of
    the HMM): the two break such a tie by rounding differently (``tests/test_words.py`` checks that
    this is the only way they differ)."""
    jieba_class = _rjieba_class()
    if jieba_class is None:
        return None
    fast = jieba_class()
    for word in user_words:
        fast.add_word(word, 50000, "nt")
    return fast


def _rjieba_class():
    """rjieba's ``Jieba`` class, or None. ``import rjieba`` builds a default instance in its
    ``__init__`` (0.15 s and 30 MB of a process; this package never uses it), so the class is taken
    from the extension module itself, loaded as ``rjieba.rjieba``, the name the package imports it
    by: a later ``import rjieba`` finds it and runs as usual (tested). Where rjieba is imported
    already, or its files are not laid out as in 0.2.2, the package is imported."""
    loaded = sys.modules.get("rjieba") or sys.modules.get("rjieba.rjieba")
    if loaded is None:
        try:
            spec = importlib.util.find_spec("rjieba")  # (finds the package without running it)
        except (ImportError, ValueError):
            return None
        if spec is None:
            return None
        found = [Path(folder) / f"rjieba{suffix}" for folder in spec.submodule_search_locations or ()
                 for suffix in EXTENSION_SUFFIXES]
        found = [path for path in found if path.is_file()]
        if found:
            loader = ExtensionFileLoader("rjieba.rjieba", str(found[0]))
            try:
                loaded = importlib.util.module_from_spec(
                    importlib.util.spec_from_file_location("rjieba.rjieba", found[0], loader=loader))
                loader.exec_module(loaded)
            except (ImportError, OSError):
                loaded = None  # (then the package is imported, as below)
            else:
                sys.modules["rjieba.rjieba"] = loaded
    if loaded is not None and hasattr(loaded, "Jieba"):
        return loaded.Jieba
    try:
        import rjieba
    except ImportError:
        return None
    return rjieba.Jieba


#: units jieba cuts itself: rjieba keeps dictionary words of symbols (c#) and symbol runs otherwise
_JIEBA_ONLY = re.compile(r"[#+&_]")
_HAN = re.compile(r"[\u4e00-\u9fd5]")
_ALL_HAN = re.compile(r"[\u4e00-\u9fd5]+")  # (every word has Chinese: as_jieba_cuts changes nothing)
#: how jieba's HMM step groups a run of other characters (jieba.finalseg.re_skip)
_JIEBA_SKIP_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


def as_jieba_cuts(words: list[str]) -> list[str]:
    """rjieba's words as jieba gives them: a run of words without Chinese (2024-05-20, 82 %, 1 . 3)
    is joined and cut again the way jieba cuts it (2024 - 05 - 20, 82%, 1.3)."""
    out: list[str] = []
    for chinese, group in groupby(words, key=lambda word: _HAN.search(word) is not None):
        if chinese:
            out.extend(group)
        else:
            out.extend(part for part in _JIEBA_SKIP_RUN.split("".join(group)) if part)
    return out


def jieba_dictionary() -> Path:
    """jieba's main dictionary file, found without importing jieba (which costs a start-up)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "dict.txt"


@lru_cache(maxsize=1)
def jieba_tags() -> "WordTags":
    """Each word of jieba's dictionary -> its part-of-speech tag (the organization rules read them);
    derived once per jieba release into the user's cache (:mod:`pipeline.usercache`)."""
    return WordTags(derived("jieba-tags", _JIEBA_LAYOUT, jieba_dictionary(), _read_jieba_tags))


class WordTags:
    """word -> tag for the 349,000 words of jieba's dictionary, read as they are asked for.

    The cache holds one string per first character (word, tab, tag, tab, word …); a character's
    words become a dict when a word starting with it is first looked up. A run looks up words of a
    few hundred characters: reading them all into one dict at start-up took 0.25 s.
    """

    def __init__(self, blocks: dict[str, str]):
        self._blocks = blocks
        self._read: dict[str, dict[str, str]] = {}

    def get(self, word: str, default: str | None = None) -> str | None:
        if not word:
            return default
        return self._words(word[0]).get(word, default)

    def __contains__(self, word: str) -> bool:
        return bool(word) and word in self._words(word[0])

    def __getitem__(self, word: str) -> str:
        tag = self.get(word)
        if tag is None:
            raise KeyError(word)
        return tag

    def _words(self, first: str) -> dict[str, str]:
        words = self._read.get(first)
        if words is None:
            fields = self._blocks[first].split("\t") if first in self._blocks else []
            words = self._read[first] = dict(zip(fields[0::2], fields[1::2]))
        return words


@lru_cache(maxsize=1)
def jieba_prefix_table() -> tuple[dict[str, int], int]:
    """The table ``jieba.Tokenizer`` builds from its dictionary (word -> frequency, every prefix of a
    word -> 0) and the total frequency; derived once, like the tags."""
    return tuple(derived("jieba-prefixes", _JIEBA_LAYOUT, jieba_dictionary(), lambda: _prefix_table(*_jieba_rows()[:2])))


_JIEBA_LAYOUT = 2  # bump when what the tables hold changes


def _read_jieba_tags() -> dict[str, str]:
    """The tagged words as :class:`WordTags` keeps them: one string per first character."""
    words, _, tag_list = _jieba_rows()
    blocks: dict[str, list[str]] = {}
    for word, tag in zip(words, tag_list):
        if tag and "\t" not in word:
            blocks.setdefault(word[0], []).extend((word, tag))
    return {first: "\t".join(fields) for first, fields in blocks.items()}


def _jieba_rows() -> tuple[list[str], list[int], list[str]]:
    """jieba's dictionary as its words, their frequencies and their tags ("" where none)."""
    text = jieba_dictionary().read_bytes().decode("utf-8")
    fields = text.split()
    if len(fields) == 3 * len(text.splitlines()):  # "word frequency tag" on every line: read by slicing
        words, counts, tag_list = fields[0::3], list(map(int, fields[1::3])), fields[2::3]
    else:
        rows = [line.split() for line in text.splitlines() if len(line.split()) >= 2]
        words, counts = [row[0] for row in rows], [int(row[1]) for row in rows]
        tag_list = [row[2] if len(row) > 2 else "" for row in rows]
    return words, counts, tag_list


def _prefix_table(words: list[str], counts: list[int]) -> tuple[dict[str, int], int]:
    """The table ``jieba.Tokenizer.gen_pfdict`` builds: word -> frequency, every prefix of a word
    -> 0, and the total frequency."""
    freq = dict.fromkeys([w[:k] for w in words if len(w) > 1 for k in range(1, len(w))], 0)
    freq.update(zip(words, counts))  # a word that is also a prefix keeps its frequency
    return freq, sum(counts)


class PkusegSegmenter:
    """spacy-pkuseg with a model the user trained (none ships with the package)."""

    name = "pkuseg"

    def __init__(self, model: str, user_words: Iterable[str]):
        import spacy_pkuseg

        self._seg = spacy_pkuseg.pkuseg(model, user_dict=list(user_words))

    def units(self, piece: str) -> Iterable[str]:
        # a CRF over each part between whitespace (pkuseg leaves the whitespace out of its words)
        return (part for part in _WHITESPACE.split(piece) if part)

    def cut(self, unit: str) -> list[str]:
        if unit.isspace():
            return list(unit)
        return [w for w in self._seg.cut(unit) if w]


class CharSegmenter:
    """One word per character: no dictionary, no cost."""

    name = "char"

    def units(self, piece: str) -> Iterable[str]:
        return (piece,)

    def cut(self, unit: str) -> list[str]:
        return list(unit)


@lru_cache(maxsize=1)
def _glued_level() -> re.Pattern:
    """A level word after a word jieba glues to it (由区, 请市), starting a name that ends in a body
    word within a few characters (the organization rule starts the name at the level word)."""
    glued = "".join(sorted(context_chars("glued_before_level")))
    return re.compile(rf"(?<=[{re.escape(glued)}])[省市区县](?=[\u4e00-\u9fff]{{1,8}}?"
                      r"(?:公司|集团|局|委|办|厅|院|所|站|中心|学校|医院))")


class Guide:
    """The guard points of a text: edges no word may cross."""

    def __init__(self, quantity: re.Pattern):
        self._gazetteer = gazetteer()
        self._quantity = quantity

    def points(self, text: str, ref_date: date | None = None) -> list[int]:
        """The guard points of ``text``; dates are read against ``ref_date`` as the date rule reads
        them (the letter's own date, when known), so the parse is shared with it."""
        spans = [m.span() for m in GUARD.finditer(text)]
        spans += [m.span() for m in money_matches(text)]
        spans += [m.span() for m in self._quantity.finditer(text)]
        spans += [(start, end) for start, end, _ in find_dates(text, ref_date)]  # parsed dates: a bare 中 is none
        names = list(self._gazetteer.name_spans(text))
        points = {0, len(text)}
        points.update(chain.from_iterable(spans))
        points.update(chain.from_iterable(names))
        # 市|经信局, 镇|党委: a level word before a known name is a word of its own
        points.update(start - 1 for start, _ in names if start and text[start - 1] in _BEFORE_NAMES)
        # 由|区农投公司, 请|市公交公司: a verb jieba would glue to the level word that starts a name
        points.update(m.start() for m in _glued_level().finditer(text))
        return sorted(points)


class Words:
    """The words of one text, segmented unit by unit when first asked for.

    ``whole=True`` segments every piece between guard points whole instead, at once, as a
    tokenizer over the whole text would: the reference the unit-by-unit words are tested against.
    """

    def __init__(self, text: str, segmenter: Segmenter, guide: Guide, whole: bool = False):
        self.text = text
        self._segmenter = segmenter
        self._guide = guide
        self._bounds: list[int] | None = None  # the guard points: piece i is bounds[i]:bounds[i + 1]
        self._units: dict[int, list[int]] = {}  # piece start -> its unit starts, then its end
        self._words: dict[int, tuple[list[Word], list[int]]] = {}  # unit start -> its words, their ends
        self._all = _with_ends(self._whole()) if whole else None
        #: the letter's own date (set by the letter segmenter, before any word is asked for): the
        #: date rule's reference, which the guard reads dates against too
        self.ref_date: date | None = None

    def tokens(self, start: int, end: int) -> list[Word]:
        """The words overlapping ``start:end``, in order (a word may reach beyond either end)."""
        if self._all is not None:
            return _overlapping(*self._all, start, end)
        out: list[Word] = []
        pos = start
        while pos < end:
            words, ends = self._unit_at(pos)
            out.extend(_overlapping(words, ends, start, end))
            pos = ends[-1]
        return out

    def word_at(self, pos: int) -> Word:
        """The word holding the character at ``pos``."""
        words, ends = self._all if self._all is not None else self._unit_at(pos)
        return words[bisect_right(ends, pos)]

    def starts_unit(self, pos: int) -> bool:
        """Whether a unit starts at ``pos`` (then a word does, without segmenting anything)."""
        if self._all is not None:
            return self.word_at(pos).idx == pos
        units = self._unit_starts(pos)
        return units[bisect_right(units, pos) - 1] == pos

    def backwards(self, end: int) -> "Backwards":
        """The words before ``end``, read from the last one back."""
        return Backwards(self, end)

    def all(self) -> list[Word]:
        """Every word of the text (segments all of it)."""
        return self._all[0] if self._all is not None else self.tokens(0, len(self.text))

    def _unit_starts(self, pos: int) -> list[int]:
        """The unit starts (then the end) of the piece holding ``pos``."""
        bounds = self._bounds
        if bounds is None:
            bounds = self._bounds = self._guide.points(self.text, self.ref_date)
        i = bisect_right(bounds, pos) - 1
        lo = bounds[i]
        units = self._units.get(lo)
        if units is None:
            units = self._units[lo] = self._split(lo, bounds[i + 1])
        return units

    def _unit_at(self, pos: int) -> tuple[list[Word], list[int]]:
        """The words of the unit holding ``pos``, and their ends (its piece split into units, and
        it segmented, when first asked for)."""
        units = self._unit_starts(pos)
        k = bisect_right(units, pos) - 1
        start = units[k]
        unit = self._words.get(start)
        if unit is None:
            unit = self._words[start] = _with_ends(self._segment(start, units[k + 1], self._segmenter.cut))
        return unit

    def _split(self, lo: int, hi: int) -> list[int]:
        """A piece's unit starts, then its end."""
        piece = self.text[lo:hi]
        if GUARD.fullmatch(piece):
            return [lo, hi]
        starts = []
        for unit in self._segmenter.units(piece):
            starts.append(lo)
            lo += len(unit)
        starts.append(hi)
        return starts

    def _whole(self) -> list[Word]:
        bounds = self._guide.points(self.text)
        segmenter = self._segmenter
        cut = getattr(segmenter, "cut_piece", None) or (
            lambda piece: [w for unit in segmenter.units(piece) for w in segmenter.cut(unit)])
        return [w for lo, hi in zip(bounds, bounds[1:]) for w in self._segment(lo, hi, cut)]

    def _segment(self, lo: int, hi: int, cut: Callable[[str], list[str]]) -> list[Word]:
        unit = self.text[lo:hi]
        if GUARD.fullmatch(unit):
            return [Word(lo, unit)]
        words, at = [], lo
        for word in cut(unit):
            words.append(Word(at, word))
            at += len(word)
        if at != hi:
            raise ValueError(f"the {self._segmenter.name} segmenter did not cover {unit!r}")
        return words


def _with_ends(words: list[Word]) -> tuple[list[Word], list[int]]:
    return words, [w.end for w in words]


def _overlapping(words: list[Word], ends: list[int], start: int, end: int) -> list[Word]:
    out = []
    for word in words[bisect_right(ends, start):]:
        if word.idx >= end:
            break
        out.append(word)
    return out


class Backwards:
    """The words before a position, from the last back: ``[0]`` holds the character before it,
    ``[1]`` is the word before that …, None beyond the start of the text. A word is segmented
    when it is first read."""

    def __init__(self, words: Words, end: int):
        self._words = words
        self._seq: list[Word] = []
        self._at = end

    def __getitem__(self, k: int) -> Word | None:
        seq = self._seq
        while len(seq) <= k:
            if self._at <= 0:
                return None
            word = self._words.word_at(self._at - 1)
            seq.append(word)
            self._at = word.idx
        return seq[k]


SEGMENTERS = ("jieba", "char", "pkuseg")


def segmenter_for(name: str, pkuseg_model: str | None = None,
                  user_words: Callable[[], Iterable[str]] | None = None) -> Segmenter:
    """The named segmenter; ``user_words`` gives the names it must keep whole (the gazetteer's)."""
    words = user_words or (lambda: gazetteer().dictionary_words())
    if name == "jieba":
        return JiebaSegmenter(words())
    if name == "pkuseg":
        if not pkuseg_model:
            raise ValueError("the pkuseg segmenter needs a model directory (spacy-pkuseg ships none): "
                             "train one with spacy_pkuseg.train and pass pkuseg_model=DIR")
        return PkusegSegmenter(pkuseg_model, words())
    if name == "char":
        return CharSegmenter()
    raise ValueError(f"unknown segmenter {name!r}; choose one of {', '.join(SEGMENTERS)}")
