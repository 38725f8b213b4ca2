"""Known organization names: matching, and resolution of short forms against the letter's place.

Built once per process from the data files in ``pipeline/rules/`` (org_abbreviations.tsv,
orgs.tsv; the places come from ``places.py``). Matching uses an Aho–Corasick automaton
(:class:`~pipeline.matching.LongestMatcher`), so the cost does not grow with the size of the lists.

A body name (经信局, 交通运输局, 政府 …) is an organization only with a place
before it: a full place name (金华市经信局), or a one-character level word
(市经信局, 省经信厅, 县政府) that is resolved against the letter's own place
(:class:`PlaceContext`), so that 市经信局 in a letter from 金华 becomes
金华市经济和信息化局.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .matching import LongestMatcher
from .places import LEVEL_WORDS, Place, PlaceContext, _is_han, body_levels, body_templates, context_chars, places
from .rules import load_sections, load_table

# 团市委, 团县委: the Communist Youth League committee of the place
_YOUTH_LEAGUE = re.compile(r"(?<![集社剧乐兵军师])团([省市县区])委(?!员)")
# the names of township-level bodies, which sit under a county or district
_TOWNSHIP = re.compile(r"^[\u4e00-\u9fff]{1,5}(?:镇|乡|街道)(?:人民政府|政府|办事处|党委|委员会)$|街道办事处$")


@lru_cache(maxsize=1)
def _not_bare() -> frozenset[str]:
    """Bodies that are no organization without their place (org_generic.txt, [not_bare])."""
    return frozenset(load_sections("org_generic.txt").get("not_bare", ()))


@lru_cache(maxsize=1)
def _not_place_words() -> tuple[str, ...]:
    """Words that cannot start a district's name: the org rules' stop words (会同, 征求 …)."""
    words = tuple(w for w in load_sections("org_generic.txt")["stop"] if len(w) >= 2)
    return words + ("征求", "会商", "请示", "报请", "提请")


def _could_be_place(name: str) -> bool:
    """An unlisted district's name guessed from its level word (城关区, 高新区) is made of name
    words: not of a pronoun, preposition, time word … (你们在县, 年对区, 年自治区). The words are
    read by longest match in jieba's dictionary."""
    from .words import jieba_tags

    if name.endswith("自治区"):
        return False
    tags, head, i = jieba_tags(), name[:-1], 0
    while i < len(head):
        word = next((head[i:j] for j in range(len(head), i, -1) if head[i:j] in tags), head[i])
        if tags.get(word, "n").startswith(("r", "p", "c", "d", "u", "t", "m", "q")):
            return False
        i += len(word)
    return True


@dataclass(frozen=True)
class OrgMatch:
    start: int
    end: int
    name: str  # canonical name, or the text when it cannot be resolved
    resolved: bool


