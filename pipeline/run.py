"""The batch: walk a folder, process every input, account for each, write the outputs.

Every input ends as exactly one of: a record (``letters.jsonl``), an error
(``errors.jsonl``, with a stable code), or skipped (a file of a format no
reader takes: listed in ``manifest.json``). ``inputs = records + errors + skipped``.

Inputs are taken in the order of their relative paths and their results written in that order
as they come (memory does not grow with the folder); with ``jobs > 1`` worker processes
extract while the main process reads, looks up the cache and writes, and the output is the
same file for any number of jobs. With a Dask scheduler the same stage function runs on the
cluster's workers instead, and the outputs are the same files. An input whose bytes and pipeline
are unchanged since an earlier run into the same folder is taken from the work cache
(``store/cache.py``).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

from . import SCHEMA_VERSION, __version__
from .errors import OutputError, PipelineError
from .inputs import Input, walk
from .models import ErrorRecord
from .read import Limits, format_of, read_bytes, read_limited
from .read.ocr import engine_version as ocr_engine_version
from .redact import redact as redact_record
from .store.cache import Cache, fingerprint
from .store.datasette import metadata_yaml
from .store.jsonl import AtomicLines
from .store.output import OutputFolder
from .store.rows import dumps
from .store.sqlite import write_sqlite
from .workers import die_with_parent, ordered_map

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


def run(input_dir: Path, out_dir: Path, segmenter: str = "jieba", pkuseg_model: str | None = None,
        write_db: bool = True, progress: Callable[[int], None] | None = None, prune: bool = False,
        limits: Limits | None = None, jobs: int = 1, total: Callable[[int], None] | None = None,
        scheduler: str | None = None, follow_symlinks: bool = False, redact: bool = False) -> RunSummary:
    """Process ``input_dir`` into ``out_dir`` (letters.jsonl, errors.jsonl, letters.db, manifest.json).

    Incremental: an input whose bytes and pipeline fingerprint are unchanged since an earlier run
    into the same ``out_dir`` is taken from the work cache, not extracted again. Records of inputs
    that are gone are kept unless ``prune``. The outputs are switched into place together at the
    end (``store/output.py``), under the folder's lock. With ``redact`` every record is written
    redacted (``pipeline/redact.py``), those carried over from an earlier run too. Raises
    :class:`~pipeline.errors.OutputLocked`
    when another run holds it, :class:`~pipeline.errors.OutputError` when an output cannot be written.
    """
    started = time.perf_counter()
    limits = limits or Limits()
    inputs = walk(Path(input_dir), follow_symlinks)
    if total:
        total(len(inputs))  # a progress bar's length: its ETA
    if scheduler is None:
        jobs = min(jobs, workers_for(inputs))
    with OutputFolder(out_dir) as folder:
        cache = folder.open_cache(fingerprint(segmenter, pkuseg_model, limits, redact, ocr_engine_version()))
        summary = RunSummary()
        carried = _carried_over(folder.path / "letters.jsonl", {item.rel for item in inputs}, redact)
        if prune:
            summary.pruned, carried = len(carried), []
        summary.carried_over = len(carried)
        letters = _Merged(folder.lines("letters.jsonl"), carried)
        errors = _extract(inputs, limits, cache, _Work(segmenter, pkuseg_model, limits, redact), jobs, scheduler,
                          letters, summary, progress)
        letters.finish()
        folder.finish(letters.writer)
        summary.errors = len(errors)
        errors.sort(key=lambda e: e.path)
        errors_out = folder.lines("errors.jsonl")
        for error in errors:
            errors_out.write(error.model_dump_json())
        folder.finish(errors_out)
        if write_db:  # the database is built from the JSONL just written: the two are in step
            _stage_database(folder, errors)
            folder.stage_text("metadata.yml", metadata_yaml())  # datasette letters.db -m metadata.yml
        folder.stage_text("manifest.json", _manifest(summary, segmenter, redact))
        folder.commit()
    summary.seconds = time.perf_counter() - started
    return summary


#: what starting a worker process costs, in letters of text: no worker for fewer than this each
_LETTERS_A_WORKER = 8
#: formats that may take seconds an input (a PDF or an image may need OCR), counted as that many
_SLOW_FORMATS = frozenset({"pdf", "image"})


def workers_for(inputs: list[Input]) -> int:
    """How many worker processes the inputs are worth: one for every ``_LETTERS_A_WORKER`` text
    inputs (starting one costs about a second), and one for each PDF or image, which may be a scan."""
    work = sum(_LETTERS_A_WORKER if format_of(item.path) in _SLOW_FORMATS else 1 for item in inputs)
    return max(1, work // _LETTERS_A_WORKER)


def _extract(inputs: list[Input], limits: Limits, cache: Cache, work: "_Work", jobs: int, scheduler: str | None,
             letters: "_Merged", summary: RunSummary, progress: Callable[[int], None] | None) -> list[ErrorRecord]:
    """Every input to a record (written to ``letters`` in path order), an error (returned) or skipped."""
    errors: list[ErrorRecord] = []
    path_of = {item.rel: item.path for item in inputs}
    for kind, rel, sha, fmt, payload in _results(_items(inputs, limits, cache), work, jobs, scheduler):
        summary.inputs += 1
        if kind == "hit":
            entry = cache.get(sha, fmt) or {}
            if "record" in entry:
                letters.write(rel, _with_path(entry["record"], rel))
                summary.records += 1
            elif "error" in entry:
                errors.append(ErrorRecord.model_validate({**entry["error"], "path": rel}))
            else:  # a cache line that cannot be read back: extract again, then as any other result
                kind, rel, sha, fmt, payload = work(next(_items([Input(rel, path_of[rel])], limits, None)))
            summary.unchanged += kind == "hit"
        if kind == "skip":
            summary.skipped.append(rel)
        elif kind == "record":
            cache.put_line(sha, "record", payload, fmt)
            letters.write(rel, payload)
            summary.records += 1
            summary.processed += 1
        elif kind != "hit":  # an error: from the reader or the pipeline (cached), or the file system (not)
            error = ErrorRecord.model_validate_json(payload)
            if kind == "error" and sha is not None:
                cache.put_line(sha, "error", payload, fmt)
            errors.append(error)
            summary.processed += kind != "unreadable"
        if progress:
            progress(1)
    return errors


def _stage_database(folder: OutputFolder, errors: list[ErrorRecord]) -> None:
    """letters.db brought in step with the staged letters.jsonl, in a copy switched with the rest."""
    db = folder.stage_copy("letters.db")
    try:
        with open(folder.staged["letters.jsonl"], encoding="utf-8") as lines:
            write_sqlite(db, lines, errors)
    except (sqlite3.Error, OSError) as exc:  # a full disk shows as "database or disk is full"
        raise OutputError.of(folder.path / "letters.db", exc) from exc


def _items(inputs: list[Input], limits: Limits, cache: Cache | None) -> Iterator[tuple]:
    """What each input needs: skipping, the cache, an error record, or extracting (with its bytes)."""
    for item in inputs:
        rel = item.rel
        fmt = format_of(item.path)
        if item.skipped or (fmt is None and not item.folder):  # (a FIFO named .md is no input either)
            yield ("skip", rel, None, None, None)
            continue
        try:
            if item.problem is not None:
                raise item.problem
            data = read_limited(item.path, limits)
        except PipelineError as exc:  # about the file system, never cached
            yield ("unreadable", rel, None, fmt, ErrorRecord(path=rel, code=exc.code, message=exc.message)
                   .model_dump_json())
            continue
        sha = hashlib.sha256(data).hexdigest()
        if cache is not None and cache.has(sha, fmt):
            yield ("hit", rel, sha, fmt, None)
        else:
            yield ("work", rel, sha, fmt, data)


class _Work:
    """Extraction of one input's bytes: a record's JSON line or an error's. The pipeline is built
    once per process, and only when an input needs extracting."""

    def __init__(self, segmenter: str, pkuseg_model: str | None, limits: Limits, redact: bool = False):
        self.segmenter, self.pkuseg_model, self.limits, self.redact = segmenter, pkuseg_model, limits, redact
        self._pipeline = None

    def __call__(self, item: tuple) -> tuple:
        kind, rel, sha, fmt, data = item
        if kind != "work":
            return item
        try:
            document = read_bytes(data, rel, fmt, self.limits)
            if self._pipeline is None:
                from .api import Pipeline

                self._pipeline = Pipeline(segmenter=self.segmenter, pkuseg_model=self.pkuseg_model,
                                          max_chars=self.limits.max_chars)
                # the dictionaries just built live as long as the process: the garbage collector
                # need not look at their million objects again
                gc.freeze()
            record = self._pipeline.process(document)
            if self.redact:
                return ("record", rel, sha, fmt, dumps(redact_record(record.model_dump(mode="json"))))
            return ("record", rel, sha, fmt, record.model_dump_json())
        except PipelineError as exc:
            return ("error", rel, sha, fmt, ErrorRecord(path=rel, code=exc.code, message=exc.message,
                                                        sha256=sha).model_dump_json())
        except Exception as exc:  # a bug must not stop the batch; reported with its type, not cached
            log.exception("internal error on %s", rel)
            return ("internal", rel, None, fmt, ErrorRecord(path=rel, code="internal", sha256=sha,
                                                            message=f"{type(exc).__name__}: {exc}").model_dump_json())


_WORKER: _Work | None = None


def _one_ocr_thread() -> None:
    """In a worker process: the workers share the cores, so OCR (onnxruntime) takes one thread each
    unless GOVREPLY_OCR_THREADS says otherwise."""
    os.environ.setdefault("GOVREPLY_OCR_THREADS", "1")


def _init_worker(work: _Work, parent_pid: int) -> None:
    global _WORKER  # one pipeline per worker process, built on its first input
    die_with_parent(parent_pid)
    _one_ocr_thread()
    _WORKER = work


def _in_worker(item: tuple) -> tuple:
    return _WORKER(item)


def _results(items: Iterator[tuple], work: _Work, jobs: int, scheduler: str | None = None) -> Iterator[tuple]:
    """Results in input order: inline for one job, from a pool of worker processes, or from a Dask
    cluster when ``scheduler`` is given ("local" starts a LocalCluster of ``jobs`` workers)."""
    if scheduler is not None:
        yield from _dask_results(items, work, jobs, scheduler)
        return
    if jobs <= 1:
        yield from map(work, items)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    yield from ordered_map(_in_worker, items, jobs, needs_worker=lambda item: item[0] == "work",
                           on_crash=_crashed, context=context, initializer=_init_worker,
                           initargs=(work, os.getpid()))


def _crashed(item: tuple) -> tuple:
    """The error of an input whose worker process died extracting it (not cached: it may not be
    the input's fault)."""
    _, rel, sha, fmt, _ = item
    log.warning("the worker process died extracting %s: reported as 'crashed', the batch goes on", rel)
    return ("internal", rel, None, fmt, ErrorRecord(
        path=rel, code="crashed", sha256=sha,
        message="the worker process extracting it died (a crash in a library, or it ran out of "
                "memory); the batch went on").model_dump_json())


_DASK_WORKERS: dict[tuple, _Work] = {}
#: inputs in flight on a Dask cluster at once (bounds the memory of the bytes sent)
DASK_WINDOW = 256


def _dask_task(item: tuple, segmenter: str, pkuseg_model: str | None, limits: Limits, redact: bool = False) -> tuple:
    """The stage function on a Dask worker: one pipeline per worker process, kept between tasks."""
    key = (segmenter, pkuseg_model, limits, redact)
    if key not in _DASK_WORKERS:
        _one_ocr_thread()
        _DASK_WORKERS[key] = _Work(segmenter, pkuseg_model, limits, redact)
    return _DASK_WORKERS[key](item)


def _dask_results(items: Iterator[tuple], work: _Work, jobs: int, scheduler: str) -> Iterator[tuple]:
    from collections import deque

    from distributed import Client, LocalCluster

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        scheduler = cluster.scheduler_address
    client = Client(scheduler)
    try:
        window: deque = deque()
        for item in items:
            if item[0] == "work":
                window.append(client.submit(_dask_task, item, work.segmenter, work.pkuseg_model, work.limits,
                                            work.redact, pure=False))
            else:
                window.append(item)
            while len(window) > DASK_WINDOW:
                yield _resolved(window.popleft())
        while window:
            yield _resolved(window.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _resolved(entry) -> tuple:
    return entry if isinstance(entry, tuple) else entry.result()


def _with_path(record: dict, rel: str) -> str:
    return dumps({**record, "source": {**record["source"], "path": rel}})


def _carried_over(path: Path, present: set[str], redact: bool = False) -> list[tuple[str, str]]:
    """``(path, line)`` of the records an earlier run wrote for inputs that are gone, in path order
    (redacted when ``redact``: an earlier run may not have been)."""
    if not path.exists():
        return []
    kept = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                data = json.loads(line, parse_float=Decimal)
                rel = data["source"]["path"]
            except (ValueError, KeyError, TypeError):
                continue
            if rel not in present:
                kept.append((rel, dumps(redact_record(data)) if redact else line.rstrip("\n")))
    kept.sort()
    return kept


class _Merged:
    """letters.jsonl: this run's records in path order, the carried-over ones merged in."""

    def __init__(self, writer: AtomicLines, carried: list[tuple[str, str]]):
        self.writer, self.carried = writer, carried

    def write(self, rel: str, line: str) -> None:
        """Write ``line`` after the carried-over records whose path sorts before ``rel``."""
        while self.carried and self.carried[0][0] < rel:
            self.writer.write(self.carried.pop(0)[1])
        self.writer.write(line)

    def finish(self) -> None:
        """The carried-over records after the last input."""
        for _, line in self.carried:
            self.writer.write(line)
        self.carried = []


def _manifest(summary: RunSummary, segmenter: str, redact: bool = False) -> str:
    """What the outputs hold: the same for an interrupted-and-resumed run as for one straight run."""
    counts = summary.as_dict()
    manifest = {"govreply_version": __version__, "schema_version": SCHEMA_VERSION, "segmenter": segmenter,
                **{k: counts[k] for k in ("inputs", "records", "errors", "skipped", "carried_over")},
                "skipped_files": summary.skipped, **({"redacted": True} if redact else {})}
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
