"""Places: the administrative divisions a letter names, and the letter's own place.

Built once per process from ``rules/places.tsv`` (name, level, parent, short name); names are found
with an Aho–Corasick automaton (pyahocorasick). The letter's own place (:class:`PlaceContext`: its
county, city and province, and a township) is what a bare level word resolves against: 市 in a
letter from 金华 means 金华市. Organization names are matched in ``gazetteer.py``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import ahocorasick

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


@dataclass(frozen=True)
class Place:
    name: str
    level: str  # province | city | county
    parent: str | None
    short: str


@dataclass(frozen=True)
class PlaceContext:
    """The letter's own place, from the most specific to the widest."""

    county: Place | None = None
    city: Place | None = None
    province: Place | None = None
    township: str | None = None  # 黄宅镇 of a letter from 浦江县黄宅镇人民政府

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
    """The listed places: found in a text, resolved by name, and composed into a letter's own place."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[Place]] = {}
        for name, level, parent, short in load_table("places.tsv"):
            self.by_name.setdefault(name, []).append(Place(name, level, parent or None, short))
        self._automaton = ahocorasick.Automaton()
        for key in self.by_name:
            self._automaton.add_word(key, key)
        self._automaton.make_automaton()
        self.longest = max(map(len, self.by_name))
        # a letter is scanned for places by the rules and by the segmenter's guard: the hits in
        # the last few texts are kept
        self.hits = lru_cache(maxsize=4)(lambda text: tuple(self._automaton.iter_long(text)))
        self._shorts = {p.short for places in self.by_name.values() for p in places if len(p.short) >= 2}

    def place(self, name: str, parent_hint: str | None = None) -> Place | None:
        candidates = self.by_name.get(name)
        if not candidates:
            return None
        if parent_hint:
            for p in candidates:
                if p.parent == parent_hint:
                    return p
        return candidates[0]

    def find_places(self, text: str) -> Iterator[tuple[int, int, Place]]:
        for end, key in self.hits(text):
            yield end - len(key) + 1, end + 1, self.place(key)

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
        return PlaceContext(county=chain.get("county"), city=chain.get("city"), province=chain.get("province"))

    def ending_at(self, text: str, pos: int) -> Place | None:
        for length in range(min(self.longest, pos), 1, -1):
            if text[pos - length:pos] in self.by_name:
                return self.place(text[pos - length:pos])
        return None

    def chain_start(self, text: str, pos: int) -> int:
        """Walk back over the wider places written before a place: 广东省|佛山市|南海区."""
        while True:
            place = self.ending_at(text, pos)
            if place is None or place.level not in ("city", "province"):
                return pos
            pos -= len(place.name)

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
