"""The batch: walk a folder, process every input, account for each, write the outputs.

Every input ends as exactly one of: a record (``letters.jsonl``), an error
(``errors.jsonl``, with a stable code), or skipped (a file of a format no
reader takes: listed in ``manifest.json``). ``inputs = records + errors + skipped``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

from . import SCHEMA_VERSION, __version__
from .errors import PipelineError
from .models import ErrorRecord, LetterRecord
from .read import Limits, format_of, read_bytes, read_limited
from .store.cache import Cache, fingerprint
from .store.jsonl import write_jsonl
from .store.sqlite import write_sqlite

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    inputs: int = 0
    records: int = 0
    errors: int = 0
    skipped: list[str] = field(default_factory=list)
    processed: int = 0  # inputs extracted in this run
    unchanged: int = 0  # inputs whose bytes and pipeline were unchanged: taken from the cache
    carried_over: int = 0  # records of inputs no longer in the folder, kept (no --prune)
    pruned: int = 0  # records of inputs no longer in the folder, dropped (--prune)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"inputs": self.inputs, "records": self.records, "errors": self.errors,
                "skipped": len(self.skipped), "processed": self.processed, "unchanged": self.unchanged,
                "carried_over": self.carried_over, "pruned": self.pruned, "seconds": round(self.seconds, 3)}


def walk(root: Path) -> Iterator[Path]:
    """Every file below ``root`` in a stable order; hidden files and folders and symlinked folders are not entered."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def run(input_dir: Path, out_dir: Path, segmenter: str = "jieba", pkuseg_model: str | None = None,
        write_db: bool = True, progress: Callable[[int], None] | None = None, prune: bool = False,
        limits: Limits | None = None) -> RunSummary:
    """Process ``input_dir`` into ``out_dir`` (letters.jsonl, errors.jsonl, letters.db, manifest.json).

    Incremental: an input whose bytes and pipeline fingerprint are unchanged since an earlier run
    into the same ``out_dir`` is taken from the work cache, not extracted again. Records of inputs
    that are gone are kept unless ``prune``. Every output is written atomically.
    """
    started = time.perf_counter()
    input_dir = Path(input_dir)
    out_dir = Path(out_dir)
    limits = limits or Limits()
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = Cache(out_dir, fingerprint(segmenter, pkuseg_model, limits)).load()
    lazy = _LazyPipeline(segmenter, pkuseg_model)
    summary = RunSummary()
    records: list[LetterRecord] = []
    errors: list[ErrorRecord] = []
    seen: set[str] = set()
    try:
        for path in walk(input_dir):
            summary.inputs += 1
            rel = path.relative_to(input_dir).as_posix()
            seen.add(rel)
            if format_of(path) is None:
                summary.skipped.append(rel)
            else:
                result, reused = process_path(lazy, path, rel, cache, limits)
                (records if isinstance(result, LetterRecord) else errors).append(result)
                if reused:
                    summary.unchanged += 1
                else:
                    summary.processed += 1
            if progress:
                progress(1)
    finally:
        cache.close(compact=False)
    summary.records, summary.errors = len(records), len(errors)
    for old in _previous_records(out_dir / "letters.jsonl"):
        if old.source.path not in seen:
            if prune:
                summary.pruned += 1
            else:
                records.append(old)
                summary.carried_over += 1
    records.sort(key=lambda r: r.source.path)
    errors.sort(key=lambda e: e.path)
    write_jsonl(out_dir / "letters.jsonl", records)
    write_jsonl(out_dir / "errors.jsonl", errors)
    if write_db:  # the database is built from the JSONL just written: the two are in step
        with open(out_dir / "letters.jsonl", encoding="utf-8") as lines:
            write_sqlite(out_dir / "letters.db", lines, errors)
    _write_manifest(out_dir, summary, segmenter)
    cache.close(compact=True)
    summary.seconds = time.perf_counter() - started
    return summary


class _LazyPipeline:
    """The pipeline is built (jieba's dictionary loaded) only when an input needs extracting."""

    def __init__(self, segmenter: str, pkuseg_model: str | None):
        self.segmenter, self.pkuseg_model = segmenter, pkuseg_model
        self._pipeline = None

    def get(self):
        if self._pipeline is None:
            from .api import Pipeline

            self._pipeline = Pipeline(segmenter=self.segmenter, pkuseg_model=self.pkuseg_model)
        return self._pipeline


def process_path(lazy: _LazyPipeline, path: Path, rel: str, cache: Cache | None = None,
                 limits: Limits | None = None) -> tuple[LetterRecord | ErrorRecord, bool]:
    """One input to a record or an error record, and whether it came from the cache; nothing escapes."""
    try:
        data = read_limited(path, limits or Limits())
    except PipelineError as exc:  # unreadable or too large: about the file system, never cached
        return ErrorRecord(path=rel, code=exc.code, message=exc.message), False
    sha = hashlib.sha256(data).hexdigest()
    fmt = format_of(path) or "txt"
    cached = cache.get(sha, fmt) if cache is not None else None
    if cached is not None:
        try:
            return _from_cache(cached, rel), True
        except (ValueError, KeyError, TypeError):
            pass  # a cache line from an older layout: extract again
    try:
        document = read_bytes(data, rel, fmt, limits)
        result: LetterRecord | ErrorRecord = lazy.get().process(document)
    except PipelineError as exc:
        result = ErrorRecord(path=rel, code=exc.code, message=exc.message, sha256=sha)
    except Exception as exc:  # a bug must not stop the batch; it is reported with its type, not cached
        log.exception("internal error on %s", rel)
        return ErrorRecord(path=rel, code="internal", message=f"{type(exc).__name__}: {exc}", sha256=sha), False
    if cache is not None:
        kind = "record" if isinstance(result, LetterRecord) else "error"
        cache.put(sha, kind, result.model_dump(mode="json"), fmt)
    return result, False


def _from_cache(entry: dict, rel: str) -> LetterRecord | ErrorRecord:
    if "record" in entry:
        data = dict(entry["record"])
        data["source"] = {**data["source"], "path": rel}
        return LetterRecord.model_validate(data)
    return ErrorRecord.model_validate({**entry["error"], "path": rel})


def _previous_records(path: Path) -> Iterator[LetterRecord]:
    """The records an earlier run wrote (to carry over those whose input is gone)."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                yield LetterRecord.model_validate(json.loads(line, parse_float=Decimal))
            except ValueError:
                continue


def _write_manifest(out_dir: Path, summary: RunSummary, segmenter: str) -> None:
    """What the outputs hold: the same for an interrupted-and-resumed run as for one straight run."""
    counts = summary.as_dict()
    manifest = {"govreply_version": __version__, "schema_version": SCHEMA_VERSION, "segmenter": segmenter,
                **{k: counts[k] for k in ("inputs", "records", "errors", "skipped", "carried_over")},
                "skipped_files": summary.skipped}
    tmp = out_dir / ".manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / "manifest.json")
