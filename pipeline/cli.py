"""govreply: the command line. Each command parses its arguments and calls one API function."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from . import __version__
from .errors import Failure
from .read import Limits

segmenter_option = click.option("--segmenter", type=click.Choice(["jieba", "char", "pkuseg"]), default="jieba",
                                show_default=True, help="Word segmenter (see README: what each costs and gives).")
pkuseg_option = click.option("--pkuseg-model", type=click.Path(exists=True, file_okay=False),
                             help="Model folder for --segmenter pkuseg (spacy-pkuseg ships none).")


class _Commands(click.Group):
    """Every command's :class:`~pipeline.errors.Failure` becomes one line on stderr and the exit
    status the README documents (*Exit status*), never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Failure as exc:
            error = click.ClickException(exc.message)
            error.exit_code = exc.exit_code
            raise error from exc


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="govreply")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def main(quiet: bool) -> None:
    """Turn Chinese government reply letters (答复函) into validated records and a database."""
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def program() -> NoReturn:
    """``govreply`` as a program (the console script, ``python -m pipeline``): :func:`main`, then
    out of the process without the interpreter's teardown.

    Every command has written and closed its outputs when it returns. What the teardown would do
    then is free the objects the process built (places, the gazetteer, spaCy's vocabulary, rjieba's
    dictionary: 150,000 objects), which took 0.1-0.4 s of a 1.3-1.8 s run over one letter. Standard output
    and the log are flushed first; the exit status is the command's. (mypy leaves the same way.)
    """
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # sys.exit("message"), as the interpreter would print it
        code = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


redact_option = click.option("--redact", is_flag=True, help="Mask phone numbers, contact persons and the "
                                                            "deputies' names in every output (for publishing).")


@main.command()
@click.argument("input_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Output folder.")
@segmenter_option
@pkuseg_option
@click.option("--no-db", is_flag=True, help="Write JSONL only, no letters.db.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any input became an error.")
@click.option("--prune", is_flag=True, help="Drop the records of inputs that are no longer in INPUT_DIR.")
@click.option("--max-bytes", type=click.IntRange(1), default=Limits.max_bytes, show_default=True,
              help="Refuse larger input files (error too_large).")
@click.option("--max-chars", type=click.IntRange(1), default=Limits.max_chars, show_default=True,
              help="Refuse inputs whose text is longer.")
@click.option("--max-pages", type=click.IntRange(1), default=Limits.max_pages, show_default=True,
              help="Refuse PDFs and multi-page TIFFs with more pages.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Worker processes [default: all cores]; the output is the same for any number.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: local worker processes, or a Dask cluster.")
@click.option("--scheduler", help="With --executor dask: the scheduler's address (tcp://host:8786); "
                                  "without it a LocalCluster of --jobs workers is started.")
@click.option("--follow-symlinks", is_flag=True,
              help="Read links that lead outside INPUT_DIR (by default they are outside_input errors).")
