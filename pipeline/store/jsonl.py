"""JSONL files: one object a line, UTF-8, written to a temporary file and renamed into place."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Iterable

from ..errors import OutputError


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


def temp_file(path: Path) -> str:
    """A new temporary file beside ``path`` (``.<name>.<random>``: removed by the next opening of
    the folder if the process that made it dies)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise OutputError.of(path, exc) from exc
    os.close(fd)
    return tmp


class AtomicLines:
    """A JSONL file written line by line to a temporary file beside it, for the output folder to
    switch into place (``store/output.py``); until then the previous file stays whole. An OS error
    (a full disk) is raised as :class:`~pipeline.errors.OutputError` naming the file."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp = temp_file(path)
        self.fh = open(self.tmp, "w", encoding="utf-8", newline="\n")

    def write(self, line: str) -> None:
        try:
            self.fh.write(line)
            self.fh.write("\n")
        except OSError as exc:
            raise OutputError.of(self.path, exc) from exc

    def close(self) -> None:
        """Write out what is buffered and close; the file stays temporary (the output folder
        syncs and renames it: ``store/output.py``)."""
        try:
            self.fh.close()
        except OSError as exc:
            raise OutputError.of(self.path, exc) from exc

    def abort(self) -> None:
        try:
            self.fh.close()
        except OSError:
            pass  # a full disk again on the last flush: the file is dropped anyway
        Path(self.tmp).unlink(missing_ok=True)


def read_jsonl(path: Path) -> Iterable[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
