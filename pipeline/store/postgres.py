"""PostgreSQL store: ``govreply load --db postgresql://…`` loads letters.jsonl into the schema of
``schemas/postgres.sql`` (created when missing).

Records go in batches, each batch in its own transaction, as upserts by record id: a letter
whose record hash is unchanged is skipped, a changed one has its rows replaced. A load can be
re-run (or resumed after a failure) safely; loading the same JSONL twice changes nothing.
Amounts are exact ``NUMERIC``, dates ``DATE``, records ``JSONB``.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterable, Iterator

from ..errors import DatabaseError, Failure, QueryError
from . import read_sql
from .rows import CHILD_TABLES, COLUMNS, ROW_TABLES, LetterRows, rows_of

#: rows fetched from the server at a time by ``query`` (memory stays flat however many rows)
FETCH = 1000

def schema_sql() -> str:
    """The DDL (``schemas/postgres.sql`` links to it)."""
    return read_sql("postgres.sql")


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


_SECRETS = (re.compile(r"^[a-z]+://[^:/@?]*:([^@/?]*)@", re.I), re.compile(r"[?&]password=([^&]*)", re.I),
            re.compile(r"\bpassword\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", re.I))


def mask_dsn(dsn: str) -> str:
    """The DSN with its password shown as ``***``: the only form of a DSN that any message shows.

    >>> mask_dsn("postgresql://govreply:s%40cret@db.example.org/govreply")
    'postgresql://govreply:***@db.example.org/govreply'
    >>> mask_dsn("host=db password='a b' user=u")
    'host=db password=*** user=u'
    """
    for pattern in _SECRETS:
        dsn = pattern.sub(lambda m: m.group(0).replace(m.group(1), "***"), dsn)
    return dsn


def redact(message: str, dsn: str) -> str:
    """``message`` with the DSN's password removed in every form it could be echoed in."""
    from urllib.parse import unquote

    for pattern in _SECRETS:
        for match in pattern.finditer(dsn):
            secret = match.group(1).strip("'")
            for form in {secret, unquote(secret)}:
                if form:
                    message = message.replace(form, "***")
    return message


