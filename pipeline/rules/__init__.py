"""Data files a domain person edits: org names, abbreviations, places, section cues, chrome.

Loaders read them once per process (cached); the files are plain UTF-8 text,
``#`` starts a comment line, TSV columns are separated by tabs.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip("\r") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def load_patterns(name: str) -> tuple[str, ...]:
    """One pattern or word a line."""
    return tuple(line.strip() for line in _lines(name))


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV file, each a tuple of stripped cells."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name))


@lru_cache(maxsize=None)
def load_sections(name: str) -> dict[str, tuple[str, ...]]:
    """A list file in ``[section]`` parts: section name (without brackets) -> its lines, in order;
    lines before the first section header are under ``""``."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in load_patterns(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
        else:
            sections[current].append(line)
    return {key: tuple(lines) for key, lines in sections.items()}


@lru_cache(maxsize=None)
def load_labels(kind: str) -> str:
    """Alternation of the label patterns of ``kind`` in ``letter_labels.tsv`` (``contact_phone`` …)."""
    return "|".join(f"(?:{p})" for k, p in load_table("letter_labels.tsv") if k == kind)
