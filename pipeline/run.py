"""The batch: walk a folder, process every input, account for each, write the outputs.

Every input ends as exactly one of: a record (``letters.jsonl``), an error
(``errors.jsonl``, with a stable code), or skipped (a file of a format no
reader takes: listed in ``manifest.json``). ``inputs = records + errors + skipped``.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import SCHEMA_VERSION, __version__
from .errors import PipelineError
from .models import ErrorRecord, LetterRecord
from .read import format_of, read_file
from .store.jsonl import write_jsonl
from .store.sqlite import write_sqlite

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    inputs: int = 0
    records: int = 0
    errors: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {"inputs": self.inputs, "records": self.records, "errors": self.errors,
                "skipped": len(self.skipped), "seconds": round(self.seconds, 3)}


def walk(root: Path) -> Iterator[Path]:
    """Every file below ``root`` in a stable order; hidden files and folders and symlinked folders are not entered."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def run(input_dir: Path, out_dir: Path, segmenter: str = "jieba", pkuseg_model: str | None = None,
        write_db: bool = True, progress: Callable[[int], None] | None = None) -> RunSummary:
    """Process ``input_dir`` into ``out_dir`` (letters.jsonl, errors.jsonl, letters.db, manifest.json)."""
    from .api import Pipeline

    started = time.perf_counter()
    input_dir = Path(input_dir)
    out_dir = Path(out_dir)
    pipeline = Pipeline(segmenter=segmenter, pkuseg_model=pkuseg_model)
    summary = RunSummary()
    records: list[LetterRecord] = []
    errors: list[ErrorRecord] = []
    for path in walk(input_dir):
        summary.inputs += 1
        rel = path.relative_to(input_dir).as_posix()
        if format_of(path) is None:
            summary.skipped.append(rel)
        else:
            result = process_path(pipeline, path, rel)
            (records if isinstance(result, LetterRecord) else errors).append(result)
        if progress:
            progress(1)
    records.sort(key=lambda r: r.source.path)
    errors.sort(key=lambda e: e.path)
    summary.records = write_jsonl(out_dir / "letters.jsonl", records)
    summary.errors = write_jsonl(out_dir / "errors.jsonl", errors)
    if write_db:
        write_sqlite(out_dir / "letters.db", records, errors)
    summary.seconds = time.perf_counter() - started
    _write_manifest(out_dir, summary, segmenter)
    return summary


def process_path(pipeline, path: Path, rel: str) -> LetterRecord | ErrorRecord:
    """One input to a record or an error record; nothing escapes."""
    document = None
    try:
        document = read_file(path, display_path=rel)
        return pipeline.process(document)
    except PipelineError as exc:
        return ErrorRecord(path=rel, code=exc.code, message=exc.message,
                           sha256=document.sha256 if document else None)
    except Exception as exc:  # a bug must not stop the batch; it is reported with its type
        log.exception("internal error on %s", rel)
        return ErrorRecord(path=rel, code="internal", message=f"{type(exc).__name__}: {exc}",
                           sha256=document.sha256 if document else None)


def _write_manifest(out_dir: Path, summary: RunSummary, segmenter: str) -> None:
    manifest = {"govreply_version": __version__, "schema_version": SCHEMA_VERSION, "segmenter": segmenter,
                **{k: v for k, v in summary.as_dict().items() if k != "seconds"},
                "skipped_files": summary.skipped}
    tmp = out_dir / ".manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / "manifest.json")
