"""Places: the administrative divisions a letter names, and the letter's own place.

Built once per process from the administrative-division data (``divisions.py``: JioNLP's
``china_location``, every province, city, county and township); names are found with an
Aho–Corasick automaton (:class:`~pipeline.matching.LongestMatcher`). The letter's own place
(:class:`PlaceContext`: its county, city and province, and a township) is what a bare level word
resolves against: 市 in a letter from 金华 means 金华市. Organization names are matched in ``gazetteer.py``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from .divisions import Division, divisions
from .matching import LongestMatcher
from .rules import load_table

LEVEL_WORDS = {"省": "province", "市": "city", "州": "city", "区": "county", "县": "county", "旗": "county"}
# a township sender: 浦江县黄宅镇人民政府 -> 黄宅镇
_TOWNSHIP_SENDER = re.compile(r"(?:^|[县区市旗])([\u4e00-\u9fff]{1,4}?[镇乡])(?:人民政府|党委|政府)")


@lru_cache(maxsize=1)
def body_templates() -> dict[str, str]:
    """Government body names (``rules/org_abbreviations.tsv``), short or full -> the full name's
    template (经信局 -> {place}经济和信息化局)."""
    bodies: dict[str, str] = {}
    for short, full, _levels in load_table("org_abbreviations.tsv"):
        bodies.setdefault(short, full)
        if "{place}" not in full:
            bodies.setdefault(full, full)
    return bodies


@lru_cache(maxsize=1)
def body_levels() -> dict[str, frozenset[str]]:
    """The administrative levels that have a body (``rules/org_abbreviations.tsv``): 教育局 ->
    {city, county}, 发改委 -> {province, city, county}."""
    levels: dict[str, frozenset[str]] = {}
    for short, full, level_list in load_table("org_abbreviations.tsv"):
        for key in (short, full):
            levels.setdefault(key, frozenset(level_list.split(",")))
    return levels


@dataclass(frozen=True)
class Place:
    name: str
    level: str  # province | city | county
    parent: str | None
    short: str


@lru_cache(maxsize=None)
def context_chars(kind: str) -> frozenset[str]:
    """Single characters around a known name that decide whether it is one (rules/org_context.tsv):
    plural_before, not_after_wei, follow_ok, precede_ok, org_end, glued_before_level, pronoun_before,
    not_after_body, before_place."""
    return frozenset(next(chars for k, chars in load_table("org_context.tsv") if k == kind))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _autonomous_alias(place: Place) -> str | None:
    """The name letters use for an autonomous division: its short name and its level word
    (甘南藏族自治州 -> 甘南州, 寻甸回族彝族自治县 -> 寻甸县, 鄂温克族自治旗 -> 鄂温克旗)."""
    for ending, word in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if place.name.endswith(ending) and place.short and place.short != place.name:
            return place.short + word
    return None


@dataclass(frozen=True)
class PlaceContext:
    """The letter's own place, from the most specific to the widest."""

    county: Place | None = None
    city: Place | None = None
    province: Place | None = None
    township: str | None = None  # 黄宅镇 of a letter from 浦江县黄宅镇人民政府

    def own_body_place(self, levels: frozenset[str]) -> Place | None:
        """The letter's own place at the lowest level that has a body (教育局 in a 汨罗市 letter:
        汨罗市; 商务厅 in a 日喀则市 letter: 西藏自治区)."""
        for level, place in (("county", self.county), ("city", self.city), ("province", self.province)):
            if place is not None and level in levels:
                return place
        return None

    def for_level_word(self, word: str) -> Place | None:
        """Which place a bare level word means in this letter (市 in a 义乌 letter means 义乌市)."""
        level = LEVEL_WORDS.get(word)
        if level == "province":
            return self.province
        if level == "city":
            if self.county is not None and self.county.name.endswith("市"):
                return self.county  # a county-level city calls itself 市
            return self.city
        if level == "county":
            if self.county is not None and self.county.name.endswith(word):
                return self.county
            return None
        return None


