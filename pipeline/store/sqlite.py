"""SQLite store: the relational schema of ``schemas/sqlite.sql``, kept in step with letters.jsonl.

``write_sqlite`` upserts by record id inside one transaction: a letter whose record is unchanged
is left alone, a changed one is replaced (its child rows and search rows with it), a letter no
longer in the run is deleted. Loading the same records twice leaves the database unchanged. A
database of an older layout is rebuilt (in a temporary file, then renamed into place).

``search`` is Chinese full-text search (``store/fts.py``); ``query`` runs read-only SQL.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator

from ..models import ErrorRecord, LetterRecord
from ..values import json_number
from ..workers import die_with_parent
from . import chunked, read_sql
from .fts import bigrams, density, match_query, needs_scan, snippet, terms
from .jsonl import publish
from .rows import CHILD_TABLES, COLUMNS, ROW_TABLES, LetterRows, letter_rows, parse_line, source_row

#: bumped whenever the DDL changes: an older database is rebuilt
DB_VERSION = 10
_BATCH = 500

sqlite3.register_adapter(Decimal, json_number)


def schema_sql() -> str:
    """The DDL (``schemas/sqlite.sql`` links to it)."""
    return read_sql("sqlite.sql")


def write_sqlite(path: Path, records: Iterable[LetterRecord | dict], errors: Iterable[ErrorRecord] = (),
                 mode: str = "mirror") -> None:
    """Upsert ``records`` and ``errors`` into the database at ``path`` by record id (and errors by
    path). ``mode="mirror"`` also deletes the letters, sources and errors that are not given (the
    database then holds exactly these); ``"append"`` keeps them."""
    if mode not in ("mirror", "append"):
        raise ValueError(f"mode is mirror or append, not {mode!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and _db_version(path) == DB_VERSION:
        con = _connect(path)
        try:
            _sync(con, records, errors, mode == "mirror")
        finally:
            con.close()
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        # a fresh file, renamed into place when complete: no journal, indexes built after the rows
        con = _connect(Path(tmp), indexes=False)
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "foreign_keys = OFF", "temp_store = MEMORY",
                       "cache_size = -200000", "locking_mode = EXCLUSIVE"):
            con.execute(f"PRAGMA {pragma}")
        try:
            _sync(con, records, errors, mode == "mirror")
            con.executescript(schema_sql())  # now the indexes
        finally:
            con.close()
        publish(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _connect(path: Path, indexes: bool = True) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    ddl = schema_sql()
    if not indexes:
        ddl = "\n".join(line for line in ddl.splitlines() if not line.startswith("CREATE INDEX"))
    con.executescript(ddl)
    con.execute(f"PRAGMA user_version = {DB_VERSION}")
    return con


def _db_version(path: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("PRAGMA user_version").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return -1


def _sync(con: sqlite3.Connection, records: Iterable[LetterRecord | dict], errors: Iterable[ErrorRecord],
          mirror: bool) -> None:
    con.execute("BEGIN")
    try:
        existing = dict(con.execute("SELECT id, record_hash FROM letters"))
        orgs = {name: oid for oid, name in con.execute("SELECT id, name FROM organizations")}
        prepared = _Prepared(records, existing)
        for batch in prepared:  # rows are built in a thread while SQLite inserts the previous batch
            for rows, _ in batch:
                if rows.id in existing:
                    _delete_letter(con, rows.id)
            _insert(con, batch, orgs)
        errors = sorted((e.path, e.code, e.message, e.sha256) for e in errors)
        if mirror:
            for gone in set(existing) - prepared.wanted:
                _delete_letter(con, gone)
            con.execute("DELETE FROM sources")
            con.execute("DELETE FROM errors")
        else:  # a path is a record or an error, whichever it became last
            con.executemany("DELETE FROM errors WHERE path = ?", [(path,) for path in prepared.sources])
            con.executemany("DELETE FROM sources WHERE path = ?", [(e[0],) for e in errors])
        con.executemany("INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?)", sorted(prepared.sources.values()))
        con.execute("DELETE FROM organizations WHERE id NOT IN (SELECT org_id FROM org_mentions)")
        con.executemany("INSERT OR REPLACE INTO errors VALUES (?,?,?,?)", errors)
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:  # SQLite may have rolled back itself (a full disk): keep the real error
            con.execute("ROLLBACK")
        raise


class _Prepared:
    """Batches of (rows, search body) for the letters that are new or changed. The Python work
    (rows, bigrams) runs in a worker process while SQLite inserts the previous batch; records
    are JSONL lines (hashed as they are), dicts, or models."""

    def __init__(self, records: Iterable[str | dict | LetterRecord], existing: dict[str, str]):
        self.records, self.existing = records, existing
        self.wanted: set[str] = set()
        self.sources: dict[str, tuple] = {}

    def __iter__(self) -> Iterator[list[tuple[LetterRows, str]]]:
        chunks_in = chunked((r.model_dump(mode="json") if isinstance(r, LetterRecord) else r for r in self.records),
                             _BATCH)
        first = next(chunks_in, None)
        if first is None:
            return
        second = next(chunks_in, None)
        if second is None:  # one batch: no worker process worth starting
            yield self._keep(_prepare_chunk(first, self.existing))
            return
        from concurrent.futures import ProcessPoolExecutor
        import multiprocessing

        context = multiprocessing.get_context("spawn" if os.name == "nt" else "fork")
        with ProcessPoolExecutor(max_workers=max(1, min(2, (os.cpu_count() or 2) - 1)), mp_context=context,
                                 initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            pending = [pool.submit(_prepare_chunk, first, self.existing),
                       pool.submit(_prepare_chunk, second, self.existing)]
            for chunk in chunks_in:
                done = pending.pop(0)
                pending.append(pool.submit(_prepare_chunk, chunk, self.existing))
                yield self._keep(done.result())
            for done in pending:
                yield self._keep(done.result())

    def _keep(self, prepared: list[tuple[LetterRows, str | None]]) -> list[tuple[LetterRows, str]]:
        kept = []
        for rows, body in prepared:
            for src in rows.rows["sources"]:
                self.sources.setdefault(src[0], src)
            if rows.id in self.wanted:
                continue  # the same letter again (an identical copy under another path)
            self.wanted.add(rows.id)
            if body is not None:
                kept.append((rows, body))
        return kept


def _prepare_chunk(records: list, existing: dict[str, str]) -> list[tuple[LetterRows, str | None]]:
    """Rows for each record, and its search body unless the letter is unchanged (None)."""
    out = []
    for record in records:
        if isinstance(record, str):
            data, record_hash = parse_line(record)
            if existing.get(data["id"]) == record_hash:  # unchanged: only its source is needed
                out.append((LetterRows(data["id"], record_hash, {"sources": [source_row(data)]}), None))
                continue
            rows = letter_rows(data, record_hash)
        else:
            rows = letter_rows(record)
        if existing.get(rows.id) == rows.record_hash:
            out.append((rows, None))
            continue
        letter = rows.rows["letters"][0]
        out.append((rows, bigrams((letter[_TITLE_AT] or "") + "\n" + letter[_TEXT_AT])))
    return out


_TEXT_AT, _TITLE_AT = COLUMNS["letters"].index("text"), COLUMNS["letters"].index("title")


def _delete_letter(con: sqlite3.Connection, letter_id: str) -> None:
    for table in CHILD_TABLES:
        con.execute(f"DELETE FROM {table} WHERE letter_id = ?", (letter_id,))
    con.execute("DELETE FROM search WHERE rowid = (SELECT rowid FROM letters WHERE id = ?)", (letter_id,))
    con.execute("DELETE FROM letters WHERE id = ?", (letter_id,))


def _insert(con: sqlite3.Connection, batch: list[tuple[LetterRows, str]], orgs: dict[str, int]) -> None:
    if not batch:
        return
    for table in ROW_TABLES:
        marks = ",".join("?" * len(COLUMNS[table]))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", [r for b, _ in batch for r in b.rows[table]])
    mentions = []
    for b, _ in batch:
        for row, name in zip(b.rows["org_mentions"], b.org_names):
            if name not in orgs:
                orgs[name] = con.execute("INSERT INTO organizations (name) VALUES (?)", (name,)).lastrowid
            mentions.append((row[0], row[1], orgs[name], row[3], row[4]))
    con.executemany("INSERT INTO org_mentions VALUES (?,?,?,?,?)", mentions)
    rowids = dict(con.execute(f"SELECT id, rowid FROM letters WHERE id IN ({','.join('?' * len(batch))})",
                              [b.id for b, _ in batch]))
    con.executemany("INSERT INTO search (rowid, body) VALUES (?, ?)", [(rowids[b.id], body) for b, body in batch])


# -- reading --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    letter_id: str
    score: float
    title: str | None
    sender: str | None
    date: str | None
    section_id: str
    snippet: str


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write: the file opened read-only (``mode=ro``), ``query_only`` on,
    and an authorizer that allows reading only (no ATTACH, which would create files elsewhere)."""
    if not Path(path).exists():
        raise FileNotFoundError(f"no database at {path}: run `govreply run` first")
    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    con.execute("PRAGMA query_only = ON")
    con.set_authorizer(_reads_only)
    return con


