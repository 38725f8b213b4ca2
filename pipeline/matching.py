"""Many fixed names found in a text in one pass: the leftmost-longest matches, none overlapping.

:class:`LongestMatcher` is an Aho–Corasick automaton (pyahocorasick) that holds its keys reversed
and reads the text from its end. Chinese names share few last characters and many first ones
(the 3,379 place names start with 891 characters and end with 11: 县, 区, 市 …), and pyahocorasick
looks a character up among a node's children one by one, so an automaton of the names as written
spends most of its time at its root. Read backwards, the same scan takes 0.014 ms for a
1,160-character letter instead of 0.56 ms (``tests/test_matching.py`` checks the matches against
a brute-force search).
"""

from __future__ import annotations

from typing import Generic, Iterable, TypeVar

import ahocorasick

V = TypeVar("V")


class LongestMatcher(Generic[V]):
    """``find(text)``: ``(start, end, value)`` of the longest key starting at the leftmost place,
    then the same after its end, and so on (keys added twice keep their last value)."""

    def __init__(self, items: Iterable[tuple[str, V]]):
        self._automaton = ahocorasick.Automaton()
        for key, value in items:
            if key:
                self._automaton.add_word(key[::-1], (len(key), value))
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._automaton)

    def find(self, text: str) -> tuple[tuple[int, int, V], ...]:
        if self._empty or not text:
            return ()
        last = len(text) - 1
        longest: dict[int, tuple[int, V]] = {}  # start -> (end, value) of the longest key there
        for end_back, (size, value) in self._automaton.iter(text[::-1]):
            start = last - end_back
            end = start + size
            if end > longest.get(start, (0,))[0]:
                longest[start] = (end, value)
        found, reached = [], 0
        for start in sorted(longest):
            if start >= reached:
                end, value = longest[start]
                found.append((start, end, value))
                reached = end
        return tuple(found)