@contextmanager
def connect(dsn: str, read_only: bool = False, timeout: float | None = None):
    """A psycopg connection; connection errors become :class:`DatabaseError` without the password.
    ``read_only`` makes the session itself read-only (every transaction of it, whatever a statement
    says); ``timeout`` sets ``statement_timeout``."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    try:
        params = conninfo_to_dict(dsn)
        options = [params.pop("options", "")]
        if read_only:
            options.append("-c default_transaction_read_only=on")
        if timeout:
            options.append(f"-c statement_timeout={int(timeout * 1000)}")
        con = psycopg.connect(**params, options=" ".join(filter(None, options)), autocommit=False)
    except psycopg.Error as exc:
        raise DatabaseError(f"cannot connect to {mask_dsn(dsn)}: {redact(str(exc).strip(), dsn)}") from exc
    try:
        with con:
            if read_only:
                con.read_only = True
            yield con
    except psycopg.Error as exc:
        said = redact(str(exc).strip(), dsn)
        if isinstance(exc, psycopg.OperationalError) and (con.broken or exc.sqlstate is None):
            raise DatabaseError(f"lost the connection to {mask_dsn(dsn)}: {said}") from exc
        raise Failure(f"{mask_dsn(dsn)}: {said}") from exc


def load_postgres(dsn: str, records: Iterable[str | dict], errors: Iterable[dict] = (), batch_size: int = 500,
                  progress=None, mode: str = "append") -> dict[str, int]:
    """Upsert ``records`` (JSONL lines, or JSON-ready dicts) and ``errors``; returns counts of
    inserted, replaced, unchanged and (``mode="mirror"``) deleted letters. ``"append"`` keeps the
    letters already there; ``"mirror"`` then deletes those not given, so the database holds exactly
    these (the same two modes as ``write_sqlite``)."""
    if mode not in ("mirror", "append"):
        raise ValueError(f"mode is mirror or append, not {mode!r}")
    counts = {"inserted": 0, "replaced": 0, "unchanged": 0, "deleted": 0, "errors": 0}
    with connect(dsn) as con:
        with con.transaction():
            con.execute(schema_sql())
        batch: list[LetterRows] = []
        seen: set[str] = set()
        paths: set[str] = set()
        for data in records:
            rows = rows_of(data)
            paths.update(src[0] for src in rows.rows["sources"])
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
                # a path is a record or an error, whichever it became last
                cur.execute("DELETE FROM errors WHERE path = ANY(%s)", (sorted(paths),))
                cur.execute("DELETE FROM sources WHERE path = ANY(%s)", ([e[0] for e in error_rows],))
                cur.executemany("INSERT INTO errors VALUES (%s,%s,%s,%s) ON CONFLICT (path) DO UPDATE SET "
                                "code = EXCLUDED.code, message = EXCLUDED.message, sha256 = EXCLUDED.sha256",
                                error_rows)
                if mode == "mirror":
                    counts["deleted"] = _keep_only(cur, seen, paths, {e[0] for e in error_rows})
        counts["errors"] = len(error_rows)
    return counts


def _keep_only(cur, letter_ids: set[str], paths: set[str], error_paths: set[str]) -> int:
    """Delete the letters, sources and errors not in these sets; returns how many letters went."""
    cur.execute("SELECT id FROM letters WHERE NOT (id = ANY(%s))", (sorted(letter_ids),))
    gone = [row[0] for row in cur.fetchall()]
    if gone:
        for table in CHILD_TABLES:
            cur.execute(f"DELETE FROM {table} WHERE letter_id = ANY(%s)", (gone,))
    cur.execute("DELETE FROM sources WHERE NOT (path = ANY(%s))", (sorted(paths),))
    cur.execute("DELETE FROM letters WHERE id = ANY(%s)", (gone,))
    cur.execute("DELETE FROM errors WHERE NOT (path = ANY(%s))", (sorted(error_paths),))
    cur.execute("DELETE FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM org_mentions m WHERE m.org_id = o.id)")
    return len(gone)


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
            for table in ROW_TABLES:
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


def query(dsn: str, sql: str, timeout: float | None = 30) -> tuple[list[str], Iterator[tuple]]:
    """Run one read-only statement; returns the column names and the rows, streamed from a
    server-side cursor (``FETCH`` at a time). What stops a write is the database, not parsing: the
    session is read-only, and a cursor (``DECLARE … CURSOR FOR``) takes exactly one SELECT, WITH …
    SELECT (without data-modifying parts), VALUES or TABLE statement, so ``COMMIT; DELETE …``,
    ``COPY … TO`` and other commands are refused by the server. Ended after ``timeout`` seconds.
    A read-only role is the real boundary (README: *SQL*)."""
    stream = _stream(dsn, sql, timeout)
    return next(stream), stream


def _stream(dsn: str, sql: str, timeout: float | None) -> Iterator:
    """The column names, then the rows; the connection closes when the rows end or are dropped."""
    import psycopg

    with connect(dsn, read_only=True, timeout=timeout) as con:
        try:
            cur = con.cursor(name="govreply_query")
            cur.execute(sql)
            yield [d.name for d in cur.description or []]
            while batch := cur.fetchmany(FETCH):
                yield from batch
        except psycopg.Error as exc:
            raise _query_error(exc, dsn, timeout) from exc


def _query_error(exc, dsn: str, timeout: float | None) -> Exception:
    """What a person needs to know about a refused or failed query."""
    import psycopg

    said = redact(str(exc).strip().splitlines()[0], dsn)
    if isinstance(exc, psycopg.errors.QueryCanceled):
        return QueryError.timed_out(timeout)
    if isinstance(exc, psycopg.OperationalError) and exc.sqlstate is None:
        return DatabaseError(f"lost the connection to {mask_dsn(dsn)}: {said}")
    if exc.sqlstate in ("42601", "0A000", "25006"):  # not one query: several, or a command
        return QueryError("query runs exactly one read-only statement (SELECT, WITH … SELECT, VALUES or TABLE); "
                          f"the database refused this one: {said}")
    return QueryError(said)
