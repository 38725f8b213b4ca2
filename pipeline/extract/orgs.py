"""Organizations -> ``doc.spans["org"]`` and the ``org_mentions`` table, with the canonical name resolved.

Two passes:

1. the gazetteer (Aho–Corasick over fixed names and place + body names), which
   resolves short forms against the letter's own place (市经信局 in a 金华
   letter -> 金华市经济和信息化局);
2. suffix rules over the segmenter's words for names not in any list: a word
   ending in an organization suffix (研究所, 有限公司, 街道办事处 …) and the name
   words before it, walked back until a function word or punctuation (only the
   words before a suffix are segmented: ``doc._.words``).

Generic references (相关部门, 各县(市、区), 专业机构) are dropped by the
lists in ``rules/org_generic.txt``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import ahocorasick
from pydantic import Field

from ..gazetteer import context_chars, gazetteer
from ..places import LEVEL_WORDS
from ..rules import load_patterns, load_sections
from ..values import Value
from ..words import Backwards, Words, jieba_tags
from .base import Extractor

# part-of-speech tags (jieba's dictionary) that cannot start a name, or sit inside one
_LEADING_TAGS = ("v", "p", "d", "c", "r", "m", "q", "u", "a", "f", "t", "y", "e", "o")
_BREAKING_TAGS = ("d", "p", "c", "r", "u", "m", "q")
_NAME_TAGS = ("ns", "nr", "nt", "nz")  # jieba's tags of places, persons, organizations, other names
_NAME_CHAR = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9·]+$")
MAX_NAME = 30


class OrgValue(Value):
    name: str = Field(description="Full canonical name where it can be resolved, else the text")
    resolved: bool = Field(description="Whether the name was resolved from a list")
    source: Literal["gazetteer", "suffix"] = Field(description="Which rule found it")


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset, frozenset, tuple[str, ...], tuple[str, ...]]:
    sections = load_sections("org_generic.txt")
    suffixes = tuple(sorted(load_patterns("org_suffixes.txt"), key=len, reverse=True))
    false_ends = tuple(load_patterns("org_suffix_false.txt"))
    return frozenset(sections["generic"]), frozenset(sections["stop"]), suffixes, false_ends


def _place_like(text: str, gaz) -> bool:
    return gaz.places.is_place(text) or bool(re.fullmatch(r"[\u4e00-\u9fff]{2,6}[省市县区旗]", text))


def _joins_a_name(back: Backwards, at: int, gaz) -> bool:
    """和/与 (``at`` words back) is inside a name when a place or level word stands one or two words
    before it: 市|就业|和|人才服务中心, 山西省|古建筑|与|彩塑壁画保护研究院."""
    for k in (at + 1, at + 2):
        word = back[k]
        if word is not None and (word.text in LEVEL_WORDS or _place_like(word.text, gaz)):
            return all(_NAME_CHAR.match(back[m].text) for m in range(at + 1, k + 1))
    return False


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern:
    """The organization suffixes as one pattern anchored at the end, longest first."""
    return re.compile("(?:" + "|".join(map(re.escape, _lists()[2])) + ")$")


@lru_cache(maxsize=1)
def _suffix_ends() -> ahocorasick.Automaton:
    """Every place in a text where an organization suffix ends, in one pass."""
    automaton = ahocorasick.Automaton()
    for suffix in _lists()[2]:
        automaton.add_word(suffix, len(suffix))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _name_verbs() -> frozenset:
    """Verbs that are part of body names (管理, 服务, 促进 …): the walk-back goes on over them."""
    return frozenset(load_patterns("org_name_verbs.txt"))


@lru_cache(maxsize=1)
def _modifiers() -> re.Pattern:
    """A name head made only of kind-describing words: 属地, 辖区内公办, 经办."""
    words = load_sections("org_generic.txt")["modifier"]
    return re.compile("(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")+")


class Orgs(Extractor):
    key, label, Value = "org", "ORG", OrgValue
    table, columns = "org_mentions", ("org_id", "resolved", "source")  # org_id: the store's, by name

    def __init__(self) -> None:
        self.gazetteer = gazetteer()

    def find(self, text, ctx):
        places = ctx.places
        found = _extend(text, [(m.start, m.end, OrgValue(name=m.name, resolved=m.resolved, source="gazetteer"))
                               for m in self.gazetteer.find_orgs(text, places)], self.gazetteer)
        # a suffix ending where a known name ends loses to it (_outermost), unless a level word
        # stands right before the known name (市|经信局 written out): not walked back at all
        settled = {end for start, end, _ in found if not start or text[start - 1] not in LEVEL_WORDS}
        for start, end in self._by_suffix(ctx.words, text, settled):
            name = text[start:end]
            canonical = self.gazetteer.canonical(name, places)
            found.append((start, end, OrgValue(name=canonical or name, resolved=canonical is not None,
                                               source="suffix")))
        return _outermost(found, text)

    def row(self, value):
        return value["name"], bool(value.get("resolved")), value.get("source", "")

    def _by_suffix(self, words: Words, text: str, settled: frozenset | set = frozenset()):
        """Candidate names ending in an organization suffix, walked back over name words.

        The words are read backwards from each suffix (``words.backwards``), so only the words the
        walk-back reads are segmented: it stops at the first word that is no name word. Suffixes
        ending at a ``settled`` offset are skipped.
        """
        false_ends = _lists()[3]
        ends = _suffix_pattern()
        for end in sorted({last + 1 for last, _ in _suffix_ends().iter(text)} - set(settled)):
            back = words.backwards(end)  # back[0]: the word holding the suffix's last character
            tok = back[0]
            if tok.end != end:
                continue  # the suffix ends inside a word (局长, 中心城区)
            m = ends.search(tok.text)
            if m is None or tok.text.endswith(false_ends):  # 布局, 合理布局: no 局
                continue
            d = self._trim_front(back, self._walk_back(back, end), text)
            start = back[d].idx
            first = back[d].text if d else ""
            if (len(first) == 2 and first[1] in LEVEL_WORDS and first[0] in context_chars("glued_before_level")
                    and first not in jieba_tags()):
                start += 1  # 请市|公交公司: jieba glued the verb to the level word
            name, suffix = text[start:end], m.group(0)
            if not _generic(name, suffix) and not self._category(back, d, name, suffix):
                yield start, end

    def _walk_back(self, back: Backwards, end: int) -> int:
        """How many words before the suffix's word the name reaches: over name words, up to a
        function word, a verb that is no name verb, punctuation or MAX_NAME characters."""
        stop, name_verbs, tags, places = _lists()[1], _name_verbs(), jieba_tags(), self.gazetteer.places
        d = 0
        while True:
            prev = back[d + 1]
            if prev is None or not _NAME_CHAR.match(prev.text) or prev.text in stop or end - prev.idx > MAX_NAME:
                return d
            if prev.text in ("和", "与") and _joins_a_name(back, d + 1, self.gazetteer):
                d += 2  # 市就业和人才服务中心, 山西省古建筑与彩塑壁画保护研究院
                continue
            tag = "ns" if places.is_place(prev.text) else tags.get(prev.text, "n")
            if tag.startswith(_BREAKING_TAGS) or (tag == "v" and prev.text not in name_verbs):
                return d  # 统一运至|青岛市固体废弃物处置中心, 市教育局出台|学校
            d += 1

    def _category(self, back: Backwards, d: int, name: str, suffix: str) -> bool:
        """A kind of body (一贯制学校, 区域医疗中心, 保险公司): a category suffix (org_generic.txt,
        [category]) after common words only — no place, no name that is no common word, no number."""
        if suffix not in _categories():
            return False
        head = name[: len(name) - len(suffix)]
        tags, gaz = jieba_tags(), self.gazetteer
        words = [back[k].text for k in range(d, 0, -1)]
        if back[0].text != suffix and back[0].text.endswith(suffix):
            words.append(back[0].text[: -len(suffix)])  # the head's part inside the suffix's word
        if (not words or words[0] in LEVEL_WORDS or re.search(r"[0-9A-Za-z第]", head)
                or any(True for _ in gaz.places.find_places(head))):
            return False  # 市|公交公司 is the letter's city's; 第三小学; 汨罗市…中学
        for word in words:
            tag = tags.get(word)
            if _place_like(word, gaz) or (tag is None and len(word) >= 2) or (tag or "").startswith(_NAME_TAGS):
                return False  # a place or a proper name: 邱村小学, 中山图书馆
        return True

    def _trim_front(self, back: Backwards, d: int, text: str) -> int:
        """The walk-back's reach ``d`` moved to where the name starts: at its place, and never at a
        verb, adverb, pronoun … (征求区财政局 -> 区财政局)."""
        suffixes, tags, gaz = _lists()[2], jieba_tags(), self.gazetteer
        # a name starts at its place: 县属国有企业|湄潭县兴茶投资开发有限公司
        # (not when a parent organization stands before the place: 中国邮政集团有限公司|长春市分公司)
        place = next((k for k in range(d, 0, -1) if _place_like(back[k].text, gaz)), None)
        if place is not None and place < d:
            before = text[back[d].idx:back[place].idx]
            if len(before) >= 3 and not before.endswith(suffixes) and not before.endswith(("集团", "总局")):
                d = place
        while (d > 0 and tags.get(back[d].text, "n").startswith(_LEADING_TAGS)
               and back[d].text not in LEVEL_WORDS and not gaz.places.is_place(back[d].text)):
            d -= 1
        return d


@lru_cache(maxsize=1)
def _categories() -> frozenset[str]:
    return frozenset(load_sections("org_generic.txt")["category"])


def _generic(name: str, suffix: str) -> bool:
    """A generic reference (相关部门), too short, a bare 省厅/市局, or the writer's own body (交由我局): no name."""
    head = name[: len(name) - len(suffix)]
    if len(suffix) == 1 and head and head[-1] in context_chars("pronoun_before"):
        return True
    return (name in _lists()[0] or len(name) < 4 or len(head) < 2 or all(ch in LEVEL_WORDS for ch in head)
            or _modifiers().fullmatch(head) is not None or (len(suffix) == 1 and head[-1] in LEVEL_WORDS))


