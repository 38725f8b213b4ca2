"""PostgreSQL store: ``govreply load --db postgresql://…`` loads letters.jsonl into the schema of
``schemas/postgres.sql`` (created when missing).

Records go in batches, each batch in its own transaction, as upserts by record id: a letter
whose record hash is unchanged is skipped, a changed one has its rows replaced. A load can be
re-run (or resumed after a failure) safely; loading the same JSONL twice changes nothing.
Amounts are exact ``NUMERIC``, dates ``DATE``, records ``JSONB``.
"""

from __future__ import annotations

from typing import Iterable

from . import read_sql
from .rows import CHILD_TABLES, COLUMNS, LetterRows, rows_of



def schema_sql() -> str:
    """The DDL (``schemas/postgres.sql`` links to it)."""
    return read_sql("postgres.sql")


def connect(dsn: str):
    import psycopg

    return psycopg.connect(dsn, autocommit=False)


def load_postgres(dsn: str, records: Iterable[str | dict], errors: Iterable[dict] = (), batch_size: int = 500,
                  progress=None) -> dict[str, int]:
    """Upsert ``records`` (JSONL lines, or JSON-ready dicts) and ``errors``; returns counts of
    inserted, replaced and unchanged letters."""
    counts = {"inserted": 0, "replaced": 0, "unchanged": 0, "errors": 0}
    with connect(dsn) as con:
        with con.transaction():
            con.execute(schema_sql())
        batch: list[LetterRows] = []
        seen: set[str] = set()
        for data in records:
            rows = rows_of(data)
            if rows.id in seen:
                _upsert_sources(con, [rows])
                continue
            seen.add(rows.id)
            batch.append(rows)
            if len(batch) >= batch_size:
                _load_batch(con, batch, counts)
                if progress:
                    progress(len(batch))
                batch = []
        _load_batch(con, batch, counts)
        if progress and batch:
            progress(len(batch))
        error_rows = [(e["path"], e["code"], e["message"], e.get("sha256")) for e in errors]
        with con.transaction():
            with con.cursor() as cur:
                cur.executemany("INSERT INTO errors VALUES (%s,%s,%s,%s) ON CONFLICT (path) DO UPDATE SET "
                                "code = EXCLUDED.code, message = EXCLUDED.message, sha256 = EXCLUDED.sha256",
                                error_rows)
        counts["errors"] = len(error_rows)
    return counts


def _load_batch(con, batch: list[LetterRows], counts: dict[str, int]) -> None:
    if not batch:
        return
    with con.transaction():
        with con.cursor() as cur:
            ids = [b.id for b in batch]
            cur.execute("SELECT id, record_hash FROM letters WHERE id = ANY(%s)", (ids,))
            existing = dict(cur.fetchall())
            fresh = [b for b in batch if existing.get(b.id) != b.record_hash]
            counts["unchanged"] += len(batch) - len(fresh)
            stale = [b.id for b in fresh if b.id in existing]
            counts["replaced"] += len(stale)
            counts["inserted"] += len(fresh) - len(stale)
            if stale:
                for table in CHILD_TABLES:
                    cur.execute(f"DELETE FROM {table} WHERE letter_id = ANY(%s)", (stale,))
                cur.execute("DELETE FROM letters WHERE id = ANY(%s)", (stale,))
            for table in ("letters", "sections", "entities", "money", "dates", "targets", "laws", "cc"):
                rows = [r for b in fresh for r in b.rows[table]]
                if rows:
                    marks = ",".join(["%s"] * len(COLUMNS[table]))
                    cur.executemany(f"INSERT INTO {table} ({','.join(COLUMNS[table])}) VALUES ({marks})", rows)
            names = sorted({n for b in fresh for n in b.org_names})
            if names:
                cur.executemany("INSERT INTO organizations (name) VALUES (%s) ON CONFLICT (name) DO NOTHING",
                                [(n,) for n in names])
                cur.execute("SELECT name, id FROM organizations WHERE name = ANY(%s)", (names,))
                org_ids = dict(cur.fetchall())
                mentions = [(r[0], r[1], org_ids[n], r[3], r[4]) for b in fresh
                            for r, n in zip(b.rows["org_mentions"], b.org_names)]
                cur.executemany("INSERT INTO org_mentions (letter_id, idx, org_id, resolved, source) "
                                "VALUES (%s,%s,%s,%s,%s)", mentions)
        _upsert_sources(con, batch)


def _upsert_sources(con, batch: list[LetterRows]) -> None:
    with con.cursor() as cur:
        cur.executemany("INSERT INTO sources VALUES (%s,%s,%s,%s,%s) ON CONFLICT (path) DO UPDATE SET "
                        "letter_id = EXCLUDED.letter_id, sha256 = EXCLUDED.sha256, format = EXCLUDED.format, "
                        "encoding = EXCLUDED.encoding", [r for b in batch for r in b.rows["sources"]])


def query(dsn: str, sql: str) -> tuple[list[str], list[tuple]]:
    """Run ``sql`` in a read-only transaction; returns the column names and the rows."""
    with connect(dsn) as con:
        con.execute("SET TRANSACTION READ ONLY")
        cur = con.execute(sql)
        columns = [d.name for d in cur.description or []]
        rows = cur.fetchall()
        con.rollback()
    return columns, rows
