"""Stores: JSONL, the work cache, SQLite (with search), PostgreSQL, Parquet/CSV export and Datasette's
metadata. All writes are atomic.

The SQL files (the DDL of both databases and the example questions) live here, in the package;
``schemas/`` links to them.
"""

from __future__ import annotations

from importlib import resources
from typing import Iterable, Iterator


def read_sql(name: str) -> str:
    """One of the package's SQL files: sqlite.sql, postgres.sql, questions.sql."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
