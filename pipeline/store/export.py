"""``govreply export``: the relational tables of an output folder as Parquet or CSV files.

Each table of the schema (``letters``, ``entities``, ``organizations``, ``money``, ``dates``,
``targets`` …) becomes one file, typed from the PostgreSQL DDL (``postgres.sql``, the schema's
typed form): ``NUMERIC`` as exact decimals, ``DATE`` as dates, ``BOOLEAN`` as booleans,
``INTEGER``/``BIGINT`` as integers, ``JSONB`` and ``TEXT`` as strings. The rows are the ones
``govreply run`` puts in the database (:mod:`.rows`), read from ``letters.jsonl``, so a folder
written with ``--no-db`` exports the same. Tables are written in batches: memory holds one batch
per table, not the corpus.

pyarrow is an optional install (``pip install 'govreply[export]'``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from . import chunked
from .rows import COLUMNS, LetterRows, letter_rows, parse_line

FORMATS = ("parquet", "csv")
#: the exact decimals' type: 38 digits, 6 after the point (amounts are yuan, 分 is 0.01)
DECIMAL_SCALE = 6
_BATCH = 2000  # letters per written batch
_DDL = Path(__file__).with_name("postgres.sql")


class ExportError(Exception):
    """The export cannot be made (no pyarrow, no letters.jsonl)."""


def export(out_dir: Path, fmt: str, to_dir: Path | None = None,
           transform: Callable[[dict], dict] | None = None) -> dict[str, int]:
    """Write one file per table of ``out_dir/letters.jsonl`` into ``to_dir`` (default
    ``out_dir/export``); ``transform`` rewrites each record's data first (redaction). Returns
    the rows written per table."""
    pa, writers = _pyarrow(fmt)
    source = Path(out_dir) / "letters.jsonl"
    if not source.is_file():
        raise ExportError(f"{source} not found: run `govreply run DIR --out {out_dir}` first")
    to_dir = Path(to_dir) if to_dir is not None else Path(out_dir) / "export"
    to_dir.mkdir(parents=True, exist_ok=True)
    schemas = {table: arrow_schema(table) for table in (*COLUMNS, "organizations")}
    counts = dict.fromkeys(schemas, 0)
    org_ids: dict[str, int] = {}
    open_writers = {}
    try:
        for batch in chunked(_rows(source, transform), _BATCH):
            tables = _table_rows(batch, org_ids)
            for table, rows in tables.items():
                if table not in open_writers:
                    open_writers[table] = writers(to_dir / f"{table}.{fmt}", schemas[table])
                open_writers[table].write(_arrow_table(pa, schemas[table], rows))
                counts[table] += len(rows)
        for table, schema in schemas.items():  # a table no letter had rows for is written empty
            if table not in open_writers:
                open_writers[table] = writers(to_dir / f"{table}.{fmt}", schema)
    finally:
        for writer in open_writers.values():
            writer.close()
    return counts


def _rows(source: Path, transform) -> Iterator[LetterRows]:
    """The rows of each record of ``source``, the record rewritten by ``transform`` first."""
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                data, digest = parse_line(line)
                yield letter_rows(data, digest) if transform is None else letter_rows(transform(data))


def _table_rows(batch: list, org_ids: dict[str, int]) -> dict[str, list[tuple]]:
    """The rows of a batch of letters per table; organizations get ids in order of first mention."""
    tables: dict[str, list[tuple]] = {table: [] for table in (*COLUMNS, "organizations")}
    for letter in batch:
        for table, rows in letter.rows.items():
            if table == "org_mentions":
                continue
            tables[table].extend(rows)
        for name, row in zip(letter.org_names, letter.rows.get("org_mentions", [])):
            if name not in org_ids:
                org_ids[name] = len(org_ids) + 1
                tables["organizations"].append((org_ids[name], name))
            tables["org_mentions"].append((row[0], row[1], org_ids[name], *row[3:]))
    return tables


# -- types ------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def ddl_types() -> dict[str, dict[str, str]]:
    """table -> column -> its SQL type in ``postgres.sql`` (the first word: TEXT, NUMERIC, DATE …)."""
    ddl = _DDL.read_text(encoding="utf-8")
    types: dict[str, dict[str, str]] = {}
    for m in re.finditer(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", ddl, re.S):
        columns = {}
        for line in m.group(2).splitlines():
            col = re.match(r"\s+(\w+)\s+([A-Z]+)", line)
            if col and col.group(1) not in ("PRIMARY", "FOREIGN", "UNIQUE", "CHECK", "CONSTRAINT"):
                columns[col.group(1)] = col.group(2)
        types[m.group(1)] = columns
    return types


def arrow_schema(table: str):
    """The pyarrow schema of ``table``: its columns in the rows' order, typed from the DDL."""
    import pyarrow as pa

    sql = ddl_types()[table]
    columns = COLUMNS[table] if table in COLUMNS else tuple(sql)
    return pa.schema([pa.field(name, _arrow_type(pa, sql[name])) for name in columns])


def _arrow_type(pa, sql: str):
    return {
        "TEXT": pa.string(), "JSONB": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
        "NUMERIC": pa.decimal128(38, DECIMAL_SCALE), "DATE": pa.date32(), "BOOLEAN": pa.bool_(),
    }[sql]


def _arrow_table(pa, schema, rows: list[tuple]):
    columns = []
    for k, field in enumerate(schema):
        convert = _converter(pa, field.type)
        values = [row[k] for row in rows]
        if convert is not None:
            values = [None if v is None else convert(v) for v in values]
        columns.append(pa.array(values, type=field.type))
    return pa.Table.from_arrays(columns, schema=schema)


def _converter(pa, arrow_type) -> Callable | None:
    if pa.types.is_decimal(arrow_type):
        return _decimal
    if pa.types.is_date(arrow_type):
        return _date
    if pa.types.is_boolean(arrow_type):
        return bool
    if pa.types.is_integer(arrow_type):
        return int
    return None


def _decimal(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-DECIMAL_SCALE))


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


# -- writers ----------------------------------------------------------------------------------
def _pyarrow(fmt: str):
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("export needs pyarrow: pip install 'govreply[export]'") from exc

    def writers(path: Path, schema):
        if fmt == "parquet":
            return pq.ParquetWriter(path, schema, compression="zstd")
        return pacsv.CSVWriter(path, schema)

    return pa, writers