@lru_cache(maxsize=1)
def _subunits() -> tuple[re.Pattern, dict[str, str], re.Pattern]:
    sections = load_sections("org_subunits.tsv")
    units = {}
    for line in sections[""]:
        cells = [cell.strip() for cell in line.split("\t")]
        units[cells[0]] = cells[1] if len(cells) > 1 and cells[1] else cells[0]
    branches = sections["branch"]
    unit_re = re.compile("|".join(map(re.escape, sorted(units, key=len, reverse=True))))
    branch_re = re.compile(
        rf"(?:\((?:集团|控股)\))?(?:股份有限公司|有限责任公司|有限公司)?(?P<place>[\u4e00-\u9fff]{{2,8}}?)"
        rf"(?:{'|'.join(map(re.escape, branches))})")
    return unit_re, units, branch_re


def _extend(text: str, found: list[tuple[int, int, OrgValue]], gaz) -> list[tuple[int, int, OrgValue]]:
    """Grow known names to the right: an internal unit (市政府|督查室), a branch (中国银行|郑州分行),
    or a body under a national one (国家税务总局|大连市税务局)."""
    unit_re, units, branch_re = _subunits()
    starts = {start: (end, value) for start, end, value in found if value.source == "gazetteer"}
    out = []
    for start, end, value in found:
        if value.source == "gazetteer":
            nxt = starts.get(end)
            unit = unit_re.match(text, end)
            branch = branch_re.match(text, end)
            if unit is not None:
                full = units[unit.group(0)]
                end = unit.end()
                value = OrgValue(name=value.name + full, resolved=value.resolved, source=value.source)
            elif branch is not None and gaz.places.is_place(branch["place"].rstrip("市") or branch["place"]):
                value = OrgValue(name=text[start:branch.end()], resolved=value.resolved, source=value.source)  # as written
                end = branch.end()
            elif nxt is not None and _is_national(value.name) and gaz.places.starts_at(text, end):
                nxt_end, nxt_value = nxt
                value = OrgValue(name=value.name + text[end:nxt_end], resolved=True, source=value.source)
                end = nxt_end
        out.append((start, end, value))
    return out


