"""Stores: JSONL, the work cache, SQLite (with search) and PostgreSQL. All writes are atomic.

The SQL files (the DDL of both databases and the example questions) live here, in the package;
``schemas/`` links to them.
"""

from __future__ import annotations

from importlib import resources


def read_sql(name: str) -> str:
    """One of the package's SQL files: sqlite.sql, postgres.sql, questions.sql."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