@redact_option
def run(input_dir: Path, out_dir: Path, segmenter: str, pkuseg_model: str | None, no_db: bool, strict: bool,
        prune: bool, max_bytes: int, max_chars: int, max_pages: int, jobs: int | None, executor: str,
        scheduler: str | None, follow_symlinks: bool, redact: bool) -> None:
    """Process every letter under INPUT_DIR (.txt .html .docx .pdf, scans .png .jpg .tif) into OUT_DIR.

    Writes letters.jsonl (one record per letter, sorted), errors.jsonl (one line
    per input that could not become a record, with a stable code), letters.db
    (SQLite) and manifest.json (inputs = records + errors + skipped). A re-run
    into the same OUT_DIR skips inputs whose bytes and pipeline are unchanged,
    and resumes after a crash. One run or load at a time per OUT_DIR (a lock).

    Example: govreply run corpora --out out
    """
    from .run import run as run_batch

    import os

    if scheduler and executor != "dask":
        raise click.ClickException("--scheduler goes with --executor dask")
    limits = Limits(max_bytes=max_bytes, max_chars=max_chars, max_pages=max_pages)
    bar = None
    if sys.stderr.isatty() and logging.getLogger().level <= logging.WARNING:
        from tqdm import tqdm

        bar = tqdm(unit="input", desc="letters", dynamic_ncols=True, file=sys.stderr)
    try:
        summary = run_batch(input_dir, out_dir, segmenter=segmenter, pkuseg_model=pkuseg_model,
                            write_db=not no_db, prune=prune, limits=limits, jobs=jobs or os.cpu_count() or 1,
                            progress=bar.update if bar else None, total=bar.reset if bar else None,
                            scheduler=(scheduler or "local") if executor == "dask" else None,
                            follow_symlinks=follow_symlinks, redact=redact)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    except ImportError as exc:
        if exc.name in ("distributed", "dask"):
            raise click.ClickException("--executor dask needs Dask: pip install 'govreply[dask]'") from exc
        raise
    finally:
        if bar is not None:
            bar.close()
    s = summary.as_dict()
    click.echo(f"inputs: {s['inputs']}  records: {s['records']}  errors: {s['errors']}  skipped: {s['skipped']}"
               f"  ({s['seconds']:.1f} s) -> {out_dir}")
    extra = [f"unchanged (not re-extracted): {s['unchanged']}" if s["unchanged"] else "",
             f"records of removed inputs kept: {s['carried_over']} (--prune drops them)" if s["carried_over"] else "",
             f"records of removed inputs dropped: {s['pruned']}" if s["pruned"] else ""]
    for line in filter(None, extra):
        click.echo(f"  {line}")
    if strict and summary.errors:
        sys.exit(1)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="The run's output folder (holding letters.jsonl).")
@click.option("-v", "--verbose", is_flag=True, help="List every miss and spurious item.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the figures as JSON to this file.")
@click.option("--by-stem", is_flag=True,
              help="Match records to gold by file name without extension (letters rendered to PDF or images).")
def eval_(gold_dir: Path, out_dir: Path, verbose: bool, json_out: Path | None, by_stem: bool) -> None:
    """Score OUT_DIR/letters.jsonl against the gold files in GOLD_DIR.

    Prints precision, recall and F1 per entity type and accuracy per field.

    Example: govreply eval corpora/gold --out out -v
    """
    from .evaluate import evaluate, format_report

    if not (out_dir / "letters.jsonl").exists():
        raise click.ClickException(f"{out_dir / 'letters.jsonl'} does not exist: run `govreply run` first")
    report = evaluate(gold_dir, out_dir, by_stem=by_stem)
    click.echo(format_report(report, verbose=verbose))
    if json_out:
        json_out.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@segmenter_option
@pkuseg_option
@click.option("--no-text", is_flag=True, help="Leave the long text field out of the output.")
def parse(file: Path, segmenter: str, pkuseg_model: str | None, no_text: bool) -> None:
    """Parse one letter and print its record as JSON.

    Example: govreply parse letter.txt --no-text
    """
    from .api import Pipeline
    from .errors import PipelineError
    from .read import read_file

    try:
        record = Pipeline(segmenter=segmenter, pkuseg_model=pkuseg_model).process(read_file(file, file.name))
    except PipelineError as exc:
        raise click.ClickException(f"{exc.code}: {exc.message}") from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    data = record.model_dump(mode="json", exclude={"text"} if no_text else None)
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"),
              show_default=True)
@click.option("--check", is_flag=True, help="Exit 1 when the committed schema files are stale.")
def schema(out_dir: Path, check: bool) -> None:
    """Write the JSON Schema of the record (letter.schema.json) generated from the models.

    Example: govreply schema --check
    """
    from .schema import render_schema

    target = out_dir / "letter.schema.json"
    rendered = render_schema()
    if check:
        if not target.exists() or target.read_text(encoding="utf-8") != rendered:
            raise click.ClickException(f"{target} is stale: run `make schemas`")
        click.echo(f"{target} is up to date")
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(rendered, encoding="utf-8")
    click.echo(f"wrote {target}")


db_option = click.option("--db", default="out/letters.db", show_default=True,
                         help="A SQLite file written by `govreply run`, or a postgresql:// URL (query only).")


@main.command()
@click.argument("text")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("out/letters.db"),
              show_default=True, help="The SQLite database written by `govreply run`.")
