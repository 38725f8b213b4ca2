"""Deterministic JSONL: one object a line, keys in model order, UTF-8, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterable

from pydantic import BaseModel


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def publish(tmp: str | Path, path: Path) -> None:
    """Rename a finished temporary file into place, readable as a normally created file would be
    (mkstemp makes its files private)."""
    os.chmod(tmp, _FILE_MODE)
    os.replace(tmp, path)


def dumps(model: BaseModel) -> str:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def write_jsonl(path: Path, models: Iterable[BaseModel]) -> int:
    """Write ``models`` to ``path`` via a temporary file and a rename; returns the line count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for model in models:
                fh.write(dumps(model))
                fh.write("\n")
                count += 1
        publish(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def read_jsonl(path: Path) -> Iterable[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
