"""Chinese full-text search on SQLite FTS5: character bigrams in, ranked letters with snippets out.

Chinese has no spaces, and a word segmenter's words hide the words inside them (隐形冠军企业 is one
jieba word, so 冠军 would not be found). The index therefore holds every run of Chinese
characters as overlapping bigrams (隐形冠军 -> 隐形 形冠 冠军) and Latin/digit runs as words;
a query's bigrams must all occur, and each candidate is checked for the whole terms in its text,
so a two-character word matches wherever it stands and a longer word or phrase only as a whole.
Ranking is FTS5's bm25. (SQLite's
own trigram tokenizer would need no Python, but it cannot find two-character words and indexes
three times slower on Chinese text.) A one-character term has no bigram: it is matched by a scan.

>>> bigrams("隐形冠军企业50家")
'隐形 形冠 冠军 军企 企业 50 家'
>>> match_query('"隐形冠军" 充电桩')
'"隐形" AND "形冠" AND "冠军" AND "充电" AND "电桩"'
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]+|[A-Za-z0-9]+(?:[.][0-9]+)?")


def bigrams(text: str) -> str:
    """The index form of ``text``: Chinese runs as overlapping bigrams, other runs as words."""
    out: list[str] = []
    for run in _RUN.findall(text):
        if "\u3400" <= run[0] <= "\u9fff":
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(map(str.__add__, run, run[1:]))
        else:
            out.append(run.lower())
    return " ".join(out)


def terms(query: str) -> list[str]:
    """The query's terms: quoted phrases and space-separated words."""
    found = re.findall(r'"([^"]+)"|(\S+)', query)
    return [(a or b).strip() for a, b in found if (a or b).strip()]


def match_query(query: str) -> str | None:
    """An FTS5 MATCH expression: every bigram of every term must occur. (The index keeps no
    positions, which makes it much faster to build; that the bigrams stand together as the term
    is checked on the text of each candidate.)"""
    tokens = []
    for term in terms(query):
        tokens.extend(t for t in bigrams(term).split() if t not in tokens)
    return " AND ".join('"' + t.replace('"', "") + '"' for t in tokens) if tokens else None


def needs_scan(query: str) -> bool:
    """A one-character Chinese term has no bigram in the index."""
    return any(len(t) == 1 and "\u3400" <= t <= "\u9fff" for t in terms(query))


def density(text: str, words: list[str]) -> float:
    """Occurrences of ``words`` per thousand characters of ``text``: the score of a scanned query."""
    return 1000.0 * sum(text.count(w) for w in words) / max(len(text), 1)


def snippet(text: str, query: str, width: int = 36, mark: tuple[str, str] = ("【", "】")) -> str:
    """A window of ``text`` around the first occurrence of a query term, the terms marked."""
    words = [t for t in terms(query) if t]
    hits = [(text.find(w), w) for w in words if text.find(w) >= 0]
    if not hits:
        return text[: width * 2].replace("\n", " ")
    at, word = min(hits)
    lo = max(0, at - width)
    hi = min(len(text), at + len(word) + width)
    window = text[lo:hi].replace("\n", " ")
    for w in sorted(set(words), key=len, reverse=True):
        window = window.replace(w, f"{mark[0]}{w}{mark[1]}")
    return ("…" if lo else "") + window + ("…" if hi < len(text) else "")