@click.option("-n", "--limit", type=click.IntRange(1), default=10, show_default=True, help="How many letters.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON lines.")
def search(text: str, db: Path, limit: int, as_json: bool) -> None:
    """Full-text search of the letters (Chinese words found inside longer words too).

    Every term must occur; quote a phrase to keep it whole. Letters are ranked by BM25,
    each with a snippet of its best-matching section.

    Example: govreply search "隐形冠军" --db out/letters.db
    """
    from .store.sqlite import search as run_search

    try:
        color = sys.stdout.isatty() and not as_json
        mark = ("\x1b[1;31m", "\x1b[0m") if color else ("【", "】")
        hits = run_search(db, text, limit=limit, mark=mark)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    for k, hit in enumerate(hits, 1):
        if as_json:
            click.echo(json.dumps(hit.__dict__, ensure_ascii=False))
            continue
        click.echo(f"{k}. {hit.title or '(no title)'}  [{hit.sender or '?'}, {hit.date or '?'}]  "
                   f"id {hit.letter_id}  score {-hit.score:.2f}")
        click.echo(f"   {hit.snippet}")
    if not hits and not as_json:
        click.echo("no letter matches")


@main.command()
@click.argument("sql")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--timeout", type=click.FloatRange(0, min_open=True), default=30, show_default=True,
              help="Stop the query after this many seconds.")
@click.option("--limit", type=click.IntRange(0), default=None,
              help="At most this many rows; 0 for all [default: 10000 for a table or a terminal, "
                   "all for csv/json into a pipe or file].")
def query(sql: str, db: str, fmt: str, timeout: float, limit: int | None) -> None:
    """Run one read-only SQL statement against the database and print the rows.

    Nothing sent here can change the database: SQLite is opened read-only (writes and ATTACH
    refused), PostgreSQL in a read-only session where only a single SELECT, WITH … SELECT,
    VALUES or TABLE statement is taken. Rows are streamed (memory stays flat).

    Example: govreply query "SELECT category, COUNT(*) FROM letters GROUP BY category" --format csv
    """
    import csv
    import itertools
    import sqlite3

    from .errors import QueryError
    from .store.postgres import is_postgres

    if limit is None:
        limit = 10_000 if fmt == "table" or sys.stdout.isatty() else 0
    try:
        if is_postgres(db):
            from .store.postgres import query as pg_query

            columns, rows = pg_query(db, sql, timeout=timeout)
        else:
            from .store.sqlite import query as sqlite_query

            columns, rows = sqlite_query(Path(db), sql, timeout=timeout)
        shown = itertools.islice(rows, limit) if limit else rows
        if fmt == "json":
            for row in shown:
                click.echo(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str))
        elif fmt == "csv":
            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(shown)
        else:
            click.echo(_table(columns, list(shown)))
        more = limit and next(rows, None) is not None
        rows.close()
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    except sqlite3.Error as exc:
        if "interrupted" in str(exc):
            raise QueryError.timed_out(timeout) from exc
        raise QueryError(str(exc)) from exc
    if more:
        click.echo(f"(only the first {limit:,} rows: --limit N for more, --limit 0 for all)", err=True)


def _table(columns: list[str], rows: list[tuple]) -> str:
    """A plain text table; widths count a Chinese character as two columns."""
    import unicodedata

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    cells = [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max([width(c)] + [width(r[k]) for r in cells]) for k, c in enumerate(columns)]

    def line(values):
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)


