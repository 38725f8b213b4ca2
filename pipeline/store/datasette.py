"""Datasette metadata for ``letters.db``: ``datasette out/letters.db -m out/metadata.yml``.

Written by ``govreply run`` beside the database (and by ``govreply datasette OUT_DIR``):

* table and column descriptions: the tables' from :data:`TABLES`, the columns' from the comments
  of ``sqlite.sql`` (one place to document a column);
* facets on ``letters`` (sender, year, category, proposal kind, meeting place);
* the README's six questions as canned queries, and ``search_letters``, the full-text search a
  person uses in Datasette. Datasette's own ``_search`` hands the query to FTS5 unsplit, and the
  ``search`` index holds character bigrams (``store/fts.py``), so ``_search=污水处理`` would find
  nothing; the canned query splits a Chinese phrase into its bigrams itself (a recursive CTE),
  uses the index to find candidates, keeps the letters whose text holds the whole phrase, and
  shows the letters' real columns with the text around the first hit. A phrase of one character,
  or one holding Latin letters or digits, is found by a scan of the texts. The bigram table is
  hidden.

The file is YAML (Datasette's usual form), written without a YAML library: block scalars for
SQL, JSON-quoted strings otherwise.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from . import read_sql
from .questions import questions

#: what each table holds, for Datasette's table pages
TABLES = {
    "letters": "One row per reply letter: its fields (title, 发文字号, category, meeting, proposal, "
               "addressee, subject, sender, date, contact) and its normalized text.",
    "sources": "The input file(s) each letter was read from.",
    "sections": "The body's section tree (一、/（一）/1.), with offsets into letters.text.",
    "entities": "Every mention found (money, date, org, target, doc number, law, percent, phone) with "
                "offsets into letters.text and its normalized value as JSON.",
    "money": "Amounts of money, in yuan as exact decimals (ranges as min/max, rates with per).",
    "dates": "Dates, normalized: ISO value, precision and the interval covered.",
    "organizations": "Organizations by canonical name (金华市经济和信息化局 for 市经信局).",
    "org_mentions": "Which organization each org entity names, and whether it was resolved.",
    "targets": "Quantified commitments: metric, amount, unit, comparator and deadline.",
    "laws": "Laws, regulations and documents cited, and their abbreviations resolved.",
    "cc": "抄送/抄报 recipients in the letter's order.",
    "errors": "Inputs that could not become a letter, with a stable error code.",
}
FACETS = ["sender", "year", "category", "proposal_kind", "meeting_place"]

SEARCH_SQL = """\
WITH RECURSIVE
  q(phrase) AS (SELECT trim(:q)),
  n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n, q WHERE i < length(q.phrase) - 1),
  chinese(yes) AS (SELECT length(phrase) >= 2 AND phrase NOT GLOB '*[^一-鿿]*' FROM q),
  candidates(rowid) AS (
    SELECT search.rowid FROM search
    WHERE (SELECT yes FROM chinese) AND search MATCH
      (SELECT group_concat('"' || substr(q.phrase, n.i, 2) || '"', ' AND ') FROM n, q)
    UNION ALL
    SELECT letters.rowid FROM letters WHERE NOT (SELECT yes FROM chinese)
  )
SELECT l.id, l.title, l.sender, l.date, l.category,
       (length(l.text) - length(replace(l.text, q.phrase, ''))) / length(q.phrase) AS hits,
       substr(l.text, max(1, instr(l.text, q.phrase) - 40), length(q.phrase) + 80) AS context
FROM letters l JOIN candidates c ON c.rowid = l.rowid, q
WHERE length(q.phrase) > 0 AND instr(l.text, q.phrase) > 0
ORDER BY hits DESC, l.date DESC, l.id
LIMIT 200"""


def metadata(title: str = "govreply: reply letters as data") -> dict:
    """The metadata as data (the database is named ``letters`` after ``letters.db``)."""
    comments = column_comments()
    tables: dict[str, dict] = {}
    for table, description in TABLES.items():
        entry: dict = {"description": description}
        columns = {col: text for col, text in comments.get(table, {}).items() if text}
        if columns:
            entry["columns"] = columns
        tables[table] = entry
    tables["letters"].update({"facets": FACETS, "sort_desc": "date", "label_column": "title"})
    tables["search"] = {"hidden": True}
    queries = {"search_letters": {
        "title": "Full-text search 全文检索",
        "description": "Letters whose text holds the phrase (Chinese of any length, or any other "
                       "text), with the text around its first occurrence; most hits first.",
        "sql": SEARCH_SQL,
    }}
    for name, sql in questions().items():
        queries[name] = {"title": _question_title(name), "sql": sql}
    return {
        "title": title,
        "description": "Chinese government reply letters (答复函) turned into data by govreply. "
                       "Use the canned query search_letters for full-text search.",
        "databases": {"letters": {"tables": tables, "queries": queries}},
    }


def metadata_yaml() -> str:
    return to_yaml(metadata())


@lru_cache(maxsize=1)
def column_comments() -> dict[str, dict[str, str]]:
    """table -> column -> the ``--`` comment after it in ``sqlite.sql`` ("" when none)."""
    found: dict[str, dict[str, str]] = {}
    for m in re.finditer(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", read_sql("sqlite.sql"), re.S):
        columns = {}
        for line in m.group(2).splitlines():
            col = re.match(r"\s+(\w+)\s+[A-Z]+[^-]*(?:--\s*(.*))?$", line)
            if col and col.group(1) not in ("PRIMARY", "FOREIGN", "UNIQUE", "CHECK"):
                columns[col.group(1)] = (col.group(2) or "").strip()
        found[m.group(1)] = columns
    return found


def _question_title(name: str) -> str:
    """The question's first comment line in questions.sql, or its name."""
    text = read_sql("questions.sql")
    m = re.search(rf"^-- name: {re.escape(name)}\n-- (.+)$", text, re.M)
    return m.group(1) if m else name.replace("_", " ")


def to_yaml(value, indent: int = 0) -> str:
    """YAML for dicts, lists, strings, numbers and booleans: multi-line strings as ``|`` blocks."""
    pad = "  " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            key = key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else _scalar(key)
            lines.append(_entry(f"{pad}{key}:", item, indent))
    elif isinstance(value, list):
        for item in value:
            lines.append(_entry(f"{pad}-", item, indent))
    return "\n".join(lines) + ("\n" if indent == 0 else "")


def _entry(head: str, item, indent: int) -> str:
    if isinstance(item, (dict, list)) and item:
        return head + "\n" + to_yaml(item, indent + 1)
    if isinstance(item, str) and "\n" in item:
        body = "\n".join(("  " * (indent + 1) + line) if line else "" for line in item.splitlines())
        return f"{head} |-\n{body}"
    return f"{head} {_scalar(item)}"


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(str(value), ensure_ascii=False)  # a double-quoted YAML scalar