_READS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}


def _reads_only(action: int, arg1, arg2, db_name, trigger) -> int:
    """The authorizer of a read-only connection: reading, and pragmas that only read (no value).
    FTS5 prepares (never runs) an UPDATE of sqlite_master when it opens its table; the read-only
    file refuses it anyway."""
    if action in _READS or (action == sqlite3.SQLITE_PRAGMA and arg2 is None) or (
            action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master"):
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def search(path: Path, query: str, limit: int = 10, mark: tuple[str, str] = ("【", "】")) -> list[Hit]:
    """Letters holding every term of ``query``, best first (BM25), each with a snippet from the
    section where the terms stand."""
    words = terms(query)
    expression = match_query(query)
    if not words or expression is None:
        return []
    con = connect_readonly(path)
    try:
        if needs_scan(query):  # a one-character term: every letter is a candidate, ranked by density
            rows = [(lid, text, None) for lid, text in con.execute("SELECT id, text FROM letters")]
        else:
            rows = con.execute("SELECT l.id, l.text, bm25(search) FROM search JOIN letters l ON l.rowid = search.rowid "
                               "WHERE search MATCH ? ORDER BY bm25(search)", (expression,)).fetchall()
        found = []
        for letter_id, text, score in rows:
            if not all(w in text for w in words):
                continue  # the bigrams are there but not as the whole term
            found.append((score if score is not None else -density(text, words), letter_id, text))
        found.sort(key=lambda f: (f[0], f[1]))
        hits = []
        for score, letter_id, text in found[:limit]:
            title, sender, date = con.execute("SELECT title, sender, date FROM letters WHERE id = ?",
                                              (letter_id,)).fetchone()
            at = min(text.find(w) for w in words)
            section = con.execute("SELECT section_id, start_offset, end_offset FROM sections WHERE letter_id = ? "
                                  "AND start_offset <= ? AND ? < end_offset ORDER BY level DESC LIMIT 1",
                                  (letter_id, at, at)).fetchone()
            section_id, start, end = section if section else ("", 0, len(text))
            hits.append(Hit(letter_id, round(score, 4), title, sender, date, section_id,
                            snippet(text[start:end], query, mark=mark)))
        return hits
    finally:
        con.close()


def query(path: Path, sql: str, timeout: float | None = 30) -> tuple[list[str], Iterator[tuple]]:
    """Run one read-only SQL statement; returns the column names and the rows, streamed. The statement
    is interrupted after ``timeout`` seconds (``sqlite3.OperationalError: interrupted``) however
    its rows are being read; the connection closes when the rows end or are dropped."""
    stream = _stream(path, sql, timeout)
    return next(stream), stream


def _stream(path: Path, sql: str, timeout: float | None) -> Iterator:
    con = connect_readonly(path)
    try:
        if timeout:
            deadline = time.monotonic() + timeout
            con.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        cursor = con.execute(sql)
        yield [d[0] for d in cursor.description or []]
        yield from cursor
    finally:
        con.close()