@main.command()
@click.option("--db", required=True, help="postgresql://user:password@host:port/dbname, or a SQLite file path.")
@click.option("--from", "out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="The run's output folder (letters.jsonl, errors.jsonl).")
@click.option("--batch", type=click.IntRange(1), default=500, show_default=True, help="Records per transaction.")
@click.option("--mode", type=click.Choice(["append", "mirror"]), default="append", show_default=True,
              help="append: add and update letters, keep the others; mirror: also delete the letters "
                   "(and errors) that are not in OUT_DIR.")
def load(db: str, out_dir: Path, batch: int, mode: str) -> None:
    """Load OUT_DIR/letters.jsonl into PostgreSQL or a SQLite file, upserting by record id.

    Both databases do the same: a letter whose record is unchanged is skipped, a changed one
    replaced; --mode mirror also deletes what OUT_DIR does not hold. PostgreSQL loads in batches,
    one transaction each, so a load can be re-run or resumed. OUT_DIR is locked meanwhile.

    Example: govreply load --db postgresql://govreply@localhost/govreply --from out
    """
    from .models import ErrorRecord
    from .store.jsonl import read_jsonl
    from .store.output import OutputFolder
    from .store.postgres import is_postgres, mask_dsn

    letters = out_dir / "letters.jsonl"
    if not letters.exists():
        raise click.ClickException(f"{letters} does not exist: run `govreply run` first")
    with OutputFolder(out_dir, create=False):
        errors_path = out_dir / "errors.jsonl"
        errors = list(read_jsonl(errors_path)) if errors_path.exists() else []
        with open(letters, encoding="utf-8") as lines:
            records = (line for line in lines if line.strip())
            if is_postgres(db):
                from .store.postgres import load_postgres

                counts = load_postgres(db, records, errors, batch_size=batch, mode=mode)
                click.echo(f"letters inserted: {counts['inserted']}  replaced: {counts['replaced']}  "
                           f"unchanged: {counts['unchanged']}  deleted: {counts['deleted']}  "
                           f"errors: {counts['errors']} -> {mask_dsn(db)}")
                return
            _load_sqlite(Path(db), out_dir, records, [ErrorRecord.model_validate(e) for e in errors], mode)
    click.echo(f"loaded {letters} -> {db} ({mode})")


def _load_sqlite(db: Path, out_dir: Path, records, errors, mode: str) -> None:
    """Into a SQLite file, under the lock of its folder too when that is another output folder."""
    import sqlite3
    from contextlib import nullcontext

    from .errors import OutputError
    from .store.output import OutputFolder
    from .store.sqlite import write_sqlite

    other = db.resolve().parent != out_dir.resolve()
    with OutputFolder(db.parent) if other else nullcontext():
        try:
            write_sqlite(db, records, errors, mode=mode)
        except (sqlite3.Error, OSError) as exc:
            raise OutputError.of(db, exc) from exc


@main.command(name="export")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("out"))
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
@click.option("--to", "to_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the files go [default: OUT_DIR/export].")
@redact_option
def export_(out_dir: Path, fmt: str, to_dir: Path | None, redact: bool) -> None:
    """Write the tables of OUT_DIR (letters, entities, organizations, money, dates, targets …) as
    one Parquet or CSV file each, typed: amounts as exact decimals, dates as dates.

    Example: govreply export out --format parquet --to data/
    """
    from .store.export import ExportError, export
    from .store.output import OutputFolder

    try:
        with OutputFolder(out_dir, create=False):
            counts = export(out_dir, fmt, to_dir, transform=_redactor(redact))
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    where = to_dir or out_dir / "export"
    click.echo("  ".join(f"{table}: {n}" for table, n in counts.items()) + f" -> {where}")


def _redactor(redact: bool):
    """The record transform of --redact, or None."""
    if not redact:
        return None
    from .redact import redact as redact_record

    return redact_record


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("out"))
def datasette(out_dir: Path) -> None:
    """Write OUT_DIR/metadata.yml for Datasette (govreply run writes it too): table and column
    descriptions, facets, the README's questions and a Chinese full-text search as canned queries.

    Example: govreply datasette out && datasette out/letters.db -m out/metadata.yml
    """
    from .store.datasette import metadata_yaml
    from .store.output import OutputFolder

    with OutputFolder(out_dir, create=False) as folder:
        folder.stage_text("metadata.yml", metadata_yaml())
        folder.commit()
    click.echo(f"wrote {out_dir / 'metadata.yml'}: datasette {out_dir / 'letters.db'} -m {out_dir / 'metadata.yml'}")


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("out"))
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Targets due by this date are listed as due or overdue [default: today].")
@click.option("--to", "to_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the report goes [default: OUT_DIR/report].")
@redact_option
def report(out_dir: Path, as_of, to_dir: Path | None, redact: bool) -> None:
    """Write an offline HTML report of OUT_DIR: an overview with charts and one page per letter.

    Example: govreply report out --as-of 2025-12-31 && open out/report/index.html
    """
    from .report import build

    try:
        summary = build(out_dir, as_of.date() if as_of else None, to_dir, transform=_redactor(redact))
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{summary.letters} letters, {summary.pages} pages, {summary.bytes / 1e6:.1f} MB in "
               f"{summary.seconds:.1f} s -> {summary.path / 'index.html'}")