def _is_national(name: str) -> bool:
    return name.startswith(("国家", "中国", "中华人民共和国"))


def _is_prefix_of_name(prefix: str) -> bool:
    """Only a level word (市, 区 …) can stand before a known name and still belong to it."""
    return len(prefix) == 1 and prefix in LEVEL_WORDS


def _outermost(found: list[tuple[int, int, OrgValue]], text: str) -> list[tuple[int, int, OrgValue]]:
    """Drop a name inside a longer one (华中科技大学 in 华中科技大学同济医学院附属协和医院), and a
    suffix-rule name that crosses or repeats a gazetteer name (the gazetteer is resolved).

    Names are taken by start (the longer first), so every name kept so far starts at or before
    the current one: it lies inside one of them exactly when the furthest end kept reaches its
    end, and crosses one when that end passes its start (linear, however many names a text has).
    """
    rank = {"gazetteer": 0, "suffix": 1}
    ordered = sorted(found, key=lambda f: (f[0], -(f[1] - f[0]), rank[f[2].source]))
    known_starts: dict[int, list[int]] = {}  # gazetteer names: end -> starts
    for g_start, g_end, g_value in found:
        if g_value.source == "gazetteer":
            known_starts.setdefault(g_end, []).append(g_start)
    kept: list[tuple[int, int, OrgValue]] = []
    furthest = -1
    for start, end, value in ordered:
        if value.source == "suffix":
            # crossing or inside a kept name; or a known name with prose walked onto its front
            # (我局委托|贵州大学)
            clash = furthest > start or any(start < g_start and not _is_prefix_of_name(text[start:g_start])
                                            for g_start in known_starts.get(end, ()))
        else:
            clash = furthest >= end  # inside (or equal to) a kept name
        if not clash:
            kept.append((start, end, value))
            furthest = max(furthest, end)
    return kept