class Gazetteer:
    """Known organizations: fixed names (orgs.tsv) and government bodies after a place
    (org_abbreviations.tsv), found in one pass and resolved against the letter's place."""

    def __init__(self) -> None:
        self.places = places()
        self.bodies = body_templates()  # short or full body -> full template
        self.fixed: dict[str, str] = {}
        for row in load_table("orgs.tsv"):
            self.fixed[row[0]] = (row[1] if len(row) > 1 and row[1] else row[0])
        self._orgs = LongestMatcher([(key, ("body", key)) for key in self.bodies]
                                    + [(key, ("fixed", key)) for key in self.fixed])
        # a letter is scanned for names by the organization rules and by the segmenter's guard:
        # the automaton's hits in the last few texts are kept
        self._org_hits = lru_cache(maxsize=4)(self._orgs.find)

    def find_orgs(self, text: str, context: PlaceContext) -> Iterator[OrgMatch]:
        """Known organizations in ``text``: fixed names, and place + body names with the place resolved."""
        for start, end, (kind, key) in self._org_hits(text):
            if key.endswith("部") and end < len(text) and text[end] == "门":
                continue  # 财政部门, 农业农村部门: departments in general, not the ministry
            if kind == "fixed" and key in self.bodies and start and (text[start - 1] in LEVEL_WORDS
                                                                     or self.places.ending_at(text, start)):
                kind = "body"  # 市国资委 is the city's, 国资委 alone the national one
            if kind == "fixed":
                if not self._alias_stands_alone(text, start, end, key):
                    continue  # 南大 inside 济南大学
                yield OrgMatch(start, end, self.fixed[key], True)
                continue
            if key.endswith("委") and end < len(text) and text[end] in context_chars("not_after_wei"):
                continue
            match = self._with_place(text, start, end, key, context)
            if match is not None:
                yield match
        for m in _YOUTH_LEAGUE.finditer(text):  # 团市委: the level word stands inside the short form
            place = context.for_level_word(m.group(1))
            name = f"共青团{self.places.full_place(place)}委员会" if place is not None else m.group(0)
            yield OrgMatch(m.start(), m.end(), name, place is not None)

    @staticmethod
    def _alias_stands_alone(text: str, start: int, end: int, key: str) -> bool:
        """A short alias (南大, 浙师大) counts only when it is not part of a longer word: the
        characters around it are not Chinese, or are words that may follow a name (浙师大、…)."""
        if len(key) > 3 or key[-1] in context_chars("org_end"):
            return True
        if start and _is_han(text[start - 1]) and text[start - 1] not in context_chars("precede_ok"):
            return False
        return not (end < len(text) and _is_han(text[end]) and text[end] not in context_chars("follow_ok"))

    def _with_place(self, text: str, start: int, end: int, body: str, context: PlaceContext) -> OrgMatch | None:
        template = self.bodies[body]
        # a place right before the body: 金华市经信局, 浙江省经信厅, 佛山市南海区住建局
        place, at = self._place_before(text, start, context)
        if place is not None:
            chain = self.places.chain_start(text, at)  # 广东省佛山市南海区: the mention takes the whole chain
            return OrgMatch(chain, end, self._compose(self.places.full_place(place), template), True)
        if start >= 3 and text[start - 3:start] == "自治区":
            # 自治区水利厅: the letter's own autonomous region
            if context.province is None:
                return OrgMatch(start - 3, end, text[start - 3:end], False)
            return OrgMatch(start - 3, end, self._compose(context.province.name, template), True)
        # a township named before the body: 双河镇人民政府, 南坪街道党工委 (its county's when the
        # county is written before it or is the letter's own)
        township = self._township_before(text, start, context)
        if township is not None:
            return OrgMatch(township[0], end, self._compose(township[1], template), township[2])
        # a township's own bodies in its own letter: 镇政府, 镇党委 (elsewhere 镇政府 is generic)
        if start >= 1 and text[start - 1] in "镇乡" and (start < 2 or text[start - 2] not in "乡城各全"):
            if context.township is None or not context.township.endswith(text[start - 1]):
                return None
            place = self.places.full_place(context.county) + context.township
            at = start - len(context.township) if text[:start].endswith(context.township) else start - 1
            if at < start - 1 and text[:at].endswith(context.county.name):
                at = self.places.chain_start(text, at - len(context.county.name))  # 浦江县黄宅镇人民政府 written out
            return OrgMatch(at, end, self._compose(place, template), True)
        # a level word: 市经信局, 省经信厅, 县政府
        if start >= 1 and text[start - 1] in LEVEL_WORDS:
            word = text[start - 1]
            if start >= 2 and text[start - 2] in context_chars("plural_before"):
                return None  # 各市经信局, 全县政府: generic
            place = context.for_level_word(word)
            if place is None:
                return OrgMatch(start - 1, end, text[start - 1:end], False)
            return OrgMatch(start - 1, end, self._compose(self.places.full_place(place), template), True)
        return self._bare_body(text, start, end, body, context)

    def _bare_body(self, text: str, start: int, end: int, body: str, context: PlaceContext) -> OrgMatch | None:
        """A body named without its place (交由财政局办理, 、人社局、): the letter's own, at the
        lowest level of the letter's place that has such a body. Only a body of three characters
        or more standing as a word of its own: not 政府 or 市委 alone, not 各级财政局, 财政局长."""
        if len(body) < 3 or body in _not_bare():
            return None
        before = text[start - 1] if start else ""
        if before in ")）":
            return None  # 县(市、区)民政局: every county's
        if before and _is_han(before) and before not in context_chars("precede_ok") \
                and before not in context_chars("glued_before_level"):
            return None
        if end < len(text) and text[end] in context_chars("not_after_body"):
            return None
        place = context.own_body_place(body_levels().get(body, frozenset()))
        if place is None:
            return None
        return OrgMatch(start, end, self._compose(self.places.full_place(place), self.bodies[body]), True)

    def _township_before(self, text: str, pos: int, context: PlaceContext) -> tuple[int, str, bool] | None:
        """A listed township whose name ends at ``pos``: where the mention starts (over a county
        and city written before it), the township's full place name, and whether it was resolved
        (a township of the letter's own county, or of the county written before it)."""
        found = self.places.township_ending_at(text, pos, context.county)
        if found is None:
            return None
        town, at = found
        if context.township and context.township != town.name and context.township.endswith(town.name):
            return None  # a longer own township's tail: 黄宅镇 read as 宅镇
        county = self.places.ending_at(text, at)
        if county is not None and county.level == "county" and county.name == town.parent:
            start = self.places.chain_start(text, at - len(self.places.name_ending_at(text, at)))
            return start, self.places.full_place(county) + town.name, True
        if context.county is not None and town.parent == context.county.name:
            return at, self.places.full_place(context.county) + town.name, True
        return at, town.name, False

    def _place_before(self, text: str, pos: int, context: PlaceContext) -> tuple[Place | None, int]:
        """The place whose name ends at ``pos``: a listed one, else a district or county the list
        lacks when a listed city stands before it (佛山市|南海区) or the letter names it."""
        name = self.places.name_ending_at(text, pos)
        if name is not None:
            place = self.places.place(name)
            own = context.county is not None and context.county.name == place.name
            if own or not name.startswith(_not_place_words()):
                return place, pos - len(name)  # (会同县财政局 is 会同|县财政局 outside 会同县)
        for length in range(2, min(6, pos) + 1) if pos and text[pos - 1] in "区县旗" else ():
            name = text[pos - length:pos]
            if not all(_is_han(ch) for ch in name) or "市" in name:
                continue
            if context.county is not None and context.county.name == name:
                return context.county, pos - length
            parent = self.places.ending_at(text, pos - length)
            if parent is not None and parent.level in ("city", "province"):
                return Place(name, "county", parent.name, name[:-1]), pos - length
        # a district of the letter's own city that the list lacks, standing alone: 、城关区人民政府
        # (only where a bare 区 would not mean the letter's own district)
        if context.city is not None and context.for_level_word(text[pos - 1] if pos else "") is None:
            for length in (3, 4):
                name = text[pos - length:pos] if pos >= length else ""
                before = text[pos - length - 1] if pos > length else ""
                if (name and name[-1] in "区县" and all(_is_han(ch) for ch in name) and "市" not in name
                        and (not before or not _is_han(before) or before in context_chars("precede_ok"))
                        and not any(name.startswith(w) for w in _not_place_words()) and _could_be_place(name)):
                    return Place(name, "county", context.city.name, name[:-1]), pos - length
        return None, pos

    @staticmethod
    def _compose(place: str, template: str) -> str:
        if "{place}" in template:
            return template.replace("{place}", place)
        return place + template

    def name_spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Every known name (org body, fixed org, place) in ``text``: the segmenter's guard."""
        for start, end, (kind, key) in self._org_hits(text):
            if len(key) > 1 and (kind != "fixed" or self._alias_stands_alone(text, start, end, key)):
                # a one-character body (委 of 市委) would cut 委托, 委员 apart; 南大 东南大学
                yield start, end
            if kind == "body":
                town = self.places.township_ending_at(text, start)
                if town is not None:
                    yield town[1], start  # 和|平襄镇|人民政府: the township is a word of its own
        for start, end, _ in self.places.hits(text):
            yield start, end

    def dictionary_words(self) -> list[str]:
        """Words for the segmenter's user dictionary: names and level-word + body forms."""
        words = set(self.fixed) | set(self.places.by_name)
        for body in self.bodies:
            words.add(body)
            for level in "省市区县":
                words.add(level + body)
        return sorted(w for w in words if len(w) >= 2)

    def canonical(self, text: str, context: PlaceContext) -> str | None:
        """The canonical name of an organization mention, when the whole mention is a known name,
        else the name with its place written out (市体育中心 -> 惠州市体育中心)."""
        for m in self.find_orgs(text, context):
            if m.start == 0 and m.end == len(text):
                return m.name
        return self.qualify(text, context)

    def qualify(self, name: str, context: PlaceContext) -> str | None:
        """An unknown body's name with its place written out: a leading level word resolved
        (市体育中心), 自治区 named, a township put under its county (洋坪镇人民政府)."""
        if name.startswith("自治区") and context.province is not None:
            return context.province.name + name[3:]
        if name[0] in LEVEL_WORDS and not self.places.starts_at(name, 0):
            place = context.for_level_word(name[0])
            return self.places.full_place(place) + name[1:] if place is not None else None
        if _TOWNSHIP.search(name) and context.county is not None and not self.places.starts_at(name, 0) \
                and not name.startswith(context.county.name):
            return self.places.full_place(context.county) + name
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (read-only after construction)."""
    return Gazetteer()