class Places:
    """The administrative divisions (``divisions.py``: province, city, county; townships apart):
    found in a text, resolved by name, and composed into a letter's own place.

    Besides its full name a division is found under the form letters use for an autonomous one:
    甘南州 for 甘南藏族自治州, 寻甸县 for 寻甸回族彝族自治县. Townships (43,000 names, many
    repeated from county to county) are not searched for in running text: they are looked up only
    right before an organization's body (``township_ending_at``).
    """

    def __init__(self) -> None:
        self.by_name: dict[str, list[Place]] = {}
        self.townships: dict[str, list[Division]] = {}
        shorts: set[str] = set()
        for row in divisions():
            if row.level == "township":
                self.townships.setdefault(row.name, []).append(row)
                continue
            place = Place(row.name, row.level, row.parent, row.short or row.name)
            self.by_name.setdefault(row.name, []).append(place)
            if row.level in ("province", "city") and len(row.short) >= 2:
                shorts.add(row.short)
        for entries in list(self.by_name.values()):
            for place in entries:
                alias = _autonomous_alias(place)
                if alias and alias not in self.by_name:
                    self.by_name.setdefault(alias, []).append(place)
        # two-character names (和县, 高县, 城区, 新县) are words of running text too: they are not
        # searched for, only recognised where a place is expected (name_ending_at)
        self._names = LongestMatcher((key, key) for key in self.by_name if len(key) >= 3)
        self.longest = max(map(len, self.by_name))
        self._township_longest = max(map(len, self.townships), default=0)
        # the last characters names end with (县 区 市 …, 镇 乡 道 …): a name ends nowhere else
        self._name_ends = frozenset(name[-1] for name in self.by_name)
        self._township_ends = frozenset(name[-1] for name in self.townships)
        # a letter is scanned for places by the rules and by the segmenter's guard: the hits in
        # the last few texts are kept
        self.hits = lru_cache(maxsize=4)(self._names.find)
        self._shorts = frozenset(shorts)

    def place(self, name: str, parent_hint: str | None = None) -> Place | None:
        candidates = self.by_name.get(name)
        if not candidates:
            return None
        if parent_hint:
            for p in candidates:
                if p.parent == parent_hint:
                    return p
        return candidates[0]

    def township_ending_at(self, text: str, pos: int, county: Place | None = None) -> tuple[Division, int] | None:
        """The township whose name ends at ``pos`` (双河镇 of 双河镇人民政府) and where it starts:
        of the county written before it (宁都县|黄陂镇) when there is one of that name, else of
        ``county`` (the letter's own), else the first listed."""
        if not pos or text[pos - 1] not in self._township_ends:
            return None
        for length in range(min(self._township_longest, pos), 2, -1):
            rows = self.townships.get(text[pos - length:pos])
            if rows:
                written = self.ending_at(text, pos - length)
                for want in (written if written is not None and written.level == "county" else None, county):
                    own = next((r for r in rows if want is not None and r.parent == want.name), None)
                    if own is not None:
                        return own, pos - length
                return rows[0], pos - length
        return None

    def find_places(self, text: str) -> Iterator[tuple[int, int, Place]]:
        for start, end, key in self.hits(text):
            yield start, end, self.place(key)

    def context_for(self, *texts: str | None, fallback_text: str = "") -> PlaceContext:
        """The letter's place from its own words (sender, publisher, meeting…), else the most named place."""
        found: list[Place] = []
        for text in texts:
            if text:
                found.extend(p for _, _, p in self.find_places(text))
        if not found and fallback_text:
            counts = Counter(p.name for _, _, p in self.find_places(fallback_text))
            found = [self.place(name) for name, _ in counts.most_common(3)]
        for text in texts:
            if text:
                found.extend(self._unlisted_counties(text))
        rank = {"county": 0, "city": 1, "province": 2}
        found.sort(key=lambda p: rank[p.level])
        context = self._context_from(found[0]) if found else PlaceContext()
        township = next((m.group(1) for text in texts if text
                         for m in [_TOWNSHIP_SENDER.search(text)] if m), None)
        if township and context.county is not None:
            context = dataclasses.replace(context, township=township)
        return context

    def _unlisted_counties(self, text: str) -> list[Place]:
        """A district or county the list lacks, named right after a known city: 佛山市南海区 -> 南海区;
        or leading a sender's name: 三台县人民政府办公室 -> 三台县."""
        out = []
        for start, end, place in self.find_places(text):
            if place.level == "city":
                m = re.match(r"[\u4e00-\u9fff]{1,4}?[区县旗]", text[end:])
                if m and m.group(0) not in self.by_name and not text[end:].startswith(tuple(body_templates())):
                    out.append(Place(m.group(0), "county", place.name, m.group(0)[:-1]))
        m = re.match(r"^([\u4e00-\u9fff]{2,4}?[县旗])(?:人民政府|[\u4e00-\u9fff]{1,12}(?:局|委|办|厅|室|院|中心))", text)
        if m and m.group(1) not in self.by_name:
            out.append(Place(m.group(1), "county", None, m.group(1)[:-1]))
        return out

    def _context_from(self, place: Place) -> PlaceContext:
        chain = {place.level: place}
        current = place
        while current.parent:
            parent = self.place(current.parent)
            if parent is None or parent.level in chain:
                break
            chain[parent.level] = parent
            current = parent
        province = chain.get("province")
        city = chain.get("city")
        if city is None and province is not None and province.name.endswith("市"):
            city = province  # a municipality is its own city: 市 in a 丰台区 letter is 北京市
        return PlaceContext(county=chain.get("county"), city=city, province=province)

    def name_ending_at(self, text: str, pos: int) -> str | None:
        """The longest place name (full or alias) that ends at ``pos``; a two-character one (和县,
        高县) only where it cannot be the end of a longer word (提高县级, 各镇和县直部门)."""
        if not pos or text[pos - 1] not in self._name_ends:
            return None
        for length in range(min(self.longest, pos), 1, -1):
            name = text[pos - length:pos]
            if name in self.by_name:
                before = text[pos - 3] if pos > 2 else ""
                if length == 2 and before and _is_han(before) and before not in context_chars("before_place") \
                        and self.name_ending_at(text, pos - 2) is None:
                    continue
                return name
        return None

    def ending_at(self, text: str, pos: int) -> Place | None:
        name = self.name_ending_at(text, pos)
        return self.place(name) if name is not None else None

    def chain_start(self, text: str, pos: int) -> int:
        """Walk back over the wider places written before a place: 广东省|佛山市|南海区."""
        while True:
            name = self.name_ending_at(text, pos)
            if name is None or self.place(name).level not in ("city", "province"):
                return pos
            pos -= len(name)

    def full_place(self, place: Place) -> str:
        """A district's organs carry their city's name (佛山市南海区住房和城乡建设局); a county's do not."""
        if place.level != "county" or not place.name.endswith("区") or not place.parent:
            return place.name
        parent = self.place(place.parent)
        if parent is None or parent.level not in ("city", "province") or place.name.startswith(parent.name):
            return place.name
        return parent.name + place.name

    def starts_at(self, text: str, pos: int) -> bool:
        """A listed place name begins at ``pos`` (大连市 of 大连市税务局)."""
        return any(text[pos:pos + n] in self.by_name for n in range(2, self.longest + 1))

    def is_place(self, text: str) -> bool:
        """A listed place by its name or its short name (郑州, 郑州市)."""
        return text in self.by_name or text in self._shorts

    def meeting_place(self, meeting: str, context: PlaceContext | None) -> str | None:
        """Whose congress or CPPCC a session is: 全国, the place named at the front (金华市八届…),
        or the letter's own place for 市/区/县/省 (市八届人大三次会议 in a 金华 letter)."""
        if meeting.startswith(("全国", "十")) and "全国" in meeting:
            return "全国"
        for length in range(min(len(meeting), 12), 1, -1):
            if meeting[:length] in self.by_name:
                return meeting[:length]
        named = next(iter(self.find_places(meeting)), None)  # 政协金华市第八届委员会…
        if named is not None and meeting.startswith(("人大", "政协", "人民代表大会", "政治协商会议")):
            return named[2].name
        m = re.match(r"^([\u4e00-\u9fff]{1,6}?[区县旗])(?:第?[一二三四五六七八九十]+届|人大|政协)", meeting)
        if m and m.group(1) not in ("区", "县", "旗"):
            return m.group(1)
        if context is not None and meeting[:1] in "省市区县州旗":
            place = context.for_level_word(meeting[0])
            return self.full_place(place) if place is not None else None
        return None


@lru_cache(maxsize=1)
def places() -> Places:
    """The process-wide places (read-only after construction)."""
    return Places()
