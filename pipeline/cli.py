"""govreply: the command line. Each command parses its arguments and calls one API function."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .read import Limits

segmenter_option = click.option("--segmenter", type=click.Choice(["jieba", "char", "pkuseg"]), default="jieba",
                                show_default=True, help="Word segmenter (see README: what each costs and gives).")
pkuseg_option = click.option("--pkuseg-model", type=click.Path(exists=True, file_okay=False),
                             help="Model folder for --segmenter pkuseg (spacy-pkuseg ships none).")


@click.group()
@click.version_option(__version__, prog_name="govreply")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
def main(quiet: bool) -> None:
    """Turn Chinese government reply letters (答复函) into validated records and a database."""
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


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
              help="Refuse PDFs with more pages.")
def run(input_dir: Path, out_dir: Path, segmenter: str, pkuseg_model: str | None, no_db: bool, strict: bool,
        prune: bool, max_bytes: int, max_chars: int, max_pages: int) -> None:
    """Process every letter under INPUT_DIR (.txt, .html, .docx, .pdf) into OUT_DIR.

    Writes letters.jsonl (one record per letter, sorted), errors.jsonl (one line
    per input that could not become a record, with a stable code), letters.db
    (SQLite) and manifest.json (inputs = records + errors + skipped). A re-run
    into the same OUT_DIR skips inputs whose bytes and pipeline are unchanged,
    and resumes after a crash.

    Example: govreply run corpora --out out
    """
    from .run import run as run_batch

    limits = Limits(max_bytes=max_bytes, max_chars=max_chars, max_pages=max_pages)
    try:
        summary = run_batch(input_dir, out_dir, segmenter=segmenter, pkuseg_model=pkuseg_model,
                            write_db=not no_db, prune=prune, limits=limits)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
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
def eval_(gold_dir: Path, out_dir: Path, verbose: bool, json_out: Path | None) -> None:
    """Score OUT_DIR/letters.jsonl against the gold files in GOLD_DIR.

    Prints precision, recall and F1 per entity type and accuracy per field.

    Example: govreply eval corpora/gold --out out -v
    """
    from .evaluate import evaluate, format_report

    if not (out_dir / "letters.jsonl").exists():
        raise click.ClickException(f"{out_dir / 'letters.jsonl'} does not exist: run `govreply run` first")
    report = evaluate(gold_dir, out_dir)
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
